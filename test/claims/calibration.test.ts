/**
 * The verdict engine's false-alarm rate on a true exact-mean claim, measured where it can be:
 * α = 0.05 over 400 root seeds (1…400), one scenario, one check, one look.
 * - One-sample t-test (sample variance): the count of failed runs must lie in the two-sided
 *   acceptance region of Binomial(400, 0.05) at level 1e-3 (the test's own false-alarm
 *   probability, up to the normal approximation of the t-test on 400 log-χ²₁₉ values, whose
 *   Edgeworth correction at 1.96 shifts the size by < 0.002).
 * - Variance-bound interval (exact variance): valid for any law, conservative, so only the upper
 *   side: P(K ≥ k) > 1e-3 under Binomial(400, 0.05) (false alarm ≤ 1e-3, no approximation).
 * Either way the runs' adjusted p-values (one scenario, one check, one look: the rule's own) must
 * be super-uniform: their ECDF may rise above the diagonal by at most the one-sided DKW margin at
 * 1e-3 (false-alarm probability ≤ 1e-3).
 */
import { describe, expect, it } from "vitest";
import { calibrateClaim } from "../../src/claims/calibrate.ts";
import { calibrationRecord } from "../../src/claims/calibrationRecord.ts";
import { checkClaim } from "../../src/claims/checkClaim.ts";
import { binomialCdf, binomialSf } from "../../src/numeric/index.ts";
import { dkwEpsilon, ecdfDistance } from "../../src/report/run/ecdf.ts";
import {
  calibrationLogVarianceBound,
  calibrationLogVarianceT,
  plantedTailMeanHalves,
} from "./controls.ts";

describe("calibration", () => {
  for (const [label, claim, twoSided] of [
    ["one-sample t-test", calibrationLogVarianceT, true],
    ["variance-bound interval", calibrationLogVarianceBound, false],
  ] as const) {
    it(`false-alarm rate of a true exact-mean claim at α = 0.05 over 400 seeds: ${label}`, () => {
      const r = calibrateClaim(claim, { seeds: 400, alpha: 0.05 });
      console.log(
        `calibration (${label}): ${r.failures}/${r.runs} false alarms (rate ${r.rate}, 95% CI [${r.interval[0]}, ${r.interval[1]}]) at nominal α = 0.05`,
      );
      expect(r.inconclusive).toBe(0);
      if (twoSided) expect(binomialCdf(r.failures, 400, 0.05)).toBeGreaterThan(5e-4);
      expect(r.failures === 0 ? 1 : binomialSf(r.failures - 1, 400, 0.05)).toBeGreaterThan(
        twoSided ? 5e-4 : 1e-3,
      );
      const adjusted = r.records.map((x) => x.adjustedPValue);
      // A run is refuted exactly when its adjusted p-value is below α.
      expect(adjusted.filter((p) => p < 0.05).length).toBe(r.refuted);
      const above = ecdfDistance(adjusted).above;
      const margin = dkwEpsilon(400, 1e-3, 1);
      console.log(
        `adjusted p-values: ECDF rises ${above} above the diagonal (DKW margin ${margin})`,
      );
      expect(above).toBeLessThanOrEqual(margin);
    });
  }

  it("power of a planted false claim: refuted at every one of 5 seeds", () => {
    const r = calibrateClaim(plantedTailMeanHalves, { seeds: 5 });
    expect(r.refuted).toBe(5);
  });

  it("a sweep does not shrink refuted runs: the same status per seed as a full check, with fewer simulations", () => {
    // Deterministic: both runs see the same scenarios from the same root seeds.
    let simulated = 0;
    const counted = {
      ...plantedTailMeanHalves,
      simulate: (...args: Parameters<typeof plantedTailMeanHalves.simulate>) => {
        simulated++;
        return plantedTailMeanHalves.simulate(...args);
      },
    };
    const seeds = [1, 2, 3];
    const full = seeds.map((rootSeed) => checkClaim(counted, { rootSeed }));
    const fullCalls = simulated;
    simulated = 0;
    const sweep = calibrateClaim(counted, { seeds: seeds.length, firstSeed: 1 });
    expect(sweep.records.map((r) => r.status)).toEqual(full.map((r) => r.status));
    expect(sweep.records.map((r) => r.minPValue)).toEqual(
      full.map((r) => calibrationRecord(r, counted.budget, counted.budget.scenarios).minPValue),
    );
    // The full checks shrank (each refuted run re-simulates shrink candidates); the sweep did not.
    expect(full.some((r) => (r.counterexample?.shrinks ?? 0) > 0)).toBe(true);
    expect(simulated, `sweep ${simulated} simulate calls vs full ${fullCalls}`).toBeLessThan(
      fullCalls,
    );
  });
});
