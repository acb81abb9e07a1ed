import { lgamma } from "../numeric/index.ts";
import {
  assertFinite,
  assertInteger,
  assertPositive,
  InvalidParameterError,
} from "../util/validate.ts";

/**
 * ln E[(det Σ_{t+1}/det Σ_t)^λ] for a d-dimensional Gaussian whose covariance is refitted with
 * divisor D to M of its own samples (replace). By Bartlett's decomposition the ratio is
 * Π_{i=1}^d χ²_{M−i}/D with independent factors, and E[(χ²_k)^λ] = 2^λ Γ(k/2 + λ)/Γ(k/2), so
 *
 *   ln m(λ) = Σ_{i=1}^d [λ ln(2/D) + lnΓ((M−i)/2 + λ) − lnΓ((M−i)/2)].
 *
 * With d = 1 this is ln E[S^λ], S = χ²_{M−1}/D, the one-dimensional variance factor.
 * docs/theory.md#mv-gaussian, docs/theory.md#gaussian-variance-vanishes.
 * @param d dimension, integer ≥ 1.
 * @param M samples per generation, integer > d.
 * @param D covariance divisor, finite and > 0 (M for the MLE, M − 1 unbiased).
 * @param lambda the power λ, finite and > −(M − d)/2 (where the moment exists).
 */
export function bartlettLogMoment(d: number, M: number, D: number, lambda: number): number {
  const api = "bartlettLogMoment";
  assertInteger(api, "d", d, 1);
  assertInteger(api, "M", M, d + 1);
  assertPositive(api, "D", D);
  assertFinite(api, "lambda", lambda);
  if (!(lambda > -(M - d) / 2)) {
    throw new InvalidParameterError(
      api,
      "lambda",
      `must be > −(M − d)/2 = ${-(M - d) / 2}`,
      lambda,
    );
  }
  let s = 0;
  for (let i = 1; i <= d; i++) {
    s += lambda * Math.log(2 / D) + lgamma((M - i) / 2 + lambda) - lgamma((M - i) / 2);
  }
  return s;
}
