import { assertInteger, assertNonNegative } from "../util/validate.ts";

/**
 * Mean and variance of the excess test error ‖ŵ − w*‖² of a downstream OLS fitted to T points
 * labelled (noise σ²) by the t-th of a chain of OLS generators, each refitted with a fresh
 * Gaussian design of T₀ rows (the first to real data) and label noise σ₀²
 * (Dohmatob, Feng & Kempe, "Model collapse demystified: the case of regression", NeurIPS 2024;
 * docs/theory.md#downstream-regression). The error is the sum of t + 1 independent increments
 * u_i ~ N(0, s_i²W_i⁻¹), W_i ~ Wishart_d(n_i, I), so with c_i = s_i²/(n_i − d − 1)
 *
 *   E‖ŵ − w*‖² = σ²d/(T − d − 1) + tσ₀²d/(T₀ − d − 1)
 *   Var‖ŵ − w*‖² = Σ_i 2s_i⁴d(n_i − 1)/((n_i − d − 1)²(n_i − d − 3)) + 4d Σ_{i<j} c_i c_j
 *
 * (inverse-Wishart moments for each ‖u_i‖²; the cross terms u_iᵀu_j have E[(u_iᵀu_j)²] = d c_i c_j
 * and are uncorrelated with everything else). The mean also holds for a fixed generator design.
 * @param d dimension, integer ≥ 1.
 * @param generations t, the generator fits (t = 0: the downstream learner sees clean labels).
 * @param generator T₀ (integer ≥ d + 4) and σ₀² ≥ 0 of every generator fit.
 * @param downstream T (integer ≥ d + 4) and σ² ≥ 0 of the downstream fit.
 */
export function downstreamTestErrorMoments(
  d: number,
  generations: number,
  generator: { readonly samples: number; readonly noiseVariance: number },
  downstream: { readonly samples: number; readonly noiseVariance: number },
): { mean: number; variance: number } {
  const api = "downstreamTestErrorMoments";
  assertInteger(api, "d", d, 1);
  assertInteger(api, "generations", generations, 0);
  assertInteger(api, "generator.samples", generator.samples, d + 4);
  assertNonNegative(api, "generator.noiseVariance", generator.noiseVariance);
  assertInteger(api, "downstream.samples", downstream.samples, d + 4);
  assertNonNegative(api, "downstream.noiseVariance", downstream.noiseVariance);
  const increments = [...Array.from({ length: generations }, () => generator), downstream].map(
    ({ samples: n, noiseVariance: s2 }) => {
      const a = n - d - 1;
      return { c: s2 / a, variance: (2 * s2 * s2 * d * (n - 1)) / (a * a * (n - d - 3)) };
    },
  );
  let mean = 0;
  let variance = 0;
  let before = 0;
  for (const { c, variance: v } of increments) {
    mean += c * d;
    variance += v + 4 * d * c * before;
    before += c;
  }
  return { mean, variance };
}
