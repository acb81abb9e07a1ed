/**
 * The equivalence rule meanWithin (two one-sided tests). Its false alarm — refuting a mean that
 * lies in the band — is most likely with the mean on the band's edge, where it has probability
 * exactly α/2 for normal data with the t interval, and at most α with the variance-bound interval
 * (valid for any law, conservative). Measured at α = 0.05 over 400 seeds
 * (derive("test/meanWithin", seed), seeds 1…400): the t count must lie in the two-sided acceptance
 * region of Binomial(400, 0.025) at level 1e-3 each side, the variance-bound count below the upper
 * one of Binomial(400, 0.05) — the test's own false-alarm probability ≤ 2e-3 per check.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binomialCdf, binomialSf } from "../../src/numeric/index.ts";
import { derive } from "../../src/rng/index.ts";
import { fillNormal } from "../../src/sample/index.ts";
import { meanWithin, meanWithinRule } from "../../src/verdict/index.ts";

function normals(seed: number, n: number, mean: number): Float64Array {
  return fillNormal(derive("test/meanWithin", seed), new Float64Array(n), mean, 1);
}

function inAcceptanceRegion(k: number, n: number, p: number): boolean {
  return binomialCdf(k, n, p) > 1e-3 && (k === 0 ? 1 : binomialSf(k - 1, n, p)) > 1e-3;
}

describe("meanWithin: supported inside, refuted outside, inconclusive across the edge", () => {
  it("decides constructed samples by where the interval lies", () => {
    // Mean 0.5, sd 1 (values 0.5 ± 1), n = 400: the t interval at α = 0.05 is 0.5 ± 0.098.
    const x = Float64Array.from({ length: 400 }, (_, i) => 0.5 + (i % 2 === 0 ? 1 : -1));
    const rule = (expected: number, tolerance: number) =>
      meanWithinRule(x, expected, { alpha: 0.05, tolerance }).outcome;
    expect(rule(0.5, 0.2)).toBe("supported");
    expect(rule(0, 0.3)).toBe("refuted"); // interval [0.40, 0.60] wholly above 0.3
    expect(rule(0, 0.45)).toBe("inconclusive"); // straddles the edge 0.45
    expect(rule(0.45, 0.06)).toBe("inconclusive"); // inside its band only in part
  });

  it("p < α exactly when refuted (fast-check over samples and bands, seed 11)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (seed, expected, tolerance) => {
          const e = meanWithinRule(normals(seed, 50, 0), expected, { alpha: 0.05, tolerance });
          expect(e.pValue < 0.05).toBe(e.outcome === "refuted");
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });

  for (const [label, variance] of [
    ["variance-bound interval (exact variance)", 1],
    ["t interval (n − 1 df)", undefined],
  ] as const) {
    it(`false-alarm rate at the band's edge: ${label}, 400 seeds`, () => {
      let refuted = 0;
      for (let seed = 1; seed <= 400; seed++) {
        const x = normals(seed, 30, 1.25); // true mean 1.25 = 1 + δ: on the edge
        const e = meanWithinRule(x, 1, { alpha: 0.05, tolerance: 0.25, variance });
        if (e.outcome === "refuted") refuted++;
      }
      if (variance === undefined) {
        console.log(`meanWithin ${label}: ${refuted}/400 refuted at the edge (expected 10)`);
        expect(inAcceptanceRegion(refuted, 400, 0.025), `${refuted}/400`).toBe(true);
      } else {
        console.log(`meanWithin ${label}: ${refuted}/400 refuted at the edge (at most 20)`);
        expect(
          refuted === 0 ? 1 : binomialSf(refuted - 1, 400, 0.05),
          `${refuted}/400`,
        ).toBeGreaterThan(1e-3);
      }
    });
  }

  it("meanWithin names bad bands", () => {
    expect(() => meanWithin("x", 1, {})).toThrow(/meanWithin.*exactly one of absolute or relative/);
    expect(() => meanWithin("x", 1, { absolute: 0.1, relative: 0.1 })).toThrow(/exactly one/);
    expect(() => meanWithin("x", 0, { relative: 0.1 })).toThrow(/meanWithin.*relative.*expected/);
    expect(() => meanWithin("x", 1, { absolute: -1 })).toThrow(/meanWithin.*absolute/);
    expect(meanWithin("x", -4, { relative: 0.05 })).toMatchObject({ tolerance: 0.2 });
  });
});
