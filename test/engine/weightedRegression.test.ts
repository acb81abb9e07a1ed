/**
 * He, Xu & Cheng's weighted fit for regression (`ols`) and logistic regression (the plug-in):
 * exact small cases — the weighted fit is the weight average of the parts' own fits, D₁'s design
 * is kept — and, for OLS on fresh Gaussian rows under `weighted-fresh`, the exact law of the
 * weight error: with a = 1 − w, e_{t+1} = w²·σ²d/(n − d − 1) + a²·(σ²d/(m − d − 1) + e_t)
 * (each part's OLS error is σ²(XᵀX)⁻¹ with E tr (XᵀX)⁻¹ = d/(k − d − 1) for k Gaussian rows,
 * the synthetic labels centred on w_t; the parts are independent given w_t), e_1 = σ²d/(M − d − 1).
 * The simulation check is a z-test of K = 3000 chains' mean at 3 generations with the sample
 * standard deviation (asymptotic), α = 1e-4 each, seed 23: false-alarm probability ≈ 3e-4.
 */
import { describe, expect, it } from "vitest";
import { fitLogistic } from "../../plugins/logistic.ts";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { familyFromSpec } from "../../src/chain/specs.ts";
import { generationValues } from "../../src/chain/summarize.ts";
import { fitOls } from "../../src/families/ols.ts";
import type { RegressionData } from "../../src/model/data.ts";
import type { LinearModel } from "../../src/model/models.ts";
import { normalQuantile } from "../../src/numeric/index.ts";
import { derive } from "../../src/rng/index.ts";

const rows = (
  X: number[],
  y: number[],
  dim: number,
  extra: Partial<RegressionData> = {},
): RegressionData => ({
  kind: "regression",
  dim,
  X: Float64Array.from(X),
  y: Float64Array.from(y),
  noiseVariance: 0.25,
  ...extra,
});
const realPart = rows([1, 0, 0, 1, 1, 1, 2, -1], [1, 2, 3.5, 0.5], 2);
const design = Float64Array.of(3, 1, 1, 3, -1, 2);
const synthPart = rows([3, 1, 1, 3, -1, 2], [2, 1, 0], 2, { design });
const parts = (w: number) => [
  { source: "real", data: realPart, weight: w },
  { source: "synthetic", data: synthPart, weight: 1 - w },
];
const ulps = (x: number) => 8 * Number.EPSILON * Math.max(1, Math.abs(x));

describe("ols: the weighted fit of He, Xu & Cheng", () => {
  it("is w·ŵ(real) + (1 − w)·ŵ(synthetic), noise averaged when fitted, D₁'s design kept", () => {
    for (const noise of ["truth", "fitted"] as const) {
      const family = familyFromSpec(`ols:noise=${noise},ridge=0.5`);
      const w = 0.618;
      const model = family.fitWeighted?.(parts(w), derive("test/weighted-ols")) as LinearModel;
      const a = fitOls(realPart, { noise, ridge: 0.5 });
      const b = fitOls(synthPart, { noise, ridge: 0.5 });
      for (let j = 0; j < 2; j++) {
        const want = w * a.w[j] + (1 - w) * b.w[j];
        expect(
          Math.abs(model.w[j] - want),
          `${noise}: w[${j}] ${model.w[j]} vs ${want}`,
        ).toBeLessThanOrEqual(ulps(want));
      }
      const noiseWant = noise === "truth" ? 0.25 : w * a.noiseVariance + (1 - w) * b.noiseVariance;
      expect(Math.abs(model.noiseVariance - noiseWant)).toBeLessThanOrEqual(ulps(noiseWant));
      // The synthetic part carries D₁'s design: the chain keeps relabelling it.
      expect(model.design).toBe(design);
    }
  });

  it("a part of weight 0 is not fitted: w = 1 is the real part's own fit", () => {
    const family = familyFromSpec("ols:noise=fitted");
    // Three rows in 2 dimensions: a fitted noise variance needs n > d, which 1 synthetic row lacks.
    const tiny = rows([1, 1], [1], 2);
    const model = family.fitWeighted?.(
      [
        { source: "real", data: realPart, weight: 1 },
        { source: "synthetic", data: tiny, weight: 0 },
      ],
      derive("test/weighted-ols"),
    ) as LinearModel;
    expect(Array.from(model.w)).toEqual(Array.from(fitOls(realPart, { noise: "fitted" }).w));
  });
});

describe("logistic plug-in: the weighted fit", () => {
  it("averages the parts' fitted weights", () => {
    const family = familyFromSpec("logistic:design=fixed");
    const labelled = (y: number[]) => ({ ...realPart, y: Float64Array.from(y) });
    const r = labelled([1, 0, 1, 0]);
    const s = { ...synthPart, y: Float64Array.of(1, 1, 0) };
    const w = 0.3;
    const model = family.fitWeighted?.(
      [
        { source: "real", data: r, weight: w },
        { source: "synthetic", data: s, weight: 1 - w },
      ],
      derive("test/weighted-logistic"),
    ) as unknown as { w: Float64Array; design: Float64Array };
    const a = fitLogistic(r);
    const b = fitLogistic(s);
    for (let j = 0; j < 2; j++) {
      const want = w * a.w[j] + (1 - w) * b.w[j];
      expect(Math.abs(model.w[j] - want)).toBeLessThanOrEqual(ulps(want));
    }
    expect(model.design).toBe(design);
  });
});

describe("ols under weighted-fresh on fresh Gaussian rows: the exact mean weight error", () => {
  it("E‖w_t − w*‖² follows e_{t+1} = w²σ²d/(n − d − 1) + (1 − w)²(σ²d/(m − d − 1) + e_t) (K = 3000, seed 23)", () => {
    const [d, sigma2, n, m, K, seed] = [3, 0.5, 20, 30, 3000, 23];
    const w = 0.6;
    const T = 6;
    const r = runChains(
      configFromSpec({
        truth: `regression:d=${d},sigma=${Math.sqrt(sigma2)}`,
        family: "ols:design=fresh",
        regime: `weighted-fresh:real=${n},weight=${w}`,
        samples: n + m,
        generations: T,
        chains: K,
        seed,
        metrics: ["test-error"],
      }),
    );
    const e: number[] = [Number.NaN, (sigma2 * d) / (n + m - d - 1)];
    for (let t = 1; t < T; t++) {
      e.push(
        w * w * ((sigma2 * d) / (n - d - 1)) + (1 - w) ** 2 * ((sigma2 * d) / (m - d - 1) + e[t]),
      );
    }
    const alpha = 1e-4;
    const z = normalQuantile(1 - alpha / 2);
    for (const t of [1, 3, T]) {
      const v = generationValues(r, "test-error", t);
      const mean = v.reduce((s, x) => s + x, 0) / K;
      const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (K - 1));
      const tolerance = (z * sd) / Math.sqrt(K);
      expect(
        Math.abs(mean - e[t]),
        `t = ${t}, K = ${K}, seed ${seed}: mean ${mean}, exact ${e[t]}, tolerance ${tolerance} (α = ${alpha})`,
      ).toBeLessThanOrEqual(tolerance);
    }
  });
});
