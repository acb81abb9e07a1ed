/**
 * The verdict engine's false-alarm rate on a true exact-mean claim is within the binomial
 * interval of the nominal α, measured where it can be: α = 0.05 over 400 root seeds (1…400), one
 * scenario, one check, one look. The count of failed runs must lie in the two-sided acceptance
 * region of Binomial(400, 0.05) at level 1e-3 (the test's own false-alarm probability, up to the
 * normal approximation of the z-test on 400 log-χ²₁₉ values, whose Edgeworth correction at
 * z = 1.96 shifts the size by < 0.002).
 */
import { describe, expect, it } from "vitest";
import { calibrateClaim } from "../../src/claims/calibrate.ts";
import { binomialCdf, binomialSf } from "../../src/numeric/index.ts";
import { calibrationLogVariance, plantedTailMeanHalves } from "./controls.ts";

describe("calibration", () => {
  it("false-alarm rate of a true exact-mean claim at α = 0.05 over 400 seeds", () => {
    const r = calibrateClaim(calibrationLogVariance, { seeds: 400, alpha: 0.05 });
    console.log(
      `calibration: ${r.failures}/${r.runs} false alarms (rate ${r.rate}, 95% CI [${r.interval[0]}, ${r.interval[1]}]) at nominal α = 0.05`,
    );
    expect(r.inconclusive).toBe(0);
    expect(binomialCdf(r.failures, 400, 0.05)).toBeGreaterThan(5e-4);
    expect(r.failures === 0 ? 1 : binomialSf(r.failures - 1, 400, 0.05)).toBeGreaterThan(5e-4);
  });

  it("power of a planted false claim: refuted at every one of 5 seeds", () => {
    const r = calibrateClaim(plantedTailMeanHalves, { seeds: 5 });
    expect(r.refuted).toBe(5);
  });
});
