/**
 * Model families: exact small cases, and recovery of known parameters from large samples.
 * Recovery checks are z-tests at α = 1e-6 each (stated per check) with fixed seeds.
 */
import { describe, expect, it } from "vitest";
import { categoricalMle, categoricalSmoothed } from "../../src/families/categorical.ts";
import { gaussianMle, gaussianUnbiased } from "../../src/families/gaussian.ts";
import { gmm } from "../../src/families/gmm.ts";
import { kde, silvermanBandwidth } from "../../src/families/kde.ts";
import { categoricalData } from "../../src/model/data.ts";
import { sampleUnivariate } from "../../src/model/univariate.ts";
import { normalQuantile } from "../../src/numeric/index.ts";
import { derive } from "../../src/rng/index.ts";
import { gmmTruth } from "../../src/truths/continuous.ts";

const Z = normalQuantile(1 - 1e-6 / 2); // two-sided, α = 1e-6 per check
const stream = derive(1, "test", "families");
const real = (values: number[]) => ({ kind: "real" as const, values: Float64Array.from(values) });

describe("categorical families: exact small cases", () => {
  it("MLE is the empirical frequency; a zero count gets probability 0", () => {
    const m = categoricalMle().fit(categoricalData([3, 0, 1]), stream);
    expect(Array.from(m.p)).toEqual([0.75, 0, 0.25]);
  });

  it("additive smoothing: (c_i + α)/(M + kα)", () => {
    const m = categoricalSmoothed({ alpha: 0.5 }).fit(categoricalData([3, 0, 1]), stream);
    expect(Array.from(m.p)).toEqual([3.5 / 5.5, 0.5 / 5.5, 1.5 / 5.5]);
  });

  it("rejects sample size 0 and negative alpha with named errors", () => {
    expect(() => categoricalMle().fit(categoricalData([0, 0]), stream)).toThrow(
      /categorical-mle: data.size must be > 0.*got 0/,
    );
    expect(() => categoricalSmoothed({ alpha: -1 })).toThrow(/categoricalSmoothed: alpha .*got -1/);
  });
});

describe("Gaussian families", () => {
  it("exact small case: [1, 2, 3, 4] → mean 2.5, variance 1.25 (MLE) and 5/3 (unbiased)", () => {
    const data = real([1, 2, 3, 4]);
    expect(gaussianMle().fit(data, stream)).toEqual({
      kind: "gaussian",
      mean: 2.5,
      variance: 1.25,
    });
    const u = gaussianUnbiased().fit(data, stream);
    expect(u.mean).toBe(2.5);
    expect(Math.abs(u.variance - 5 / 3)).toBeLessThanOrEqual(4 * Number.EPSILON);
  });

  it("recovers N(2, 9) from 1e5 samples (seed derive(1, 'recover'))", () => {
    const n = 100_000;
    const x = sampleUnivariate({ kind: "gaussian", mean: 2, variance: 9 }, derive(1, "recover"), n);
    const m = gaussianUnbiased().fit(x, stream);
    expect(Math.abs(m.mean - 2)).toBeLessThanOrEqual((Z * 3) / Math.sqrt(n));
    // Var(s²) = 2σ⁴/(n−1) for normal data.
    expect(Math.abs(m.variance - 9)).toBeLessThanOrEqual(Z * Math.sqrt((2 * 81) / (n - 1)));
  });

  it("needs at least 2 samples for the unbiased variance", () => {
    expect(() => gaussianUnbiased().fit(real([1]), stream)).toThrow(
      /gaussian-unbiased: data.size must be > 1, got 1/,
    );
  });
});

describe("KDE", () => {
  it("Silverman's rule on a small exact case", () => {
    // x = 1..10: sd (ddof 1) = √(55/6) = 3.0277; IQR (numpy linear) = 7.75 − 3.25 = 4.5;
    // min(3.0277, 4.5/1.34 = 3.3582) = 3.0277; h = 0.9 · 3.0277 · 10^(−1/5).
    const x = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    const expected = 0.9 * Math.sqrt(55 / 6) * 10 ** -0.2;
    expect(Math.abs(silvermanBandwidth(x) - expected)).toBeLessThanOrEqual(
      8 * Number.EPSILON * expected,
    );
  });

  it("fixed bandwidth: one component per sample with variance h²", () => {
    const m = kde({ bandwidth: 0.5 }).fit(real([1, 2, 4]), stream);
    expect(Array.from(m.means)).toEqual([1, 2, 4]);
    expect(Array.from(m.variances)).toEqual([0.25, 0.25, 0.25]);
    expect(Array.from(m.weights)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(() => kde({ bandwidth: 0 })).toThrow(/kde: bandwidth must be finite and > 0, got 0/);
  });
});

describe("GMM by EM", () => {
  it("recovers a well-separated two-component mixture from 2e4 samples", () => {
    const n = 20_000;
    const truth = gmmTruth([0.7, 0.3], [-3, 4], [1, 0.5]);
    const x = truth.sampleReal(derive(1, "gmm-recover"), n);
    const m = gmm({ components: 2 }).fit(x as never, derive(1, "gmm-init"));
    const order = m.means[0] < m.means[1] ? [0, 1] : [1, 0];
    const [a, b] = order;
    // Well separated (7σ apart): the MLE's standard errors are those of separate fits.
    expect(Math.abs(m.weights[a] - 0.7)).toBeLessThanOrEqual(Z * Math.sqrt((0.7 * 0.3) / n));
    expect(Math.abs(m.means[a] + 3)).toBeLessThanOrEqual(Z * Math.sqrt(1 / (0.7 * n)));
    expect(Math.abs(m.means[b] - 4)).toBeLessThanOrEqual(Z * Math.sqrt(0.25 / (0.3 * n)));
    expect(Math.abs(m.variances[a] - 1)).toBeLessThanOrEqual(Z * Math.sqrt(2 / (0.7 * n)));
    expect(Math.abs(m.variances[b] - 0.25)).toBeLessThanOrEqual(
      Z * Math.sqrt((2 * 0.0625) / (0.3 * n)),
    );
  });
});
