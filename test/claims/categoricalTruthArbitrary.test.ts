import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { categoricalTruthArbitrary } from "../../src/claims/categoricalTruthArbitrary.ts";
import { truthFromSpec } from "../../src/index.ts";
import { InvalidParameterError } from "../../src/util/validate.ts";

const ranges = {
  symbols: { min: 3, max: 30 },
  zipfExponent: { min: 0, max: 2 },
  dirichletAlpha: { min: 0.5, max: 5 },
};

/** The inline arbitrary the claims used before the helper: same draws for the same seed. */
const inline = fc.oneof(
  fc
    .record({ k: fc.integer({ min: 3, max: 30 }), s: fc.double({ min: 0, max: 2, noNaN: true }) })
    .map(({ k, s }) => `zipf:k=${k},s=${s}`),
  fc
    .record({
      k: fc.integer({ min: 3, max: 30 }),
      alpha: fc.double({ min: 0.5, max: 5, noNaN: true }),
      seed: fc.nat({ max: 1_000_000 }),
    })
    .map(({ k, alpha, seed }) => `dirichlet:k=${k},alpha=${alpha},seed=${seed}`),
);

describe("categoricalTruthArbitrary", () => {
  it("draws exactly what the inline Zipf-or-Dirichlet arbitrary draws (so scenarios are unchanged)", () => {
    for (const seed of [1, 42, 20261126]) {
      expect(fc.sample(categoricalTruthArbitrary(ranges), { seed, numRuns: 50 })).toEqual(
        fc.sample(inline, { seed, numRuns: 50 }),
      );
    }
  });

  it("gives specs the engine parses, within the ranges, from both branches", () => {
    const specs = fc.sample(categoricalTruthArbitrary(ranges), { seed: 7, numRuns: 200 });
    expect(specs.some((s) => s.startsWith("zipf:"))).toBe(true);
    expect(specs.some((s) => s.startsWith("dirichlet:"))).toBe(true);
    for (const spec of specs) {
      const k = Number(/k=(\d+)/.exec(spec)?.[1]);
      expect(k, spec).toBeGreaterThanOrEqual(3);
      expect(k, spec).toBeLessThanOrEqual(30);
      expect(truthFromSpec(spec).model.kind, spec).toBe("categorical");
    }
  });

  it("rejects a bad range, naming it", () => {
    const bad = [
      [{ ...ranges, symbols: { min: 0, max: 3 } }, "symbols"],
      [{ ...ranges, zipfExponent: { min: 2, max: 1 } }, "zipfExponent"],
      [{ ...ranges, dirichletAlpha: { min: 0, max: 1 } }, "dirichletAlpha"],
    ] as const;
    for (const [constraints, name] of bad) {
      expect(() => categoricalTruthArbitrary(constraints)).toThrow(InvalidParameterError);
      expect(() => categoricalTruthArbitrary(constraints)).toThrow(name);
    }
  });
});
