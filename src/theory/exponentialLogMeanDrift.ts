import { digamma } from "../numeric/index.ts";
import { assertPositive } from "../util/validate.ts";

/**
 * E[ln θ_{t+1} − ln θ_t] = ψ(n) − ln n < 0 for an exponential refitted by maximum likelihood
 * (θ̂ = x̄) to n of its own samples: θ_{t+1} = θ_t G, G ~ Gamma(shape n, scale 1/n), E[ln G] =
 * ψ(n) − ln n = −1/(2n) − 1/(12n²) + O(n⁻⁴). docs/theory.md#exponential-mle-chain.
 * @param n samples per generation, finite and > 0.
 */
export function exponentialLogMeanDrift(n: number): number {
  assertPositive("exponentialLogMeanDrift", "n", n);
  return digamma(n) - Math.log(n);
}
