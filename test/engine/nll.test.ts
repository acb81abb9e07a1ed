/**
 * The held-out negative log-likelihood metric against exact cross-entropies. For a Gaussian
 * truth N(μ₀, σ₀²) and a Gaussian model N(μ, σ²),
 *   E_truth[−ln f_model(X)] = ½ ln(2πσ²) + (σ₀² + (μ₀ − μ)²)/(2σ²),
 *   Var_truth[−ln f_model(X)] = (2σ₀⁴ + 4σ₀²(μ₀ − μ)²)/(4σ⁴),
 * so the mean over N held-out points is within z·√(Var/N) of it. At generation 0 (the truth) it
 * is the entropy ½ ln(2πeσ₀²). Seeds fixed; false-alarm 0.1% per assertion.
 */
import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { generationValues } from "../../src/chain/summarize.ts";
import type { GaussianModel } from "../../src/model/models.ts";
import { normalQuantile } from "../../src/numeric/index.ts";

const Z = normalQuantile(1 - 0.001 / 2);

describe("nll: held-out negative log-likelihood", () => {
  it("Gaussian chains: each generation's value is within its sampling error of the exact cross-entropy (seed 17)", () => {
    const N = 20_000;
    const models: GaussianModel[][] = [];
    const r = runChains({
      ...configFromSpec({
        truth: "gaussian:mean=1,sd=2",
        family: "gaussian-mle",
        regime: "replace",
        samples: 20,
        generations: 3,
        chains: 4,
        seed: 17,
        metrics: ["nll"],
        mcSamples: N,
      }),
      onFit: (c, t, m) => {
        models[c] ??= [];
        models[c][t] = m as GaussianModel;
      },
    });
    for (let c = 0; c < 4; c++) {
      for (let t = 0; t <= 3; t++) {
        const m = t === 0 ? { mean: 1, variance: 4 } : models[c][t];
        const d2 = (1 - m.mean) ** 2;
        const expected = 0.5 * Math.log(2 * Math.PI * m.variance) + (4 + d2) / (2 * m.variance);
        const sd = Math.sqrt((2 * 16 + 4 * 4 * d2) / (4 * m.variance ** 2));
        const actual = generationValues(r, "nll", t)[c];
        const tol = Z * (sd / Math.sqrt(N));
        expect(
          Math.abs(actual - expected),
          `chain ${c}, t ${t}: expected ${expected}, actual ${actual}, tolerance ${tol}`,
        ).toBeLessThan(tol);
      }
    }
    // Generation 0 is the truth: the entropy ½ ln(2πeσ₀²), the same held-out set for every chain.
    const g0 = generationValues(r, "nll", 0);
    expect(new Set(g0).size).toBe(1);
  });

  it("the held-out set is the same for any worker split (firstChain) and +∞ once a categorical model loses a held-out symbol", () => {
    const spec = {
      truth: "zipf:k=40,s=1.2",
      family: "categorical-mle",
      regime: "replace",
      samples: 30,
      generations: 15,
      chains: 6,
      seed: 4,
      metrics: ["nll", "support"],
    };
    const all = runChains(configFromSpec(spec));
    const tail = runChains({ ...configFromSpec({ ...spec, chains: 3 }), firstChain: 3 });
    expect([...generationValues(tail, "nll", 15)]).toEqual(
      [...generationValues(all, "nll", 15)].slice(3),
    );
    // 30 samples per generation cannot keep all 40 symbols; the 4000 held-out draws hit the lost
    // ones (each has probability ≥ 40^−1.2 / Σ i^−1.2 ≈ 0.0034, ≈ 14 expected draws; missed with
    // probability ≈ e^−14): +∞.
    for (const v of generationValues(all, "nll", 15)) expect(v).toBe(Number.POSITIVE_INFINITY);
  });
});
