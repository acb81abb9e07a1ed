import { assertInteger, assertPositive, InvalidParameterError } from "../util/validate.ts";

/** How a Poisson MLE chain builds each generation's training set (see {@link poissonSquaredErrorMoments}). */
export type PoissonChainRegime =
  | { readonly regime: "replace" }
  | { readonly regime: "accumulate" }
  | { readonly regime: "fresh"; readonly real: number };

/**
 * Mean and variance of the squared error e²_t, e_t = λ_t − λ_0, of a Poisson rate refitted by
 * maximum likelihood for t generations (n samples per generation; generation 1 is fitted to n
 * real samples). Every regime is one recursion e_{t+1} = c·e_t + η, where η given the past is a
 * centred Poisson sum whose cumulants are linear in e_t:
 *
 *   replace:    c = 1,           κ_j(η) = (λ_0 + e)/n^{j−1}
 *   accumulate: c = 1,           κ_j(η) = (λ_0 + e)/(n^{j−1}(t+1)^j)   (λ_{t+1} = (tλ_t + C/n)/(t+1))
 *   fresh (r):  c = (n − r)/n,   κ_j(η) = (nλ_0 + (n − r)e)/n^j        (λ_{t+1} = (R + C)/n)
 *
 * (the cumulants of Poisson(μ) are all μ). With κ_j = u_j + v_j e, E[η | e] = 0, E[η² | e] = κ₂,
 * E[η³ | e] = κ₃ and E[η⁴ | e] = κ₄ + 3κ₂², the raw moments Mₖ = E[eᵏ] obey
 *
 *   M₂' = c²M₂ + u₂ + v₂M₁
 *   M₃' = c³M₃ + 3c(u₂M₁ + v₂M₂) + u₃ + v₃M₁
 *   M₄' = c⁴M₄ + 6c²(u₂M₂ + v₂M₃) + 4c(u₃M₁ + v₃M₂) + u₄ + v₄M₁ + 3(u₂² + 2u₂v₂M₁ + v₂²M₂)
 *
 * from M = 0 at generation 0 (the truth), with M₁ = 0 throughout (λ_t is a martingale in replace and
 * accumulate, and E[e] contracts by c under fresh). Then E[e²_t] = M₂ (equal to
 * poissonReplaceSquaredError / poissonAccumulateSquaredError / poissonFreshSquaredError) and
 * Var[e²_t] = M₄ − M₂². docs/theory.md#poisson-mle-chain; checked against a brute-force sum over
 * the chain's integer states (test/fixtures/make_theory_continuous.py).
 * @param rate λ_0, finite and > 0.
 * @param n samples per generation, integer ≥ 1.
 * @param t generations fitted, integer ≥ 0.
 * @param regime replace, accumulate, or fresh with r real samples per generation (integer in [1, n]).
 */
export function poissonSquaredErrorMoments(
  rate: number,
  n: number,
  t: number,
  regime: PoissonChainRegime,
): { mean: number; variance: number } {
  const api = "poissonSquaredErrorMoments";
  assertPositive(api, "rate", rate);
  assertInteger(api, "n", n, 1);
  assertInteger(api, "t", t, 0);
  const kind = regime?.regime;
  if (kind !== "replace" && kind !== "accumulate" && kind !== "fresh") {
    throw new InvalidParameterError(
      api,
      "regime",
      'must be { regime: "replace" | "accumulate" } or { regime: "fresh", real }',
      kind,
    );
  }
  const real = regime.regime === "fresh" ? regime.real : 0;
  if (regime.regime === "fresh") assertInteger(api, "real", real, 1, n);
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let g = 0; g < t; g++) {
    // Step from generation g to g + 1: e' = c·e + η with κ_j(η) = u_j + v_j·e.
    let c: number;
    let u: [number, number, number];
    let v: [number, number, number];
    if (kind === "fresh") {
      c = (n - real) / n;
      const base = [n * n, n * n * n, n * n * n * n] as const;
      u = [(n * rate) / base[0], (n * rate) / base[1], (n * rate) / base[2]];
      v = [(n - real) / base[0], (n - real) / base[1], (n - real) / base[2]];
    } else {
      c = 1;
      const w = kind === "accumulate" ? 1 / (g + 1) : 1;
      // κ_j = (λ_0 + e)·w^j / n^{j−1}
      const s2 = (w * w) / n;
      const s3 = (w * w * w) / (n * n);
      const s4 = (w * w * w * w) / (n * n * n);
      u = [rate * s2, rate * s3, rate * s4];
      v = [s2, s3, s4];
    }
    const [u2, u3, u4] = u;
    const [v2, v3] = v;
    const next4 =
      c ** 4 * m4 +
      6 * c * c * (u2 * m2 + v2 * m3) +
      4 * c * (v3 * m2) +
      u4 +
      3 * (u2 * u2 + v2 * v2 * m2);
    const next3 = c ** 3 * m3 + 3 * c * (v2 * m2) + u3;
    const next2 = c * c * m2 + u2;
    m4 = next4;
    m3 = next3;
    m2 = next2;
  }
  return { mean: m2, variance: m4 - m2 * m2 };
}
