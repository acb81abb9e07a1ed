/**
 * The `sd` and `cov-error` metrics against exact theory. Under Gaussian-unbiased replace,
 * σ̂₁² = σ²·χ²_ν/ν with ν = M − 1, so
 *   E[σ̂₁] = σ·c₄(M), c₄(M) = √(2/ν)·Γ(M/2)/Γ(ν/2)                  (the c₄ bias constant)
 *   E|σ̂₁² − σ²| = (σ²/ν)·E|χ²_ν − ν| = (σ²/ν)·4k^k e^{−k}/Γ(k), k = ν/2  (mean absolute
 *   deviation of a Gamma(k, 2) law about its mean: 2θk^k e^{−k}/Γ(k)).
 * Seeds fixed and printed; each mean is checked within z·se at a 0.1% two-sided false-alarm
 * probability per assertion.
 */
import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { generationValues, summarizeMetric } from "../../src/chain/summarize.ts";
import { mvGaussianModel } from "../../src/model/mvGaussian.ts";
import { lgamma, normalQuantile } from "../../src/numeric/index.ts";

const Z = normalQuantile(1 - 0.001 / 2);

describe("sd and cov-error", () => {
  it("Gaussian-unbiased replace, generation 1: E[σ̂] = σ·c₄(M) and E|σ̂² − σ²| in closed form (seed 21)", () => {
    const M = 20;
    const sigma = 2;
    const r = runChains(
      configFromSpec({
        truth: `gaussian:sd=${sigma}`,
        family: "gaussian-unbiased",
        regime: "replace",
        samples: M,
        generations: 1,
        chains: 4000,
        seed: 21,
        metrics: ["sd", "cov-error"],
      }),
    );
    const nu = M - 1;
    const c4 = Math.sqrt(2 / nu) * Math.exp(lgamma(M / 2) - lgamma(nu / 2));
    const k = nu / 2;
    const mad = (sigma ** 2 / nu) * 4 * Math.exp(k * Math.log(k) - k - lgamma(k));
    for (const [metric, expected] of [
      ["sd", sigma * c4],
      ["cov-error", mad],
    ] as const) {
      const s = summarizeMetric(r, metric);
      expect(s.mean[0], `${metric} at generation 0`).toBe(metric === "sd" ? sigma : 0);
      const tol = Z * s.se[1];
      expect(
        Math.abs(s.mean[1] - expected),
        `${metric}: mean ${s.mean[1]}, exact ${expected}, tolerance ${tol}`,
      ).toBeLessThan(tol);
    }
  });

  it("mv-gaussian: sd = √tr Σ and cov-error = ‖Σ − Σ₀‖_F exactly for a given model", () => {
    const r = runChains({
      ...configFromSpec({
        truth: "mv-gaussian:dim=3",
        family: "mv-gaussian",
        regime: "replace",
        samples: 10,
        generations: 0,
        chains: 1,
        seed: 1,
        metrics: ["sd", "cov-error"],
      }),
      // Σ = [[2, 0.5, 0], [0.5, 3, 0], [0, 0, 1]] against Σ₀ = I: ‖Σ − I‖²_F = 1 + 4 + 0.25·2.
      initialModel: mvGaussianModel([0, 0, 0], [2, 0.5, 0, 0.5, 3, 0, 0, 0, 1]),
    });
    expect(generationValues(r, "sd", 0)[0]).toBeCloseTo(Math.sqrt(6), 14);
    expect(generationValues(r, "cov-error", 0)[0]).toBeCloseTo(Math.sqrt(5.5), 14);
  });

  it("cov-error applies to Gaussian and mv-gaussian models only", () => {
    expect(() =>
      runChains(
        configFromSpec({
          truth: "gaussian",
          family: "kde",
          regime: "replace",
          samples: 10,
          generations: 1,
          chains: 1,
          seed: 1,
          metrics: ["cov-error"],
        }),
      ),
    ).toThrow(/cov-error/);
  });
});
