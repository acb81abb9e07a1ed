/**
 * `weighted-fresh`: He, Xu & Cheng's weighted training set — n fresh real samples and m = M − n
 * synthetic ones fitted apart, θ = w·θ̂(real) + (1 − w)·θ̂(synthetic) — and the families that
 * average weighted parts (docs/theory.md#weighted-fresh-mean). Checked on exact small fits, on
 * the draws (the same as `fresh` draws), against the exact mean-error recursion
 * (weightedFreshGaussianMeanError) and two exact expectations derived below by simulation with
 * fixed seeds, and on bad parameters named.
 *
 * Calibration of the simulation checks: each compares the mean over K chains with its exact
 * expectation by a two-sided z-test at level 1e-4 split (Bonferroni) over the generations it
 * checks — with the exact variance where the theory gives it, else the sample standard deviation
 * (K ≥ 2000, so the CLT holds for these light-tailed observations). Six such checks: the false-
 * alarm probability of this file is below 1e-3; a failure reproduces exactly at the printed seed.
 */
import { defineFamily, defineModelKind, defineRegime, defineTruth } from "collapse-harness/engine";
import { describe, expect, it } from "vitest";
import type { ChainSpec } from "../../src/chain/chainSpec.ts";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { ChainStepper } from "../../src/chain/chainStepper.ts";
import { concatChainResults, runChains } from "../../src/chain/runChains.ts";
import { runChainsParallel } from "../../src/chain/runChainsParallel.ts";
import { familyFromSpec } from "../../src/chain/specs.ts";
import { generationValues } from "../../src/chain/summarize.ts";
import type { AnyFamily } from "../../src/families/family.ts";
import {
  type CategoricalData,
  categoricalData,
  type Dataset,
  type RealData,
  type VectorData,
} from "../../src/model/data.ts";
import type { AnyModel } from "../../src/model/kinds.ts";
import type { CategoricalModel, GaussianModel, MvGaussianModel } from "../../src/model/models.ts";
import { type WeightedPart, weightedParts } from "../../src/model/weightedParts.ts";
import { normalQuantile } from "../../src/numeric/index.ts";
import { firstRealCount, startRegime, weightsSources } from "../../src/regimes/regime.ts";
import { derive } from "../../src/rng/index.ts";
import {
  freshDataSimpsonRecursion,
  weightedFreshGaussianMeanError,
  weightedFreshOptimalWeight,
} from "../../src/theory/index.ts";
import { runCliInProcess } from "../cli/runInProcess.ts";

const EPS = Number.EPSILON;
const real = (...values: number[]): RealData => ({
  kind: "real",
  values: Float64Array.from(values),
});
const vectors = (dim: number, ...values: number[]): VectorData => ({
  kind: "vector",
  dim,
  values: Float64Array.from(values),
});

/** [real, synthetic] parts with weights w and 1 − w. */
function twoParts<D extends Dataset>(r: D, s: D, w: number): WeightedPart<D>[] {
  return [
    { source: "real", data: r, weight: w },
    { source: "synthetic", data: s, weight: 1 - w },
  ];
}

function fitWeighted(spec: string, parts: WeightedPart[]): AnyModel {
  const family: AnyFamily = familyFromSpec(spec);
  if (family.fitWeighted === undefined) throw new Error(`${spec} has no fitWeighted`);
  return family.fitWeighted(parts, derive(1, "weighted-fit"));
}

/** |actual − expected| ≤ tolerance, printing input, expected, actual and tolerance. */
function expectClose(label: string, actual: number, expected: number, tolerance: number): void {
  expect(
    Math.abs(actual - expected),
    `${label}: expected ${expected}, actual ${actual}, tolerance ${tolerance}`,
  ).toBeLessThanOrEqual(tolerance);
}

describe("families with per-source weights: exact small cases", () => {
  // Real part 1, 2, 3 (mean 2, sum of squares 2); synthetic part 10, 14 (mean 12, sum 8).
  const parts = twoParts(real(1, 2, 3), real(10, 14), 0.25);

  it("gaussian-mle and gaussian-unbiased average the means and the variances (each part's divisor)", () => {
    // Each value is a handful of roundings on numbers ≤ 12: within 8 ulps of 12.
    const tol = 8 * 12 * EPS;
    const mle = fitWeighted("gaussian-mle", parts) as GaussianModel;
    expectClose("mle mean", mle.mean, 0.25 * 2 + 0.75 * 12, tol);
    expectClose("mle variance", mle.variance, 0.25 * (2 / 3) + 0.75 * (8 / 2), tol);
    const unbiased = fitWeighted("gaussian-unbiased", parts) as GaussianModel;
    expectClose("unbiased mean", unbiased.mean, 9.5, tol);
    expectClose("unbiased variance", unbiased.variance, 0.25 * (2 / 2) + 0.75 * (8 / 1), tol);
  });

  it("categorical-mle and categorical-smoothed average the probability vectors", () => {
    const cats = twoParts(categoricalData([2, 0, 2]), categoricalData([0, 3, 1]), 0.5);
    const mle = fitWeighted("categorical-mle", cats) as CategoricalModel;
    expect(Array.from(mle.p)).toEqual([0.25, 0.375, 0.375]);
    const smoothed = fitWeighted("categorical-smoothed:alpha=1", cats) as CategoricalModel;
    // (c + 1)/(4 + 3) per part: (3/7, 1/7, 3/7) and (1/7, 4/7, 2/7).
    const expected = [2 / 7, 2.5 / 7, 2.5 / 7];
    for (let i = 0; i < 3; i++)
      expectClose(`smoothed p[${i}]`, smoothed.p[i], expected[i], 4 * EPS);
  });

  it("mv-gaussian averages the mean vectors and the covariances, exactly symmetric", () => {
    // Real rows (0,0), (2,2): mean (1,1), MLE covariance [[1,1],[1,1]]; synthetic rows (1,0),
    // (3,0), (2,3): mean (2,1), MLE covariance [[2/3, 0],[0, 2]].
    const r = vectors(2, 0, 0, 2, 2);
    const s = vectors(2, 1, 0, 3, 0, 2, 3);
    const model = fitWeighted("mv-gaussian", twoParts(r, s, 0.75)) as MvGaussianModel;
    const tol = 16 * EPS * 2;
    expectClose("mean[0]", model.mean[0], 0.75 * 1 + 0.25 * 2, tol);
    expectClose("mean[1]", model.mean[1], 1, tol);
    const cov = [0.75 + 0.25 * (2 / 3), 0.75, 0.75, 0.75 + 0.25 * 2];
    for (let i = 0; i < 4; i++) expectClose(`cov[${i}]`, model.cov[i], cov[i], tol);
    expect(model.cov[1]).toBe(model.cov[2]);
  });

  it("a part of weight 0 is not fitted (one synthetic point under an unbiased fit is fine at w = 1)", () => {
    const model = fitWeighted("gaussian-unbiased", twoParts(real(1, 2, 3), real(7), 1));
    expect(model).toEqual({ kind: "gaussian", mean: 2, variance: 1 });
    // …but a part that carries weight and is too small is refused by the family, by name.
    expect(() => fitWeighted("gaussian-unbiased", twoParts(real(1, 2, 3), real(7), 0.5))).toThrow(
      /gaussian-unbiased: data\.size must be > 1, got 1/,
    );
  });

  it("families without per-source weights say so up front, naming the family and the regime", () => {
    for (const family of ["kde", "gmm", "bootstrap"]) {
      expect(() =>
        runChains(
          configFromSpec({
            truth: "gaussian",
            family,
            regime: "weighted-fresh:weight=0.5",
            samples: 20,
            generations: 2,
            chains: 1,
            seed: 1,
            metrics: [],
          }),
        ),
      ).toThrow(
        new RegExp(
          `runChains: family "${family}" does not support per-source weights \\(regime "weighted-fresh".*families that do: categorical-mle, categorical-smoothed, gaussian-mle, gaussian-unbiased, mv-gaussian`,
        ),
      );
    }
  });
});

describe("weighted-fresh builds [real, synthetic] parts", () => {
  it("n fresh real samples with weight w, M − n synthetic with 1 − w; D₁ sized by first", () => {
    const first = real(-1, -2, -3);
    const run = startRegime(
      { kind: "weighted-fresh", real: 3, weight: 0.7 },
      first,
      10,
      derive(1, "wf"),
    );
    const next = run.next(
      (n) => real(...new Array(n).fill(9)),
      (n) => real(...Array.from({ length: n }, (_, i) => -(i + 1))),
    );
    expect(next.kind).toBe("weighted");
    if (next.kind !== "weighted") return;
    expect(
      next.parts.map((p) => [p.source, p.weight, Array.from((p.data as RealData).values)]),
    ).toEqual([
      ["real", 0.7, [-1, -2, -3]],
      ["synthetic", 1 - 0.7, [9, 9, 9, 9, 9, 9, 9]],
    ]);
    expect(firstRealCount({ kind: "weighted-fresh", weight: 0.5, real: 3, first: 3 }, 10)).toBe(3);
    expect(firstRealCount({ kind: "weighted-fresh", weight: 0.5 }, 10)).toBe(10);
    expect(weightsSources({ kind: "weighted-fresh", weight: 0.5 })).toBe(true);
    expect(weightsSources({ kind: "fresh" })).toBe(false);
  });

  it("draws exactly what fresh draws: the same real and synthetic samples at a fixed seed", () => {
    const spec = (regime: string): ChainSpec => ({
      truth: "gaussian:mean=1,sd=2",
      family: "gaussian-mle",
      regime,
      samples: 12,
      generations: 2,
      chains: 1,
      seed: 5,
      metrics: [],
    });
    const steppers = ["fresh:real=4,first=4", `weighted-fresh:real=4,weight=${4 / 12},first=4`].map(
      (regime) => {
        const c = configFromSpec(spec(regime));
        const s = new ChainStepper(c, derive(5, "same-draws"));
        s.step();
        s.step();
        return s;
      },
    );
    // w = n/M: the weighted fit of the same samples is the pooled fit's mean.
    expect(steppers[1].data).toEqual(steppers[0].data);
    expect(steppers[1].parts?.parts.map((p) => p.source)).toEqual(["real", "synthetic"]);
    expect(steppers[0].parts).toBeUndefined();
    const [pooled, weighted] = steppers.map((s) => s.model as GaussianModel);
    const values = (steppers[0].data as RealData).values;
    const scale = Math.max(...Array.from(values, Math.abs));
    expectClose("mean at w = n/M", weighted.mean, pooled.mean, 4 * values.length * scale * EPS);
  });
});

describe("w = n/(n + m) gives the pooled fit's mean (the law of the unweighted fresh mix)", () => {
  /** Per chain, the models of two specs at generation t, captured by onFit. */
  function modelsAt(specs: ChainSpec[], t: number): AnyModel[][] {
    return specs.map((s) => {
      const models: AnyModel[] = [];
      runChains({
        ...configFromSpec(s),
        onFit: (_c, g, model) => {
          if (g === t) models.push(model);
        },
      });
      return models;
    });
  }

  const base = { generations: 2, chains: 50, seed: 11, metrics: [] } as const;

  it("gaussian-mle and mv-gaussian: one step from the same model, the same mean per chain", () => {
    for (const [truth, family] of [
      ["gaussian:mean=3,sd=2", "gaussian-mle"],
      ["mv-gaussian:dim=3,rho=0.3", "mv-gaussian"],
    ] as const) {
      const [pooled, weighted] = modelsAt(
        [
          { ...base, truth, family, regime: "fresh:real=5", samples: 20 },
          { ...base, truth, family, regime: "weighted-fresh:real=5,weight=0.25", samples: 20 },
        ],
        2,
      );
      expect(weighted).toHaveLength(50);
      for (let c = 0; c < 50; c++) {
        const a = pooled[c] as GaussianModel | MvGaussianModel;
        const b = weighted[c] as GaussianModel | MvGaussianModel;
        const ma = typeof a.mean === "number" ? [a.mean] : Array.from(a.mean);
        const mb = typeof b.mean === "number" ? [b.mean] : Array.from(b.mean);
        // Sums of 20 values of magnitude ≤ 15 (the truths' means plus 6 sd) in two orders.
        for (let j = 0; j < ma.length; j++) {
          expectClose(`${family} chain ${c} mean[${j}]`, mb[j], ma[j], 2 * 20 * 15 * EPS);
        }
      }
    }
  });

  it("categorical-mle: one step from the same model, the same frequency vector per chain", () => {
    const spec = { ...base, truth: "zipf:k=6,s=1", family: "categorical-mle", samples: 30 };
    const [pooled, weighted] = modelsAt(
      [
        { ...spec, regime: "fresh:real=10" },
        { ...spec, regime: `weighted-fresh:real=10,weight=${10 / 30}` },
      ],
      2,
    );
    // p = w c_r/n + (1 − w) c_s/m against (c_r + c_s)/M: a few roundings of numbers ≤ 1. (Whole
    // chains are not compared: a multinomial draw may branch on a conditional probability, so
    // an ulp can change a later draw; the law is the same, checked next.)
    for (let c = 0; c < 50; c++) {
      const a = (pooled[c] as CategoricalModel).p;
      const b = (weighted[c] as CategoricalModel).p;
      for (let i = 0; i < a.length; i++) expectClose(`chain ${c} p[${i}]`, b[i], a[i], 4 * EPS);
    }
  });

  it("categorical-mle: the weighted E[Σp²_t] recursion at w = n/M is the pooled one, every t", () => {
    // The recursion of the simulation check below at w = n/M, a = m/M, multiplied out:
    // [M + n(n + 2m − 1)s₀ + m(m − 1)S]/M², freshDataSimpsonRecursion's (§4.5).
    const [n, m, s0, T] = [7, 13, 0.3, 12];
    const M = n + m;
    const pooled = freshDataSimpsonRecursion(s0, M, n, T);
    let S = pooled[1];
    for (let t = 2; t <= T; t++) {
      S = simpsonStep(n, m, n / M, s0, S);
      expectClose(`E Σp² at t=${t}`, S, pooled[t], 16 * t * EPS);
    }
  });
});

/** One step of E[Σp²] under weighted categorical-MLE fits (derived in the simulation check). */
function simpsonStep(n: number, m: number, w: number, s0: number, S: number): number {
  const a = 1 - w;
  return w * w * (1 / n + (1 - 1 / n) * s0) + 2 * w * a * s0 + a * a * (1 / m + (1 - 1 / m) * S);
}

/** z-test of the chains' mean at each t against exact means (exact variances where given). */
function expectMeans(
  label: string,
  values: (t: number) => Float64Array,
  ts: readonly number[],
  exact: (t: number) => { mean: number; variance?: number },
  seed: number,
): void {
  const alpha = 1e-4;
  const z = normalQuantile(1 - alpha / (2 * ts.length));
  for (const t of ts) {
    const v = values(t);
    const K = v.length;
    const mean = v.reduce((s, x) => s + x, 0) / K;
    const { mean: expected, variance } = exact(t);
    const sd =
      variance === undefined
        ? Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (K - 1))
        : Math.sqrt(variance);
    const tolerance = (z * sd) / Math.sqrt(K);
    expectClose(`${label} at t=${t}, K=${K}, seed ${seed}, α=${alpha}`, mean, expected, tolerance);
  }
}

describe("simulation against the exact laws (α = 1e-4 per check, fixed seeds)", () => {
  it("gaussian-unbiased at w = 1/φ, n = m = 10: E δ²_t and E σ²_t (K = 4000, seed 17)", () => {
    const [n, m, first, T, K, seed] = [10, 10, 10, 8, 4000, 17];
    const w = weightedFreshOptimalWeight(m / n);
    const r = runChains(
      configFromSpec({
        truth: "gaussian:mean=2,sd=3",
        family: "gaussian-unbiased",
        regime: `weighted-fresh:real=${n},weight=${w},first=${first}`,
        samples: n + m,
        generations: T,
        chains: K,
        seed,
        metrics: ["mean-error", "variance"],
      }),
    );
    const th = weightedFreshGaussianMeanError(n, m, w, T, { ddof: 1, first });
    const s2 = 9; // σ² of the truth: the theory is in units of σ².
    const ts = [1, 2, 4, 8];
    expectMeans(
      "E δ²",
      (t) => generationValues(r, "mean-error", t),
      ts,
      (t) => ({
        mean: s2 * th.meanError[t - 1],
        variance: s2 * s2 * th.meanErrorVariance[t - 1],
      }),
      seed,
    );
    expectMeans(
      "E σ²",
      (t) => generationValues(r, "variance", t),
      ts,
      (t) => ({
        mean: s2 * th.variance[t - 1],
      }),
      seed,
    );
  });

  it("gaussian-mle at w = 0.25, n = 5, m = 15: E δ²_t and the shrinking E σ²_t (K = 4000, seed 18)", () => {
    const [n, m, first, T, K, seed] = [5, 15, 5, 8, 4000, 18];
    const w = 0.25;
    const r = runChains(
      configFromSpec({
        truth: "gaussian",
        family: "gaussian-mle",
        regime: `weighted-fresh:real=${n},weight=${w},first=${first}`,
        samples: n + m,
        generations: T,
        chains: K,
        seed,
        metrics: ["mean-error", "variance"],
      }),
    );
    const th = weightedFreshGaussianMeanError(n, m, w, T, { ddof: 0, first });
    const ts = [1, 2, 4, 8];
    expectMeans(
      "E δ²",
      (t) => generationValues(r, "mean-error", t),
      ts,
      (t) => ({
        mean: th.meanError[t - 1],
        variance: th.meanErrorVariance[t - 1],
      }),
      seed,
    );
    expectMeans(
      "E σ²",
      (t) => generationValues(r, "variance", t),
      ts,
      (t) => ({
        mean: th.variance[t - 1],
      }),
      seed,
    );
    // E σ²_t falls from 0.8 toward v_∞ = 0.2/(1 − 0.7) = 2/3 (0.25·4/5 + 0.75·(14/15)·v = v).
  });

  it("mv-gaussian (d = 2, MLE): E‖δ_t‖² = d·e_t and E tr Σ_t = d·v_t (K = 2000, seed 19)", () => {
    // δ_{t+1} = aδ_t + w N(0, I/n) + a N(0, Σ_t/m) and E tr Σ_{t+1} = w c_n d + a c_m E tr Σ_t:
    // the one-dimensional recursions, summed over the d coordinates.
    const [n, m, T, K, seed, d] = [6, 6, 4, 2000, 19, 2];
    const w = 0.6;
    const r = runChains(
      configFromSpec({
        truth: `mv-gaussian:dim=${d}`,
        family: "mv-gaussian",
        regime: `weighted-fresh:real=${n},weight=${w}`,
        samples: n + m,
        generations: T,
        chains: K,
        seed,
        metrics: ["mean-error", "variance"],
      }),
    );
    const th = weightedFreshGaussianMeanError(n, m, w, T);
    const ts = [1, 2, 4];
    expectMeans(
      "E‖δ‖²",
      (t) => generationValues(r, "mean-error", t),
      ts,
      (t) => ({
        mean: d * th.meanError[t - 1],
      }),
      seed,
    );
    expectMeans(
      "E tr Σ",
      (t) => generationValues(r, "variance", t),
      ts,
      (t) => ({
        mean: d * th.variance[t - 1],
      }),
      seed,
    );
  });

  it("categorical-mle: E[1 − Σp²_t] follows its exact recursion (K = 4000, seed 20)", () => {
    // p' = w X/n + a Y/m with X ~ Mult(n, p₀), Y ~ Mult(m, p_t) independent given p_t, so with
    // s₀ = Σp₀², S_t = Σp²_t and E p_t = p₀ (hence E Σ p_t p₀ = s₀):
    //   E S_{t+1} = w²(1/n + (1 − 1/n)s₀) + 2wa s₀ + a²(1/m + (1 − 1/m) E S_t),
    // from E S_1 = 1/n₀ + (1 − 1/n₀)s₀ (n₀ = M real samples).
    const [n, m, T, K, seed] = [8, 24, 5, 4000, 20];
    const w = 0.4;
    const spec = {
      truth: "zipf:k=5,s=1",
      family: "categorical-mle",
      regime: `weighted-fresh:real=${n},weight=${w}`,
      samples: n + m,
      generations: T,
      chains: K,
      seed,
      metrics: ["heterozygosity" as const],
    };
    const r = runChains(configFromSpec(spec));
    const p0 = [1, 1 / 2, 1 / 3, 1 / 4, 1 / 5];
    const z0 = p0.reduce((s, x) => s + x, 0);
    const s0 = p0.reduce((s, x) => s + (x / z0) ** 2, 0);
    const S = [1 / (n + m) + (1 - 1 / (n + m)) * s0];
    for (let t = 2; t <= T; t++) S.push(simpsonStep(n, m, w, s0, S[t - 2]));
    expectMeans(
      "E[1 − Σp²]",
      (t) => generationValues(r, "heterozygosity", t),
      [1, 3, 5],
      (t) => ({
        mean: 1 - S[t - 1],
      }),
      seed,
    );
  });
});

describe("reruns and slicing are bit-identical", () => {
  const spec: ChainSpec = {
    truth: "gaussian",
    family: "gaussian-unbiased",
    regime: "weighted-fresh:real=7,weight=0.618,first=7",
    samples: 17,
    generations: 6,
    chains: 10,
    seed: "weighted",
    metrics: ["mean-error", "variance"],
  };

  it("the same seed gives the same values; any chain slicing and worker threads too", async () => {
    const whole = runChains(configFromSpec(spec));
    const again = runChains(configFromSpec(spec));
    const sliced = concatChainResults([
      runChains(configFromSpec({ ...spec, chains: 4 })),
      runChains(configFromSpec({ ...spec, firstChain: 4, chains: 6 })),
    ]);
    const parallel = await runChainsParallel(spec, { workers: 2, chunk: 3 });
    for (const id of spec.metrics) {
      expect(again.values[id]).toEqual(whole.values[id]);
      expect(sliced.values[id]).toEqual(whole.values[id]);
      expect(parallel.values[id]).toEqual(whole.values[id]);
    }
  });
});

describe("bad parameters are named errors with the value", () => {
  const run = (regime: string, family = "gaussian-mle", samples = 10) =>
    runChains(
      configFromSpec({
        truth: "gaussian",
        family,
        regime,
        samples,
        generations: 1,
        chains: 1,
        seed: 1,
        metrics: [],
      }),
    );

  it("weight outside [0, 1] or missing", () => {
    expect(() => run("weighted-fresh:weight=1.5")).toThrow(
      /weighted-fresh.*weight must be .*<= 1.*got 1\.5/,
    );
    expect(() => run("weighted-fresh:weight=-0.1")).toThrow(/weight must be .*>= 0.*got -0\.1/);
    expect(() => run("weighted-fresh:real=3")).toThrow(/weight/);
  });

  it("real outside [1, M − 1], lambda leaving a part empty, real with lambda, first > M", () => {
    expect(() => run("weighted-fresh:weight=0.5,real=11")).toThrow(
      /weighted-fresh: real must be an integer in \[1, M − 1\] = \[1, 9\].*got 11/,
    );
    expect(() => run("weighted-fresh:weight=0.5,real=10")).toThrow(/real .*\[1, 9\].*got 10/);
    expect(() => run("weighted-fresh:weight=0.5,real=0")).toThrow(/real/);
    expect(() => run("weighted-fresh:weight=0.5,lambda=100")).toThrow(
      /weighted-fresh: lambda must leave both parts non-empty.*got 100/,
    );
    expect(() => run("weighted-fresh:weight=0.5,real=3,lambda=1")).toThrow(
      /weighted-fresh: real cannot be given together with lambda, got 3/,
    );
    expect(() => run("weighted-fresh:weight=0.5,real=3,first=11")).toThrow(
      /weighted-fresh: first must be an integer in \[1, 10\], got 11/,
    );
  });

  it("weightedParts: weights in [0, 1] summing to 1, non-empty parts of one kind and shape", () => {
    const r = real(1, 2);
    expect(() => weightedParts([])).toThrow(/weightedParts: parts must be a non-empty array/);
    expect(() => weightedParts(twoParts(r, r, Number.NaN))).toThrow(
      /parts\[0\]\.weight must be a number in \[0, 1\], got NaN/,
    );
    expect(() =>
      weightedParts([
        { source: "a", data: r, weight: 0.5 },
        { source: "b", data: r, weight: 0.6 },
      ]),
    ).toThrow(/parts must have weights summing to 1, got \[0\.5,0\.6\]/);
    expect(() => weightedParts(twoParts(r, real(), 0.5))).toThrow(
      /parts\[1\]\.data must hold at least one sample \(source "synthetic"\)/,
    );
    expect(() =>
      weightedParts(twoParts<Dataset>(r, categoricalData([1, 1]) as CategoricalData, 0.5)),
    ).toThrow(
      /weightedParts \(parts\[1\]\.data against parts\[0\]\.data\): b\.kind must equal a\.kind \("real"\)/,
    );
    expect(weightedParts(twoParts(r, r, 0.3)).parts).toHaveLength(2);
  });
});

describe("the plug-in API: families with fitWeighted, regimes that weight their sources", () => {
  interface PointModel {
    readonly kind: "test-weighted-point";
    readonly at: number;
  }
  const mean = (d: RealData) => d.values.reduce((s, x) => s + x, 0) / d.values.length;
  defineModelKind<PointModel>({
    kind: "test-weighted-point",
    description: "the point mass at `at`",
    dataKind: "real",
    sample: (m, _stream, n) => ({ kind: "real", values: new Float64Array(n).fill(m.at) }),
    mean: (m) => m.at,
  });
  defineFamily({
    name: "test-weighted-point-fit",
    description: "the point mass at the sample mean; weighted: the weighted mean of the means",
    dataKind: "real",
    modelKind: "test-weighted-point",
    fit: (data): PointModel => ({ kind: "test-weighted-point", at: mean(data) }),
    fitWeighted: (parts): PointModel => ({
      kind: "test-weighted-point",
      at: parts.reduce((s, p) => s + p.weight * mean(p.data), 0),
    }),
  });
  defineFamily({
    name: "test-weighted-point-plain",
    description: "the point mass at the sample mean, without per-source weights",
    dataKind: "real",
    modelKind: "test-weighted-point",
    fit: (data): PointModel => ({ kind: "test-weighted-point", at: mean(data) }),
  });
  // Three sources: the truth's fresh samples, the current model's, and a constant 10.
  defineRegime({
    name: "test-weighted-three",
    description: "real, synthetic and a constant 10, weighted 1/2, 1/4, 1/4",
    weighted: true,
    start: (_first, samples) => ({
      next: (synthetic, real) =>
        weightedParts([
          { source: "real", data: real(samples), weight: 0.5 },
          { source: "synthetic", data: synthetic(samples), weight: 0.25 },
          {
            source: "ten",
            data: { kind: "real", values: new Float64Array(2).fill(10) },
            weight: 0.25,
          },
        ]),
    }),
  });
  // Returns weighted parts without declaring `weighted`: caught when it first does.
  defineRegime({
    name: "test-weighted-undeclared",
    description: "weighted parts, undeclared",
    start: (_first, samples) => ({
      next: (synthetic, real) =>
        weightedParts([
          { source: "real", data: real(samples), weight: 0.5 },
          { source: "synthetic", data: synthetic(samples), weight: 0.5 },
        ]),
    }),
  });
  defineTruth({
    name: "test-weighted-point",
    description: "the point mass at `at`",
    params: { at: { type: "number", default: 0, min: -10, max: 10, description: "location" } },
    create: ({ at }): { model: PointModel } => ({ model: { kind: "test-weighted-point", at } }),
  });

  const spec = (family: string, regime: string): ChainSpec => ({
    truth: "test-weighted-point:at=2",
    family,
    regime,
    samples: 4,
    generations: 3,
    chains: 1,
    seed: 1,
    metrics: [],
  });
  /** The model's location at generations 1…3. */
  const path = (family: string, regime: string) => {
    const at: number[] = [];
    runChains({
      ...configFromSpec(spec(family, regime)),
      onFit: (_c, _t, model) => at.push((model as PointModel).at),
    });
    return at;
  };

  it("a plug-in family's fitWeighted runs under weighted-fresh and a plug-in weighted regime", () => {
    // Real samples are all 2 and the chain starts at 2: every weighted mean of 2s is 2.
    expect(path("test-weighted-point-fit", "weighted-fresh:real=2,weight=0.3")).toEqual([2, 2, 2]);
    // x_{t+1} = 0.5·2 + 0.25·x_t + 0.25·10 from x_1 = 2: 4, 4.5 (all exact in binary).
    expect(path("test-weighted-point-fit", "test-weighted-three")).toEqual([2, 4, 4.5]);
    expect(weightsSources({ kind: "test-weighted-three" })).toBe(true);
  });

  it("a family without fitWeighted is refused by name, up front or when parts first arrive", () => {
    expect(() => path("test-weighted-point-plain", "test-weighted-three")).toThrow(
      /runChains: family "test-weighted-point-plain" does not support per-source weights \(regime "test-weighted-three"/,
    );
    expect(() => path("test-weighted-point-plain", "test-weighted-undeclared")).toThrow(
      /family "test-weighted-point-plain" does not support per-source weights \(regime "test-weighted-undeclared"/,
    );
    // A family that has it runs under the undeclared regime too (the stepper dispatches on kind).
    expect(path("test-weighted-point-fit", "test-weighted-undeclared")).toEqual([2, 2, 2]);
  });

  it("malformed definitions are PluginErrors naming the plug-in and the field", () => {
    expect(() =>
      defineFamily({
        name: "test-weighted-bad-family",
        description: "d",
        dataKind: "real",
        modelKind: "test-weighted-point",
        fit: (data): PointModel => ({ kind: "test-weighted-point", at: mean(data) }),
        fitWeighted: 3 as never,
      }),
    ).toThrow(/test-weighted-bad-family.*fitWeighted must be a function/);
    expect(() =>
      defineRegime({
        name: "test-weighted-bad-regime",
        description: "d",
        weighted: "yes" as never,
        start: () => ({ next: (s) => s(1) }),
      }),
    ).toThrow(/test-weighted-bad-regime.*weighted must be a boolean/);
  });
});

describe("the command line", () => {
  it("collapse list marks the families with per-source weights and the regimes that build them", async () => {
    const r = await runCliInProcess(["list", "--families", "--regimes", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, Record<string, unknown>[]>;
    const family = (name: string) => out.families.find((f) => f.name === name);
    const regime = (name: string) => out.regimes.find((f) => f.name === name);
    for (const name of [
      "gaussian-mle",
      "gaussian-unbiased",
      "mv-gaussian",
      "categorical-mle",
      "ols",
    ]) {
      expect(family(name)?.perSourceWeights, name).toBe(true);
    }
    for (const name of ["kde", "gmm", "bootstrap", "ngram"]) {
      expect(family(name)?.perSourceWeights, name).toBe(false);
    }
    expect(regime("weighted-fresh")?.weighted).toBe(true);
    expect(regime("fresh")?.weighted).toBe(false);
    const text = await runCliInProcess(["list", "--families"]);
    expect(text.stdout).toMatch(/gaussian-mle {2}— .*; per-source weights \(weighted-fresh\)/);
    expect(text.stdout).not.toMatch(/kde:bandwidth\? {2}— [^\n]*per-source weights/);
  });

  it("collapse simulate runs weighted-fresh and refuses a family without weights (exit 2, named)", async () => {
    const args = ["simulate", "--truth", "gaussian", "--samples", "20", "--generations", "2"];
    const ok = await runCliInProcess([
      ...args,
      ...["--family", "gaussian-mle", "--regime", "weighted-fresh:real=10,weight=0.618"],
      ...["--chains", "3", "--seed", "1", "--json"],
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).config.regime).toBe("weighted-fresh:real=10,weight=0.618");
    const refused = await runCliInProcess([
      ...args,
      ...["--family", "kde", "--regime", "weighted-fresh:weight=0.5", "--chains", "1"],
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /family "kde" does not support per-source weights \(regime "weighted-fresh"/,
    );
  });
});
