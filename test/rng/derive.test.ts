import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { derive, deriveSeed, type RandomStream } from "../../src/rng/index.ts";

interface FixtureCase {
  root: number | string;
  keys: (number | string)[];
  seed: string;
  uint32: number[];
  doubles: number[];
}
const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/rng/xor4096.json", import.meta.url), "utf8"),
) as { cases: FixtureCase[] };

const rootArb = fc.oneof(fc.nat(), fc.string({ minLength: 1, maxLength: 12 }));
const keyArb = fc.oneof(fc.nat(), fc.string({ maxLength: 12 }));

function take(stream: RandomStream, n: number): number[] {
  return Array.from({ length: n }, () => stream.nextUint32());
}

describe("derive: reproducible by key path", () => {
  it("matches an independent Python implementation (test/fixtures/make_rng_fixtures.py)", () => {
    for (const c of fixture.cases) {
      expect(deriveSeed(c.root, ...c.keys), `seed of ${JSON.stringify([c.root, ...c.keys])}`).toBe(
        c.seed,
      );
      const s = derive(c.root, ...c.keys);
      expect(take(s, c.uint32.length)).toEqual(c.uint32);
      s.nextUint32();
      // Doubles are built from exact integer arithmetic below 2^53, so equality is exact.
      expect(Array.from({ length: c.doubles.length }, () => s.nextDouble())).toEqual(c.doubles);
    }
  });

  it("same root and keys give the same numbers", () => {
    fc.assert(
      fc.property(rootArb, fc.array(keyArb, { maxLength: 4 }), (root, keys) => {
        expect(take(derive(root, ...keys), 8)).toEqual(take(derive(root, ...keys), 8));
      }),
      { numRuns: 50 },
    );
  });

  it("a stream does not depend on which other streams were derived or drawn from first", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.nat(30), (root, extraDraws) => {
        const keys = Array.from({ length: 8 }, (_, i) => i);
        const forward = keys.map((k) => take(derive(root, "chain", k), 4));
        // Reverse order, with unrelated draws interleaved: a different "schedule".
        const backward: number[][] = [];
        for (const k of [...keys].reverse()) {
          const noise = derive(root, "noise", k);
          for (let j = 0; j < extraDraws; j++) noise.nextDouble();
          backward[k] = take(derive(root, "chain", k), 4);
        }
        expect(backward).toEqual(forward);
      }),
      { numRuns: 20 },
    );
  });

  it("the key encoding is unambiguous: different paths give different seeds", () => {
    const paths: (number | string)[][] = [
      [1],
      ["1"],
      ["ab", "c"],
      ["a", "bc"],
      ["abc"],
      [1, 2],
      [12],
      ["1,2"],
      [],
      [""],
      ["", ""],
    ];
    const seeds = new Set(paths.map((p) => deriveSeed(7, ...p)));
    expect(seeds.size).toBe(paths.length);
    expect(deriveSeed(1)).not.toBe(deriveSeed("1"));
  });

  it("sibling streams are uncorrelated", () => {
    // Seed: derive(2024, "sibling", 0 | 1). Under independence, r·√n is ≈ N(0, 1); reject when
    // |r|·√n > 4.8916 = Φ⁻¹(1 − 5e-7): false-alarm probability 1e-6.
    const n = 200_000;
    const a = derive(2024, "sibling", 0);
    const b = derive(2024, "sibling", 1);
    let sa = 0;
    let sb = 0;
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    for (let i = 0; i < n; i++) {
      const x = a.nextDouble() - 0.5;
      const y = b.nextDouble() - 0.5;
      sa += x;
      sb += y;
      sab += x * y;
      saa += x * x;
      sbb += y * y;
    }
    const cov = sab / n - (sa / n) * (sb / n);
    const r = cov / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
    expect(Math.abs(r) * Math.sqrt(n)).toBeLessThan(4.8916);
  });

  it("rejects invalid roots and keys with a named error", () => {
    expect(() => derive(-1)).toThrow(/derive: rootSeed .*got -1/);
    expect(() => derive(1.5)).toThrow(/derive: rootSeed .*got 1.5/);
    expect(() => derive(Number.NaN)).toThrow(/derive: rootSeed .*got NaN/);
    expect(() => derive("")).toThrow(/derive: rootSeed .*got ""/);
    expect(() => derive(1, "a", -3)).toThrow(/derive: keys\[1\] .*got -3/);
    expect(() => deriveSeed(1, 0.5)).toThrow(/deriveSeed: keys\[0\] .*got 0.5/);
  });
});
