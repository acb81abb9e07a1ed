/**
 * Alias-table categorical sampler (Vose). Seeds: derive("test/sample/discrete/categorical",
 * <label>), labels in the test names and logged.
 *
 * Statistical checks, each at α = 1e-6: 4 chi-square tests against the table's p — file
 * false-alarm probability ≤ 4e-6. The construction checks (the table encodes p to ~1e-15),
 * zero-probability cells, laws and validation are deterministic.
 */
import { describe, expect, it } from "vitest";
import { derive } from "../../../src/rng/derive.ts";
import type { RandomStream } from "../../../src/rng/randomStream.ts";
import { createAliasTable } from "../../../src/sample/categorical.ts";
import { zipfProbabilities } from "../../../src/sample/zipf.ts";
import {
  assertFillMatchesSingle,
  assertSameOutputGivenSameSeed,
  expectInvalidParameter,
} from "../laws.ts";
import { expectChiSquare, seeded } from "../stats.ts";

/** A random probability vector of length k with about `zeroFraction` exact zeros. */
function randomP(s: RandomStream, k: number, zeroFraction: number): Float64Array {
  const w = new Float64Array(k);
  for (let i = 0; i < k; i++) w[i] = s.nextDouble() < zeroFraction ? 0 : s.nextDouble() ** 3;
  w[0] = 0.5; // at least one positive weight
  let sum = 0;
  for (const v of w) sum += v;
  return w.map((v) => v / sum);
}

function histogram(x: Int32Array, k: number): Float64Array {
  const h = new Float64Array(k);
  for (const v of x) h[v]++;
  return h;
}

describe("alias table: chi-square against p (α = 1e-6 each)", () => {
  const settings: [label: string, p: () => Float64Array][] = [
    ["random-k50-zeros", () => randomP(derive("test/sample/discrete/categorical", "p50"), 50, 0.3)],
    [
      "random-k1000-zeros",
      () => randomP(derive("test/sample/discrete/categorical", "p1000"), 1000, 0.5),
    ],
    ["zipf-k1000-s1.5", () => zipfProbabilities(1000, 1.5)],
    ["two-cells-skewed", () => Float64Array.of(1 - 1e-3, 1e-3)],
  ];
  for (const [label, makeP] of settings) {
    it(`${label} [seed ${label}]`, () => {
      const p = makeP();
      const table = createAliasTable(p);
      const x = table.fill(seeded("discrete/categorical", label), new Int32Array(500_000));
      const h = histogram(x, p.length);
      for (let i = 0; i < p.length; i++) {
        if (p[i] === 0 && h[i] !== 0) expect([label, i, h[i]]).toBe("never drawn");
      }
      expectChiSquare(h, table.probabilities, label);
    });
  }
});

describe("alias table: construction", () => {
  it("encodes p to rounding, for random, skewed, tiny-entry and uniform vectors", () => {
    const s = derive("test/sample/discrete/categorical", "construction");
    const cases: Float64Array[] = [
      randomP(s, 7, 0.2),
      randomP(s, 1000, 0.6),
      zipfProbabilities(10_000, 2.5),
      Float64Array.of(1),
      Float64Array.of(0, 1, 0),
      new Float64Array(64).fill(1 / 64),
      Float64Array.of(1e-300, 1 - 1e-15, 1e-15),
    ];
    for (const p of cases) {
      const table = createAliasTable(p);
      expect(table.size).toBe(p.length);
      const implied = table.impliedProbabilities();
      for (let i = 0; i < p.length; i++) {
        expect(Math.abs(implied[i] - table.probabilities[i])).toBeLessThanOrEqual(1e-14);
        if (p[i] === 0) expect(implied[i]).toBe(0);
      }
    }
  });

  it("renormalises p by its sum and keeps a copy", () => {
    const p = [0.2, 0.3, 0.5 + 4e-10];
    const table = createAliasTable(p);
    const sum = p[0] + p[1] + p[2];
    expect(Array.from(table.probabilities)).toStrictEqual(p.map((v) => v / sum));
    p[0] = 0.9;
    expect(table.probabilities[0]).toBe(0.2 / sum);
  });

  it("a single category always returns 0", () => {
    const table = createAliasTable([1]);
    const s = derive("test/sample/discrete/categorical", "single");
    expect(table.fill(s, new Int32Array(100))).toStrictEqual(new Int32Array(100));
  });
});

describe("alias table: laws", () => {
  const table = createAliasTable(
    randomP(derive("test/sample/discrete/categorical", "laws"), 37, 0.3),
  );
  it("same seed ⇒ same draws; fill = repeated sample", () => {
    assertSameOutputGivenSameSeed((s) => [table.sample(s), table.sample(s)], { key: "alias" });
    assertFillMatchesSingle(
      (s, out: Int32Array) => table.fill(s, out),
      (s) => table.sample(s),
      (len) => new Int32Array(len),
      { key: "alias-fill" },
    );
  });
});

describe("alias table: validation", () => {
  it("rejects bad p", () => {
    const off = [0.3, 0.3];
    expectInvalidParameter(() => createAliasTable(off), "createAliasTable", "p", off);
    expectInvalidParameter(() => createAliasTable([]), "createAliasTable", "p", []);
    expectInvalidParameter(() => createAliasTable([1.2, -0.2]), "createAliasTable", "p[1]", -0.2);
    expectInvalidParameter(
      () => createAliasTable([Number.NaN, 1]),
      "createAliasTable",
      "p[0]",
      Number.NaN,
    );
  });
  it("rejects a non-Int32Array output", () => {
    const table = createAliasTable([0.5, 0.5]);
    const s = derive("test/sample/discrete/categorical", "validation");
    const bad = new Uint32Array(2) as unknown as Int32Array;
    expectInvalidParameter(() => table.fill(s, bad), "AliasTable.fill", "out", bad);
  });
});
