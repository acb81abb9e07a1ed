import { assertFinite, assertInteger, InvalidParameterError } from "../util/validate.ts";

/** Options of {@link sureshForgettingBand}. */
export interface ForgettingBandConstraints {
  /**
   * Distance from ½ of the two probability levels: k_a bounds P(F ≤ k_a) by ½ − slack and k_b
   * bounds P(F ≤ k_b) from below by ½ + slack, so each side is ≥ slack away from ½ (what makes
   * the band decidable by simulation). In (0, 0.5). @defaultValue 0.05
   */
  slack?: number;
}

/** A band (kA, kB] for the median forgetting time. */
export interface ForgettingBand {
  /** The largest k with exp(−m g_k) ≤ ½ − slack (0 if there is none): P(F ≤ kA) < ½. */
  readonly kA: number;
  /** The smallest k with (1 − 3m²/n − 3km/n)·exp(−m g_k) ≥ ½ + slack: P(F ≤ kB) > ½. */
  readonly kB: number;
}

/**
 * A band (k_a, k_b] that holds the median forgetting time of a symbol seen m times in n samples
 * (p_0 = m/n), refitted by frequencies to n samples per generation. With F the first fit k at which
 * P_k = 0, Suresh et al.'s Theorem 1 gives
 *
 *   P(F ≤ k) ≤ exp(−m g_k)   and   P(F ≤ k) ≥ (1 − 3m²/n − 3km/n)·exp(−m g_k),
 *
 * (g_k from {@link sureshGk}), so P(F ≤ k_a) ≤ ½ − slack and P(F ≤ k_b) ≥ ½ + slack: the median is
 * in (k_a, k_b]. For 2 ≤ m ≤ 15 and n ≥ 300m², 1.5m ≤ k_a < k_b ≤ 3.6m (linear in m).
 * docs/theory.md#suresh-forgetting-time.
 *
 * Reference: Suresh, Thangaraj, Khandavally, "Rate of model collapse in recursive training",
 * AISTATS 2025 (PMLR 258), Theorem 1 and the discussion after it.
 *
 * @param count - m, the symbol's count in the first n samples (finite, > 0)
 * @param samples - n, samples per fit (an integer ≥ count)
 * @throws InvalidParameterError when no k_b exists (n too small for m: 3m²/n ≥ ½ − slack)
 */
export function sureshForgettingBand(
  count: number,
  samples: number,
  constraints: ForgettingBandConstraints = {},
): ForgettingBand {
  const api = "sureshForgettingBand";
  assertFinite(api, "count", count);
  if (!(count > 0)) throw new InvalidParameterError(api, "count", "must be > 0", count);
  assertInteger(api, "samples", samples, Math.ceil(count));
  const slack = constraints.slack ?? 0.05;
  if (!(slack > 0 && slack < 0.5)) {
    throw new InvalidParameterError(api, "constraints.slack", "must be in (0, 0.5)", slack);
  }
  const m = count;
  const n = samples;
  // g_k decreases in k, so exp(−m g_k) increases: {k : exp(−m g_k) ≤ ½ − slack} is an initial run.
  let kA = 0;
  let g = 1;
  while (Math.exp(-m * g) <= 0.5 - slack) {
    kA++;
    g = -Math.expm1(-g);
  }
  // (1 − 3m²/n − 3km/n) falls below ½ + slack past kMax, and exp(−m g_k) ≤ 1: no k_b beyond it.
  const kMax = Math.floor(((1 - (3 * m * m) / n - (0.5 + slack)) * n) / (3 * m));
  g = 1;
  for (let k = 1; k <= kMax; k++) {
    if ((1 - (3 * m * m) / n - (3 * k * m) / n) * Math.exp(-m * g) >= 0.5 + slack) {
      return { kA, kB: k };
    }
    g = -Math.expm1(-g);
  }
  throw new InvalidParameterError(
    api,
    "samples",
    `is too small for count = ${m}: no k with (1 − 3m²/n − 3km/n)·exp(−m g_k) ≥ ${0.5 + slack}`,
    n,
  );
}
