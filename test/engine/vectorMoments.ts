/**
 * Moment checks of d-dimensional samplers against exact moments, shared by the 2-D model tests.
 *
 * For n i.i.d. points with mean μ, coordinate variances σ_r², total variance V = Σ σ_r² and
 * fourth moment μ₄ = E‖X − μ‖⁴:
 * - each coordinate's sample mean: |x̄_r − μ_r| ≤ Z·σ_r/√n;
 * - the total sample variance S = (1/(n − 1)) Σ ‖x_i − x̄‖² (unbiased for V):
 *   |S − V| ≤ Z·√((μ₄ − V²)/n) (its variance to first order in 1/n).
 * Z = Φ⁻¹(1 − 10⁻⁶/2) (test/sample/stats.ts): each check's false-alarm probability is ≤ 10⁻⁶ up to
 * the CLT's accuracy at these n (≥ 10⁵), so a file with m checks has ≤ m·10⁻⁶.
 */
import { expect } from "vitest";
import type { GaussianComponents } from "../../src/model/kinds.ts";
import { Z } from "../sample/stats.ts";

/** Exact moments of a d-dimensional law. */
export interface VectorMoments {
  readonly mean: readonly number[];
  readonly coordinateVariances: readonly number[];
  readonly variance: number;
  /** E‖X − μ‖⁴. */
  readonly fourthMoment: number;
}

/**
 * The exact moments of a Gaussian mixture Σ_j w_j N(μ_j, Σ_j): μ = Σ w_j μ_j,
 * σ_r² = Σ w_j (Σ_j,rr + (μ_j,r − μ_r)²), and with m_j = μ_j − μ,
 * E‖X − μ‖⁴ = Σ w_j [(tr Σ_j + ‖m_j‖²)² + 2 tr Σ_j² + 4 m_jᵀ Σ_j m_j] (for Y ~ N(m, Σ),
 * Var YᵀY = 2 tr Σ² + 4 mᵀΣm).
 */
export function mixtureMoments(c: GaussianComponents): VectorMoments {
  const d = c.dim;
  const k = c.weights.length;
  const cov = (j: number, r: number, s: number) =>
    c.covariances.length === d * d
      ? c.covariances[r * d + s]
      : c.covariances[j * d * d + r * d + s];
  const mean = Array.from({ length: d }, (_, r) => {
    let s = 0;
    for (let j = 0; j < k; j++) s += c.weights[j] * c.means[j * d + r];
    return s;
  });
  const coordinateVariances = mean.map((m, r) => {
    let s = 0;
    for (let j = 0; j < k; j++) s += c.weights[j] * (cov(j, r, r) + (c.means[j * d + r] - m) ** 2);
    return s;
  });
  let fourthMoment = 0;
  for (let j = 0; j < k; j++) {
    const mj = mean.map((m, r) => c.means[j * d + r] - m);
    let tr = 0;
    let tr2 = 0;
    let quad = 0;
    let norm2 = 0;
    for (let r = 0; r < d; r++) {
      tr += cov(j, r, r);
      norm2 += mj[r] ** 2;
      for (let s = 0; s < d; s++) {
        tr2 += cov(j, r, s) * cov(j, s, r);
        quad += mj[r] * cov(j, r, s) * mj[s];
      }
    }
    fourthMoment += c.weights[j] * ((tr + norm2) ** 2 + 2 * tr2 + 4 * quad);
  }
  return {
    mean,
    coordinateVariances,
    variance: coordinateVariances.reduce((a, b) => a + b, 0),
    fourthMoment,
  };
}

/** Checks n rows of dimension d against exact moments (see the file comment). */
export function expectVectorMoments(
  values: Float64Array,
  d: number,
  exact: VectorMoments,
  label: string,
): void {
  const n = values.length / d;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let r = 0; r < d; r++) mean[r] += values[i * d + r];
  for (let r = 0; r < d; r++) mean[r] /= n;
  for (let r = 0; r < d; r++) {
    const tol = Z * Math.sqrt(exact.coordinateVariances[r] / n);
    expect(
      Math.abs(mean[r] - exact.mean[r]),
      `${label}: mean[${r}] expected ${exact.mean[r]}, actual ${mean[r]}, tolerance ${tol} (n ${n})`,
    ).toBeLessThanOrEqual(tol);
  }
  let ss = 0;
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < d; r++) ss += (values[i * d + r] - mean[r]) ** 2;
  }
  const s = ss / (n - 1);
  const tol = Z * Math.sqrt((exact.fourthMoment - exact.variance ** 2) / n);
  expect(
    Math.abs(s - exact.variance),
    `${label}: total variance expected ${exact.variance}, actual ${s}, tolerance ${tol} (n ${n})`,
  ).toBeLessThanOrEqual(tol);
}
