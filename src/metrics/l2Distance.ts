import type { GaussianComponents } from "../model/kinds.ts";
import { RANK_TOLERANCE_PER_DIM, tryCholesky } from "../numeric/index.ts";
import { InvalidParameterError, UndefinedQuantityError } from "../util/validate.ts";

const LOG_2PI = Math.log(2 * Math.PI);

/** Whether a mixture's covariances are one matrix shared by all its components. */
function shared(m: GaussianComponents): boolean {
  return m.covariances.length === m.dim * m.dim;
}

/**
 * ∫ f g = Σ_i Σ_j a_i b_j N(μ_i; ν_j, Σ_i + Ω_j) for f = Σ a_i N(μ_i, Σ_i), g = Σ b_j N(ν_j, Ω_j)
 * (the product of two Gaussian densities integrates to a Gaussian density at the difference of
 * their means with the summed covariance). One Cholesky factor per pair of covariances — one in
 * all when both mixtures share theirs (two KDEs) — then a forward substitution per pair.
 */
function innerProduct(f: GaussianComponents, g: GaussianComponents): number {
  const d = f.dim;
  const d2 = d * d;
  const kf = f.weights.length;
  const kg = g.weights.length;
  const sum = new Float64Array(d2);
  const y = new Float64Array(d);
  const bothShared = shared(f) && shared(g);
  let chol: Float64Array | null = null;
  let logDet = 0;
  const factor = (i: number, j: number) => {
    const fi = shared(f) ? 0 : i * d2;
    const gj = shared(g) ? 0 : j * d2;
    for (let r = 0; r < d2; r++) sum[r] = f.covariances[fi + r] + g.covariances[gj + r];
    chol = tryCholesky(sum, d);
    // A pivot L_rr² is a Schur complement, ≥ λ_min: one at rounding level relative to the
    // largest variance means λ_min ≤ d·ε·λ_max — numerically singular (numpy's matrix_rank
    // criterion, as mv-gaussian's), e.g. the sum of two rank-deficient sample covariances.
    let maxDiag = 0;
    for (let r = 0; r < d; r++) maxDiag = Math.max(maxDiag, sum[r * d + r]);
    let minPivot = Number.POSITIVE_INFINITY;
    if (chol !== null)
      for (let r = 0; r < d; r++) minPivot = Math.min(minPivot, chol[r * d + r] ** 2);
    if (chol === null || !(minPivot > RANK_TOLERANCE_PER_DIM * d * maxDiag)) {
      throw new UndefinedQuantityError(
        "l2",
        "a component with a singular covariance (a point mass or a degenerate Gaussian) has no square-integrable density",
      );
    }
    logDet = 0;
    for (let r = 0; r < d; r++) logDet += 2 * Math.log(chol[r * d + r]);
  };
  if (bothShared) factor(0, 0);
  let total = 0;
  for (let i = 0; i < kf; i++) {
    for (let j = 0; j < kg; j++) {
      if (!bothShared) factor(i, j);
      const L = chol as unknown as Float64Array;
      let quad = 0;
      for (let r = 0; r < d; r++) {
        let s = f.means[i * d + r] - g.means[j * d + r];
        for (let c = 0; c < r; c++) s -= L[r * d + c] * y[c];
        const v = s / L[r * d + r];
        y[r] = v;
        quad += v * v;
      }
      total += f.weights[i] * g.weights[j] * Math.exp(-0.5 * (d * LOG_2PI + logDet + quad));
    }
  }
  return total;
}

/**
 * The L2 distance ∫ (f − g)² dx = ∫f² + ∫g² − 2∫fg between two finite Gaussian mixtures in d
 * dimensions, in closed form (∫ N(x; a, A) N(x; b, B) dx = N(a; b, A + B); docs/theory.md#l2-distance)
 * — what Shumailov et al.'s GMM notebook plots between the fit to the real data and each
 * evolution's fit (`L2_of_gmms`, the squared L2 norm of f − g). O(k_f·k_g·d³); the three terms
 * cancel when f ≈ g, so the result carries an absolute rounding error of a few ε·(∫f² + ∫g²);
 * it is rounded below at 0.
 * @throws InvalidParameterError when the dimensions differ; UndefinedQuantityError when a
 * component's covariance is singular (its density is not square-integrable).
 */
export function l2Distance(f: GaussianComponents, g: GaussianComponents): number {
  if (f.dim !== g.dim) {
    throw new InvalidParameterError("l2", "model dim", `must equal the other's (${g.dim})`, f.dim);
  }
  return Math.max(0, innerProduct(f, f) + innerProduct(g, g) - 2 * innerProduct(f, g));
}
