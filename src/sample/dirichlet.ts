import type { RandomStream } from "../rng/randomStream.ts";
import { InvalidParameterError } from "../util/validate.ts";
import { betaPairUnchecked } from "./beta.ts";
import { checkOut } from "./exponential.ts";
import { gammaConstants, standardGammaUnchecked } from "./gamma.ts";

/** Below this largest concentration the stick-breaking construction is used (numpy's cut-off). */
const SMALL_ALPHA = 0.1;

/** Per-call constants: the validated concentrations and everything derived from them once. */
interface DirichletPlan {
  readonly k: number;
  readonly alpha: Float64Array;
  /** tail[j] = alpha[j] + … + alpha[k − 1] (tail[k] = 0). */
  readonly tail: Float64Array;
  /** Marsaglia–Tsang d and c of each concentration. */
  readonly d: Float64Array;
  readonly c: Float64Array;
  /** Use stick-breaking (max alpha < 0.1). */
  readonly small: boolean;
  /** Scratch pair for the beta draws. */
  readonly pair: Float64Array;
}

function plan(api: string, alpha: ArrayLike<number>): DirichletPlan {
  if (alpha === null || typeof alpha !== "object" || typeof alpha.length !== "number") {
    throw new InvalidParameterError(api, "alpha", "must be an array of concentrations", alpha);
  }
  const k = alpha.length;
  if (k === 0) {
    throw new InvalidParameterError(api, "alpha", "must be non-empty", alpha);
  }
  const a = new Float64Array(k);
  let max = 0;
  for (let j = 0; j < k; j++) {
    const v = alpha[j];
    if (typeof v !== "number" || !Number.isFinite(v) || !(v > 0)) {
      throw new InvalidParameterError(api, `alpha[${j}]`, "must be finite and > 0", v);
    }
    a[j] = v;
    if (v > max) max = v;
  }
  const tail = new Float64Array(k + 1);
  for (let j = k - 1; j >= 0; j--) tail[j] = tail[j + 1] + a[j];
  if (!Number.isFinite(tail[0])) {
    throw new InvalidParameterError(
      api,
      "alpha",
      `must have a finite sum (sum is ${tail[0]})`,
      alpha,
    );
  }
  const d = new Float64Array(k);
  const c = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const constants = gammaConstants(a[j]);
    d[j] = constants.d;
    c[j] = constants.c;
  }
  return { k, alpha: a, tail, d, c, small: max < SMALL_ALPHA, pair: new Float64Array(2) };
}

/** Stick-breaking: V_j ~ Beta(α_j, α_{j+1} + … + α_{k−1}), X_j = V_j·∏_{i<j}(1 − V_i). */
function stickBreakingRow(stream: RandomStream, p: DirichletPlan, out: Float64Array, at: number) {
  const { k, alpha, tail, pair } = p;
  let rest = 1;
  for (let j = 0; j < k - 1; j++) {
    betaPairUnchecked(stream, alpha[j], tail[j + 1], pair);
    out[at + j] = rest * pair[0];
    rest *= pair[1];
  }
  out[at + k - 1] = rest;
}

function dirichletRow(stream: RandomStream, p: DirichletPlan, out: Float64Array, at: number): void {
  if (p.small) {
    stickBreakingRow(stream, p, out, at);
    return;
  }
  const { k, alpha, d, c } = p;
  let sum = 0;
  for (let j = 0; j < k; j++) {
    const g = standardGammaUnchecked(stream, alpha[j], d[j], c[j]);
    out[at + j] = g;
    sum += g;
  }
  if (sum > 0) {
    for (let j = 0; j < k; j++) out[at + j] /= sum;
    return;
  }
  stickBreakingRow(stream, p, out, at);
}

/**
 * One Dirichlet(α) vector of length k = alpha.length, written to `out` (allocated when omitted)
 * and returned. Entries are ≥ 0 and sum to 1 within a few ulps (about k·2^-53 at worst).
 *
 * Algorithm (as numpy's `Generator.dirichlet`): if max α ≥ 0.1, normalised independent gammas
 * G_j/ΣG with G_j ~ Gamma(α_j) (Marsaglia–Tsang, boosted in log space for α_j < 1); Devroye 1986,
 * ch. XI. If every α_j < 0.1, where all k gammas can underflow to 0 and normalising would give
 * 0/0 = NaN, stick-breaking instead: V_j ~ Beta(α_j, α_{j+1} + … + α_{k−1}) and
 * X_j = V_j·∏_{i<j}(1 − V_i), X_{k−1} = ∏(1 − V_i) (Connor & Mosimann 1969), where the betas
 * come with accurately computed complements 1 − V. (If all gammas underflow in the first
 * regime, probability below 2^-100, that row is redrawn by stick-breaking.) Tiny
 * concentrations legitimately give many exact zeros; rows never contain NaN.
 *
 * @throws InvalidParameterError unless `alpha` is a non-empty array of finite values > 0 with a
 * finite sum, and `out` (if given) is a Float64Array of length k.
 */
export function dirichlet(
  stream: RandomStream,
  alpha: ArrayLike<number>,
  out?: Float64Array,
): Float64Array {
  const api = "dirichlet";
  const p = plan(api, alpha);
  let target: Float64Array;
  if (out === undefined) {
    target = new Float64Array(p.k);
  } else {
    checkOut(api, out);
    if (out.length !== p.k) {
      throw new InvalidParameterError(
        api,
        "out.length",
        `must equal alpha.length (${p.k})`,
        out.length,
      );
    }
    target = out;
  }
  dirichletRow(stream, p, target, 0);
  return target;
}

/**
 * Fills the row-major `rows × k` array `out` (k = alpha.length, rows = out.length / k) with
 * independent Dirichlet(α) rows; identical to calling {@link dirichlet} once per row. Validates
 * and precomputes once. Returns `out`.
 *
 * @throws InvalidParameterError as {@link dirichlet}, or unless `out` is a Float64Array whose
 * length is a multiple of k.
 */
export function fillDirichlet(
  stream: RandomStream,
  alpha: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  const api = "fillDirichlet";
  const p = plan(api, alpha);
  checkOut(api, out);
  if (out.length % p.k !== 0) {
    throw new InvalidParameterError(
      api,
      "out.length",
      `must be a multiple of alpha.length (${p.k})`,
      out.length,
    );
  }
  for (let at = 0; at < out.length; at += p.k) dirichletRow(stream, p, out, at);
  return out;
}
