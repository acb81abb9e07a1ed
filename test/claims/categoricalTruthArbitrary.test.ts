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

describe("categoricalTruthArbitrary", () => {
  it("spreads draws over the ranges instead of their ends (400 draws, seed 11)", () => {
    const specs = fc.sample(categoricalTruthArbitrary(ranges), { seed: 11, numRuns: 400 });
    const ks = specs.map((spec) => Number(/k=(\d+)/.exec(spec)?.[1]));
    const ss = specs
      .filter((x) => x.startsWith("zipf:"))
      .map((x) => Number(/s=([^,]+)/.exec(x)?.[1]));
    // Uniform k over 28 values puts 2/28 ≈ 7.1% of draws on the two ends (sd 1.3% over 400
    // draws); 11.5% is above its 99.9% quantile. fast-check's biased integers put 13.75% there
    // at this seed, and its doubles no Zipf exponent at all in the middle third.
    const atEnds = ks.filter((k) => k === 3 || k === 30).length / ks.length;
    expect(atEnds, `share of k at 3 or 30: ${atEnds}`).toBeLessThan(0.115);
    // Every third of [0, 2] holds a share of the Zipf exponents near 1/3.
    for (const [lo, hi] of [
      [0, 2 / 3],
      [2 / 3, 4 / 3],
      [4 / 3, 2],
    ]) {
      const share = ss.filter((s) => s >= lo && s < hi + 1e-12).length / ss.length;
      expect(share, `share of s in [${lo}, ${hi}]: ${share}`).toBeGreaterThan(0.2);
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
