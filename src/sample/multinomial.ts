/**
 * Exact multinomial variates by conditional binomials (as numpy's `random_multinomial`):
 * with m the trials not yet assigned and M the probability mass of the cells not yet visited,
 * cell i receives Binomial(m, p_i / M). Cells of probability 0 are skipped without consuming
 * randomness, the loop stops as soon as m = 0, and the last positive cell receives the remainder
 * (so counts always sum to n and are 0 wherever p is 0). A conditional probability that rounding
 * pushes to 1 or beyond (M ≤ p_i although later cells are positive, which needs those cells'
 * mass to be below the rounding error of M) assigns all remaining trials to cell i.
 *
 * Each binomial uses exactly the algorithm of {@link binomial} (inversion for m·min(π, 1 − π) ≤ 30,
 * BTPE above, π the conditional probability) with the same uniforms, so the cost is O(k) per draw
 * plus the binomials' own expected O(1)-per-cell work, never O(n).
 *
 * The loop (`multinomialKernel` in binomial.ts) is written for speed, as the inner loop of every
 * Wright–Fisher refit: the parts of cell i + 1 that do not depend on cell i's count (its
 * conditional probability and log(1 − π)) are computed before cell i's search runs, off the
 * critical path; inversion is inlined; nothing is allocated per draw. The checked forms validate p
 * with a four-way-unrolled pre-check that defers to `assertProbabilityVector` for the verdict
 * whenever it is not certain (see `surelyProbabilityVector`).
 */
import type { RandomStream } from "../rng/randomStream.ts";
import {
  assertInteger,
  assertProbabilityVector,
  InvalidParameterError,
  PROBABILITY_SUM_TOLERANCE,
} from "../util/validate.ts";
import { BINOMIAL_MAX_N, multinomialKernel } from "./binomial.ts";

function multinomialInto(
  stream: RandomStream,
  n: number,
  w: ArrayLike<number>,
  total: number,
  out: Int32Array,
  offset: number,
  api: string,
): void {
  if (!multinomialKernel(stream, n, w, total, out, offset)) {
    throw new InvalidParameterError(api, "p", "must have a positive entry when n > 0", w);
  }
}

/**
 * A fast sufficient test for `assertProbabilityVector(api, "p", p)` to pass: every entry finite
 * and ≥ 0 (the same per-entry test) and a four-way-unrolled sum within the tolerance minus a
 * margin that covers the difference between the two summation orders (≤ 1.25·k·2^-53 each way,
 * so 4.5e-16·k suffices). Anything it does not accept goes to `assertProbabilityVector`, which
 * decides and words the error: accepted vectors and error messages are exactly the canonical
 * ones. Unrolling breaks the loop-carried addition, which made the canonical check cost ~60 % of
 * a late-generation (4 positive cells of 100) draw.
 */
function surelyProbabilityVector(p: ArrayLike<number>): boolean {
  const k = p.length;
  const slack = PROBABILITY_SUM_TOLERANCE - 4.5e-16 * k;
  if (k === 0 || !(slack > 0)) return false;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 4 <= k; i += 4) {
    const a = p[i];
    const b = p[i + 1];
    const c = p[i + 2];
    const d = p[i + 3];
    if (!(a >= 0 && a < Infinity && b >= 0 && b < Infinity)) return false;
    if (!(c >= 0 && c < Infinity && d >= 0 && d < Infinity)) return false;
    s0 += a;
    s1 += b;
    s2 += c;
    s3 += d;
  }
  for (; i < k; i++) {
    const a = p[i];
    if (!(a >= 0 && a < Infinity)) return false;
    s0 += a;
  }
  return Math.abs(s0 + s1 + (s2 + s3) - 1) <= slack;
}

function checkP(api: string, p: ArrayLike<number>): void {
  if (!surelyProbabilityVector(p)) assertProbabilityVector(api, "p", p);
}

function checkOut(api: string, out: Int32Array): void {
  if (!(out instanceof Int32Array)) {
    throw new InvalidParameterError(api, "out", "must be an Int32Array", out);
  }
}

/**
 * A Multinomial(n, p) variate written into `out` (length p.length) and returned: the cell
 * counts of n independent draws from the categorical distribution p.
 *
 * n is an integer in [0, 2^31 − 1]; p a probability vector (entries finite and ≥ 0, summing to 1
 * within {@link PROBABILITY_SUM_TOLERANCE} = 1e-9). The draw uses p exactly as given (it is not
 * renormalised; the last positive cell absorbs the ≤ 1e-9 discrepancy).
 */
export function multinomial(
  stream: RandomStream,
  n: number,
  p: ArrayLike<number>,
  out: Int32Array,
): Int32Array {
  const api = "multinomial";
  assertInteger(api, "n", n, 0, BINOMIAL_MAX_N);
  checkP(api, p);
  checkOut(api, out);
  if (out.length !== p.length) {
    throw new InvalidParameterError(
      api,
      "out.length",
      `must equal p.length (${p.length})`,
      out.length,
    );
  }
  multinomialInto(stream, n, p, 1, out, 0, api);
  return out;
}

/**
 * {@link multinomial} without validation, for hot loops (e.g. a Wright–Fisher refit that feeds
 * each generation's counts back as the next generation's weights).
 *
 * `weights` may be unnormalised: entries must be finite and ≥ 0 and `total` (default 1) must be
 * their sum to within a relative 1e-9 — e.g. the previous generation's counts with
 * `total = n`, which gives Multinomial(n, counts / n) with every conditional probability the
 * correctly rounded ratio of two integers (no rounding from forming counts / n first). The caller guarantees all of this, n an integer in
 * [0, 2^31 − 1], and `out.length === weights.length`; nothing is checked except that some weight
 * is positive when n > 0 (an O(1) by-product of the scan the algorithm needs). If `total`
 * overstates the sum, the last positive cell absorbs the difference.
 *
 * `out` may be the same `Int32Array` as `weights` (every weight is read before its cell is
 * written), so a chain can refit in place: `multinomialUnchecked(s, n, counts, counts, n)`.
 */
export function multinomialUnchecked(
  stream: RandomStream,
  n: number,
  weights: ArrayLike<number>,
  out: Int32Array,
  total = 1,
): Int32Array {
  multinomialInto(stream, n, weights, total, out, 0, "multinomialUnchecked");
  return out;
}

/**
 * Fills `out` (rows × k, row-major, k = p.length) with independent Multinomial(n, p) rows:
 * exactly what successive {@link multinomial} calls would write, row after row. p is validated
 * once.
 */
export function fillMultinomial(
  stream: RandomStream,
  n: number,
  p: ArrayLike<number>,
  out: Int32Array,
): Int32Array {
  const api = "fillMultinomial";
  assertInteger(api, "n", n, 0, BINOMIAL_MAX_N);
  checkP(api, p);
  checkOut(api, out);
  const k = p.length;
  if (out.length % k !== 0) {
    throw new InvalidParameterError(
      api,
      "out.length",
      `must be a multiple of p.length (${k})`,
      out.length,
    );
  }
  for (let offset = 0; offset < out.length; offset += k) {
    multinomialInto(stream, n, p, 1, out, offset, api);
  }
  return out;
}
