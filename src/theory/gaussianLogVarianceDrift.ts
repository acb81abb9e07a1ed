import { digamma } from "../numeric/index.ts";
import { assertInteger, InvalidParameterError } from "../util/validate.ts";

/**
 * E[ln σ²_{t+1} − ln σ²_t], the per-generation drift of the log-variance of a Gaussian refitted
 * to M of its own samples (replace): σ²_{t+1} = σ²_t S with S = χ²_{M−1}/D, so
 *
 *   unbiased (D = M − 1):  ψ((M−1)/2) − ln((M−1)/2),
 *   MLE (D = M):           ψ((M−1)/2) + ln(2/M).
 *
 * docs/theory.md#gaussian-log-variance (Shumailov et al., Nature 631 (2024), Theorem 3.1).
 * @param M samples per generation, integer ≥ 2.
 * @param estimator the variance estimator, "unbiased" or "mle".
 */
export function gaussianLogVarianceDrift(M: number, estimator: "unbiased" | "mle"): number {
  assertInteger("gaussianLogVarianceDrift", "M", M, 2);
  const h = (M - 1) / 2;
  if (estimator === "unbiased") return digamma(h) - Math.log(h);
  if (estimator === "mle") return digamma(h) + Math.log(2 / M);
  throw new InvalidParameterError(
    "gaussianLogVarianceDrift",
    "estimator",
    'must be "unbiased" or "mle"',
    estimator,
  );
}
