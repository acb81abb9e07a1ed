/**
 * The regression truth's synthetic contamination (strong model collapse,
 * docs/theory.md#strong-model-collapse) and the `downstream` regime (Dohmatob, Feng & Kempe's
 * downstream learner, docs/theory.md#downstream-regression).
 *
 * Exact checks: the rows a contaminated draw holds (which labeller labels which row, with label
 * noise 1e-9 so the residuals are ≤ 1e-8 at 10 noise sd), the shift's norm, the training-set
 * sizes the regime builds, and the named errors of bad parameters.
 * Monte Carlo checks: K = 4000 chains (seed 20261207) against the exact expectations
 * strongCollapseTestError (two-sided t-test with the sample variance: one chain's error is a
 * quadratic form with finite moments of every order used, n − d − 3 ≥ 13) and
 * downstreamTestErrorMoments (two-sided z-test with the exact variance); false-alarm probability
 * 1e-6 per check (normal approximation: for two-sided tests the skewness term of the Edgeworth
 * expansion cancels between the tails, up to O(1/K)).
 */
import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { regimeFromSpec, truthFromSpec } from "../../src/chain/specs.ts";
import { summarizeMetric } from "../../src/chain/summarize.ts";
import type { Dataset, RegressionData } from "../../src/model/data.ts";
import type { LinearModel } from "../../src/model/models.ts";
import { normalQuantile } from "../../src/numeric/index.ts";
import { derive } from "../../src/rng/index.ts";
import { downstreamTestErrorMoments, strongCollapseTestError } from "../../src/theory/index.ts";
import { regressionTruth, syntheticRegressionWeights } from "../../src/truths/regression.ts";

const SEED = 20261207;
const K = 4000;
const ALPHA = 1e-6;
const Z = normalQuantile(1 - ALPHA / 2);

function residuals(data: RegressionData, w: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < data.y.length; i++) {
    let s = data.y[i];
    for (let j = 0; j < data.dim; j++) s -= data.X[i * data.dim + j] * w[j];
    out.push(s);
  }
  return out;
}

describe("regression truth with a synthetic fraction (strong model collapse)", () => {
  it("a draw of n points: n − round(pn) labelled by w*, then round(pn) by w_s, ‖w_s − w*‖ = shift", () => {
    const sigma = 1e-9;
    const truth = regressionTruth(5, sigma, 7, { synthetic: 0.3, shift: 2 });
    expect(truth.params).toEqual({ d: 5, sigma, seed: 7, synthetic: 0.3, shift: 2 });
    const wStar = (truth.model as LinearModel).w;
    const wS = syntheticRegressionWeights(wStar, 2, 7);
    let norm2 = 0;
    for (let j = 0; j < 5; j++) norm2 += (wS[j] - wStar[j]) ** 2;
    expect(Math.abs(Math.sqrt(norm2) - 2), `‖w_s − w*‖ = ${Math.sqrt(norm2)}`).toBeLessThan(
      16 * Number.EPSILON * 2,
    );
    const stream = derive(SEED, "contamination", "rows");
    for (const [n, synthetic] of [
      [10, 3],
      [5, 2], // round(1.5) = 2
      [3, 1],
      [1, 0],
    ]) {
      const data = truth.sampleReal(stream, n) as RegressionData;
      expect(data.y.length).toBe(n);
      expect(data.noiseVariance).toBe(sigma * sigma);
      const real = residuals(data, wStar).slice(0, n - synthetic);
      const fake = residuals(data, wS).slice(n - synthetic);
      for (const r of [...real, ...fake]) expect(Math.abs(r), `n = ${n}`).toBeLessThan(1e-8);
      // The synthetic rows are not labelled by w* (their residual is x·(w_s − w*), of sd 2).
      for (const r of residuals(data, wStar).slice(n - synthetic)) {
        expect(Math.abs(r)).toBeGreaterThan(1e-8);
      }
    }
  });

  it("is usable from a spec and reproducible: the same spec gives the same w_s", () => {
    const a = truthFromSpec("regression:d=4,sigma=1,synthetic=0.1,shift=1");
    const b = truthFromSpec("regression:d=4,sigma=1,synthetic=0.1,shift=1");
    const da = a.sampleReal(derive(SEED, "spec"), 20) as RegressionData;
    const db = b.sampleReal(derive(SEED, "spec"), 20) as RegressionData;
    expect(Array.from(da.y)).toEqual(Array.from(db.y));
    expect(a.params).toEqual({ d: 4, sigma: 1, synthetic: 0.1, shift: 1 });
  });

  it("rejects bad synthetic fractions and shifts, naming the parameter", () => {
    expect(() => regressionTruth(3, 1, undefined, { synthetic: 1.5, shift: 1 })).toThrow(
      /regression: synthetic must be in \[0, 1\], got 1.5/,
    );
    expect(() => regressionTruth(3, 1, undefined, { synthetic: Number.NaN, shift: 1 })).toThrow(
      /regression: synthetic .*got NaN/,
    );
    expect(() => regressionTruth(3, 1, undefined, { synthetic: 0.2 })).toThrow(
      /regression: shift must be given .*synthetic = 0.2 > 0/,
    );
    expect(() => regressionTruth(3, 1, undefined, { shift: 1 })).toThrow(
      /regression: shift has no effect without synthetic > 0/,
    );
    expect(() => regressionTruth(3, 1, undefined, { synthetic: 0.2, shift: -1 })).toThrow(
      /regression: shift .*got -1/,
    );
    expect(() => truthFromSpec("regression:d=3,sigma=1,synthetic=2,shift=1")).toThrow(/synthetic/);
    expect(() => truthFromSpec("regression:d=3,sigma=1,synthetic=0.5,shift=x")).toThrow(/shift/);
  });

  it(`OLS on n = 20 points, 5 synthetic (d = 4, ‖Δ‖ = 1.5, σ = 0.5): E‖ŵ − w*‖² exact (K = ${K}, seed ${SEED})`, () => {
    const r = runChains(
      configFromSpec({
        truth: "regression:d=4,sigma=0.5,seed=3,synthetic=0.25,shift=1.5",
        family: "ols",
        regime: "replace",
        samples: 20,
        generations: 1,
        chains: K,
        seed: SEED,
        streamKeys: ["contamination", "mc"],
        metrics: ["test-error"],
      }),
    );
    const s = summarizeMetric(r, "test-error");
    const exact = strongCollapseTestError(4, 20, 5, 1.5, 0.5);
    // The t-test's critical value at K − 1 = 3999 df exceeds Z by < 0.3%: Z·1.003.
    const tolerance = Z * 1.003 * s.se[1];
    expect(
      Math.abs(s.mean[1] - exact.mean),
      `mean ${s.mean[1]} vs exact ${exact.mean} (floor ${exact.floor}), tolerance ${tolerance}`,
    ).toBeLessThanOrEqual(tolerance);
  });
});

describe("downstream regime (Dohmatob, Feng & Kempe's downstream learner)", () => {
  it("builds M points for the generator fits 2…after, then size points at every later fit", () => {
    const sizes: number[] = [];
    runChains({
      ...configFromSpec({
        truth: "gaussian",
        family: "gaussian-mle",
        regime: "downstream:after=3,size=7",
        samples: 11,
        generations: 6,
        chains: 1,
        seed: SEED,
        metrics: [],
      }),
      onFit: (_chain: number, _t: number, _model: unknown, data: Dataset) => {
        sizes.push((data as { values: Float64Array }).values.length);
      },
    });
    expect(sizes).toEqual([11, 11, 11, 7, 7, 7]);
  });

  it("noise = σ² relabels the learner's data at variance σ² (added N(0, σ² − σ₀²)); below σ₀² or on non-regression data it is refused", () => {
    const generator: Float64Array[] = [];
    const learner: RegressionData[] = [];
    runChains({
      ...configFromSpec({
        truth: "regression:d=3,sigma=1e-9",
        family: "ols:design=fresh",
        regime: "downstream:after=1,size=4000,noise=0.25",
        samples: 20,
        generations: 2,
        chains: 1,
        seed: SEED,
        metrics: [],
      }),
      onFit: (_chain: number, t: number, model: unknown, data: Dataset) => {
        if (t === 1) generator.push((model as LinearModel).w);
        if (t === 2) learner.push(data as RegressionData);
      },
    });
    expect(learner[0].noiseVariance).toBe(0.25);
    // Residuals against the generator's weights are the labels' noise: 1e-9 drawn by the
    // generator plus the added N(0, 0.25 − 1e-18). Their mean square over 4000 labels has mean
    // 0.25 and sd 0.25·√(2/4000) = 0.0056; 6 sd (false alarm 2e-9) = 0.034.
    const r = residuals(learner[0], generator[0]);
    const meanSquare = r.reduce((acc, v) => acc + v * v, 0) / r.length;
    expect(Math.abs(meanSquare - 0.25), `mean square ${meanSquare}`).toBeLessThan(0.034);
    const run = (truth: string, family: string, noise: number) => () =>
      runChains(
        configFromSpec({
          truth,
          family,
          regime: `downstream:after=1,size=30,noise=${noise}`,
          samples: 20,
          generations: 2,
          chains: 1,
          seed: SEED,
          metrics: [],
        }),
      );
    expect(run("regression:d=3,sigma=1", "ols", 0.5)).toThrow(
      /downstream: noise must be >= the generators' label-noise variance 1 .*got 0.5/,
    );
    expect(run("gaussian", "gaussian-mle", 2)).toThrow(
      /downstream: noise applies to regression data only, got "?real/,
    );
    expect(() => regimeFromSpec("downstream:after=1,size=5,noise=-1")).toThrow(/noise/);
  });

  it("rejects after < 1 and a missing size, naming the parameter", () => {
    expect(() => regimeFromSpec("downstream:after=0,size=5")).toThrow(/after/);
    expect(() => regimeFromSpec("downstream:after=2")).toThrow(/size/);
    expect(() => regimeFromSpec("downstream:after=2,size=0")).toThrow(/size/);
  });

  it(`OLS, fresh design: t = 3 generators on T₀ = 15 (σ₀ = 0.8), downstream on T = 40 (σ = 1.2, noise=1.44): exact mean and variance (K = ${K}, seed ${SEED})`, () => {
    const r = runChains(
      configFromSpec({
        truth: "regression:d=4,sigma=0.8",
        family: "ols:design=fresh",
        regime: "downstream:after=3,size=40,noise=1.44",
        samples: 15,
        generations: 4,
        chains: K,
        seed: SEED,
        streamKeys: ["downstream", "mc"],
        metrics: ["test-error"],
      }),
    );
    const s = summarizeMetric(r, "test-error");
    const m = downstreamTestErrorMoments(
      4,
      3,
      { samples: 15, noiseVariance: 0.64 },
      { samples: 40, noiseVariance: 1.44 },
    );
    const tolerance = Z * Math.sqrt(m.variance / K);
    expect(
      Math.abs(s.mean[4] - m.mean),
      `mean ${s.mean[4]} vs exact ${m.mean}, tolerance ${tolerance}`,
    ).toBeLessThanOrEqual(tolerance);
  });
});
