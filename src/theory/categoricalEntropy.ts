import { assertProbabilityVector } from "../util/validate.ts";

/**
 * Shannon entropy of a categorical distribution, in nats:
 *
 *   H(p) = −Σ_{i: p_i > 0} p_i ln p_i.
 *
 * Under categorical-MLE refits it is a supermartingale (docs/theory.md#entropy-supermartingale;
 * see {@link expectedResampledEntropy}).
 *
 * Reference: Cover and Thomas, Elements of Information Theory (2nd ed., 2006), §2.1.
 *
 * @param p - a probability vector
 */
export function categoricalEntropy(p: ArrayLike<number>): number {
  assertProbabilityVector("categoricalEntropy", "p", p);
  let h = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) h -= p[i] * Math.log(p[i]);
  return h;
}
