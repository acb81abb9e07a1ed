import {
  assertProbability,
  assertProbabilityVector,
  InvalidParameterError,
} from "../util/validate.ts";

/**
 * The law of a sample a verifier keeps (Feng, Dohmatob, Yang, Charton & Kempe 2024): a draw x ~ p
 * is kept with probability a when it is in the correct set C and b otherwise, draws repeated until
 * one is kept, so
 *
 *   p'(x) = p(x)·(a·1_C(x) + b·1_{C^c}(x)) / (a·p(C) + b·(1 − p(C)))
 *
 * and p'(C) = a·p(C)/(a·p(C) + b·(1 − p(C))) ≥ p(C) when a ≥ b (docs/theory.md#verification-map).
 *
 * @param p - the model's probability vector
 * @param correct - whether each symbol is in C (length k)
 * @param a - keep probability of a correct draw, in [0, 1]
 * @param b - keep probability of a wrong draw, in [0, 1]
 */
export function verifiedCategorical(
  p: ArrayLike<number>,
  correct: ArrayLike<boolean>,
  a: number,
  b: number,
): Float64Array {
  const api = "verifiedCategorical";
  assertProbabilityVector(api, "p", p);
  assertProbability(api, "a", a);
  assertProbability(api, "b", b);
  if (correct.length !== p.length) {
    throw new InvalidParameterError(
      api,
      "correct.length",
      `must equal p.length (${p.length})`,
      correct.length,
    );
  }
  const out = new Float64Array(p.length);
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    out[i] = p[i] * (correct[i] ? a : b);
    total += out[i];
  }
  if (!(total > 0)) {
    throw new InvalidParameterError(api, "a", "keeps no mass of p (a·p(C) + b·(1 − p(C)) = 0)", a);
  }
  for (let i = 0; i < p.length; i++) out[i] /= total;
  return out;
}
