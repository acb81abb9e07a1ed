import { assertInteger, assertProbability, InvalidParameterError } from "../util/validate.ts";

/** Options of {@link weightedFreshGaussianMeanError}. */
export interface WeightedFreshConstraints {
  /**
   * Delta degrees of freedom of every variance fit, s² = Σ(x − x̄)²/(size − ddof): 0 for
   * `gaussian-mle`, 1 for `gaussian-unbiased` (E σ²_t = σ² for every t, the known-variance case).
   * @defaultValue 0
   */
  readonly ddof?: 0 | 1;
  /** n₀, the real samples generation 1 is fitted to (`weighted-fresh:first`). @defaultValue n + m */
  readonly first?: number;
}

/** The exact law of the weighted chain's mean error, per generation, and its limit. */
export interface WeightedFreshMeanError {
  /** E[(μ_t − μ)²]/σ², t = 1…T at index t − 1. */
  readonly meanError: number[];
  /** Var[(μ_t − μ)²]/σ⁴, t = 1…T (the variance of one chain's squared error). */
  readonly meanErrorVariance: number[];
  /** E[σ²_t]/σ², t = 1…T. */
  readonly variance: number[];
  /** lim_{t→∞} E[(μ_t − μ)²]/σ² (+∞ when it diverges: w = 0 with ddof 1). */
  readonly limit: number;
  /** lim_{t→∞} E[σ²_t]/σ² (with w = 0 and ddof 0 the variance vanishes: 0). */
  readonly varianceLimit: number;
}

/**
 * The mean error of a Gaussian refitted by He, Xu & Cheng's weighted estimator: generation 1 is
 * fitted to n₀ real samples; generation t + 1 fits n fresh real samples and m samples of
 * generation t apart (divisor size − ddof) and averages them, μ_{t+1} = w x̄_r + (1 − w) x̄_s,
 * σ²_{t+1} = w s²_r + (1 − w) s²_s (the `weighted-fresh` regime). With a = 1 − w, δ_t = μ_t − μ,
 * c_j = (j − 1)/(j − ddof), e_t = E δ²_t/σ² and v_t = E σ²_t/σ² (the sample means are Gaussian
 * and independent of the sample variances):
 *
 *   e_{t+1} = w²/n + a²(v_t/m + e_t),      v_{t+1} = w c_n + a c_m v_t,
 *   e_∞ = (w²/n + a² v_∞/m)/(1 − a²),      v_∞ = w c_n/(1 − a c_m)          (w > 0),
 *
 * from e_1 = 1/n₀, v_1 = c_{n₀}; the variance of δ²_t follows from the fourth moments (given the
 * past, δ_{t+1} = aδ_t + N(0, V) with V = w²/n + a²σ²_t/m, so E δ⁴' = a⁴δ⁴ + 6a²δ²V + 3V²; and
 * E[δ²'σ²'] = E[δ²'] E[σ²'] given the past). With the variance known (ddof 1, v ≡ 1) and k = m/n,
 * n·e_∞ = (w² + a²/k)/(w(2 − w)), least at w* = 2/(1 + √(1 + 4k)) where it equals w* (1/φ at
 * k = 1; {@link weightedFreshOptimalWeight}). Parts of weight 0 are not fitted (their terms are
 * absent). docs/theory.md#weighted-fresh-mean.
 *
 * Reference: He, Xu, Cheng, "Golden ratio weighting prevents model collapse", arXiv:2502.18049
 * (2025), the weighted fresh-data framework; the recursion and its fourth moments are derived here.
 *
 * @param n - fresh real samples per generation, integer ≥ 1 (> ddof when w > 0)
 * @param m - synthetic samples per generation, integer ≥ 1 (> ddof when w < 1)
 * @param w - the real part's weight, in [0, 1]
 * @param T - generations, integer ≥ 1
 */
export function weightedFreshGaussianMeanError(
  n: number,
  m: number,
  w: number,
  T: number,
  constraints: WeightedFreshConstraints = {},
): WeightedFreshMeanError {
  const api = "weightedFreshGaussianMeanError";
  const ddof = constraints.ddof ?? 0;
  if (ddof !== 0 && ddof !== 1) {
    throw new InvalidParameterError(api, "constraints.ddof", "must be 0 or 1", ddof);
  }
  assertProbability(api, "w", w);
  assertInteger(api, "n", n, w > 0 ? ddof + 1 : 1);
  assertInteger(api, "m", m, w < 1 ? ddof + 1 : 1);
  assertInteger(api, "T", T, 1);
  const first = constraints.first ?? n + m;
  assertInteger(api, "constraints.first", first, ddof + 1);
  const a = 1 - w;
  // A part of weight 0 is not fitted: its terms are absent (its c_j may be 0/0).
  const wc = w > 0 ? (w * (n - 1)) / (n - ddof) : 0; // w·E[s²_r]/σ²
  const ac = a > 0 ? (a * (m - 1)) / (m - ddof) : 0; // a·E[s²_s | σ²_t]/σ²_t
  const wq = w > 0 ? (w * w * (n - 1) * (n + 1)) / (n - ddof) ** 2 : 0; // w²·E[s⁴_r]/σ⁴
  const aq = a > 0 ? (a * a * (m - 1) * (m + 1)) / (m - ddof) ** 2 : 0; // a²·E[s⁴_s | σ²]/σ⁴
  const r = (w * w) / n; // real noise of the mean
  const s = (a * a) / m; // synthetic noise per unit σ²_t
  const a2 = a * a;
  // Moments at generation 1: δ_1 ~ N(0, 1/n₀), σ²_1 ~ χ²_{n₀−1}/(n₀ − ddof), independent.
  let d2 = 1 / first;
  let d4 = 3 / (first * first);
  let v1 = (first - 1) / (first - ddof);
  let v2 = ((first - 1) * (first + 1)) / (first - ddof) ** 2;
  let dv = d2 * v1;
  const meanError = [d2];
  const meanErrorVariance = [d4 - d2 * d2];
  const variance = [v1];
  for (let t = 2; t <= T; t++) {
    // V = r + s σ²: E[V] = r + s v1, E[V²] = r² + 2rs v1 + s² v2, E[δ²V] = r d2 + s dv.
    const nextD2 = a2 * d2 + r + s * v1;
    const nextD4 =
      a2 * a2 * d4 + 6 * a2 * (r * d2 + s * dv) + 3 * (r * r + 2 * r * s * v1 + s * s * v2);
    // E[δ²'σ²'] = E[(a²δ² + r + sσ²)(wc + ac σ²)].
    const nextDv = wc * nextD2 + ac * (a2 * dv + r * v1 + s * v2);
    const nextV2 = wq + 2 * wc * ac * v1 + aq * v2;
    const nextV1 = wc + ac * v1;
    [d2, d4, dv, v1, v2] = [nextD2, nextD4, nextDv, nextV1, nextV2];
    meanError.push(d2);
    meanErrorVariance.push(d4 - d2 * d2);
    variance.push(v1);
  }
  let limit: number;
  let varianceLimit: number;
  if (w > 0) {
    varianceLimit = wc / (1 - ac);
    limit = (r + s * varianceLimit) / (1 - a2);
  } else {
    // Synthetic data only (replace): δ is a random walk with steps of variance σ²_t/m, and
    // E σ²_t = c_m^{t−1} v_1, so the steps sum to v_1/(m(1 − c_m)) when c_m < 1 (ddof 0) and
    // grow without bound when the variance is a martingale (ddof 1).
    const v = (first - 1) / (first - ddof);
    varianceLimit = ac < 1 ? 0 : v;
    limit = ac < 1 ? 1 / first + v / (m * (1 - ac)) : Number.POSITIVE_INFINITY;
  }
  return { meanError, meanErrorVariance, variance, limit, varianceLimit };
}
