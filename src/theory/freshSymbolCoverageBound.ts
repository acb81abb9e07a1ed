import { assertInteger, assertProbability } from "../util/validate.ts";

/**
 * With n_r fresh real samples in every generation's training set, a symbol of truth probability q
 * is in generation t's training set with probability
 *
 *   P(i ∈ D_t) = 1 − (1 − q)^{n_r}·E[(1 − p_{t−1,i})^{n_s}]  ≥  1 − (1 − q)^{n_r}   (every t ≥ 2),
 *
 * since the fresh part alone misses it with probability (1 − q)^{n_r} whatever the model, and the
 * synthetic part is drawn independently given the model. Returns the bound
 * 1 − (1 − q)^{n_r}. docs/theory.md#fresh-data-symbol-coverage.
 *
 * Reference: Alemohammad et al., "Self-consuming generative models go MAD", ICLR 2024 (fresh
 * data loop); Bertrand et al., ICLR 2024.
 *
 * @param q - the symbol's truth probability, in [0, 1]
 * @param real - n_r, fresh real samples per generation (an integer ≥ 0)
 */
export function freshSymbolCoverageBound(q: number, real: number): number {
  const api = "freshSymbolCoverageBound";
  assertProbability(api, "q", q);
  assertInteger(api, "real", real, 0);
  return 1 - (1 - q) ** real;
}
