/**
 * Exact Poisson variates, following numpy's `Generator.poisson` (`random_poisson` in
 * numpy/random/src/distributions/distributions.c):
 *
 * - λ = 0 returns 0;
 * - λ < 10: the multiplication method (`random_poisson_mult`): the number of uniforms whose
 *   running product stays above e^−λ; λ + 1 uniforms on average;
 * - λ ≥ 10: Hörmann's PTRS, "The transformed rejection method for generating Poisson random
 *   variables", Insurance: Mathematics and Economics 12, 39–45 (1993) (`random_poisson_ptrs`);
 *   two uniforms per attempt, acceptance ~0.75 at λ = 10 rising to ~0.89 for large λ (measured).
 *
 * Difference from numpy, in floating-point evaluation only: PTRS's final test compares against
 * log f(k) = k·log λ − λ − log k!, which numpy forms as a difference of terms of size ~λ·log λ
 * (losing about log10(λ·ln λ) digits to cancellation); here, for k ≥ 16, it is Loader's
 * −stirlerr(k) − bd0(k, λ) − ½·log(2πk) (C. Loader, "Fast and accurate computation of binomial
 * probabilities", 2000), accurate to a few ulps for every λ, and log k! is exact to rounding for
 * k < 16.
 *
 * Limit: λ ≤ 2^30 ({@link POISSON_MAX_LAMBDA}), so that a result reaching 2^31 − 1 (the Int32Array
 * range of the fill form) would need a deviation of over 32 000 standard deviations.
 *
 * Uniforms: 53-bit doubles from {@link RandomStream.nextDouble}.
 */
import type { RandomStream } from "../rng/randomStream.ts";
import { InvalidParameterError } from "../util/validate.ts";

/** Largest supported mean: 2^30. */
export const POISSON_MAX_LAMBDA = 1073741824;

/** numpy's switch from the multiplication method to PTRS. */
export const POISSON_PTRS_MIN_LAMBDA = 10;

const HALF_LOG_2PI = 0.9189385332046728;

/** log(k!) for k = 0…15 (k! is exact in a double there, so each entry is correctly rounded). */
const LOG_FACTORIAL_SMALL = (() => {
  const t = new Float64Array(16);
  let f = 1;
  for (let k = 1; k < 16; k++) {
    f *= k;
    t[k] = Math.log(f);
  }
  return t;
})();

/**
 * Stirling's remainder stirlerr(k) = log k! − (k + ½)·log k + k − ½·log 2π for k ≥ 16, by its
 * asymptotic series to the k^−11 term (truncation < 2e-17 at k = 16).
 */
function stirlerr(k: number): number {
  const r = 1 / k;
  const r2 = r * r;
  return (
    r *
    (1 / 12 -
      r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 * (1 / 1188 - r2 * (691 / 360360))))))
  );
}

/**
 * Loader's deviance term bd0(x, m) = x·log(x/m) + m − x ≥ 0, by the atanh series when x is close
 * to m (where the direct form cancels).
 */
function bd0(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    const v = (x - m) / (x + m);
    const v2 = v * v;
    let s = (x - m) * v;
    let ej = 2 * x * v;
    for (let j = 3; j < 1000; j += 2) {
      ej *= v2;
      const s1 = s + ej / j;
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

/**
 * log of the Poisson(λ) pmf at the integer k ≥ 0 (`logLambda` = log λ).
 * @internal
 */
export function poissonLogPmf(k: number, lambda: number, logLambda: number): number {
  if (k < 16) return k * logLambda - lambda - LOG_FACTORIAL_SMALL[k];
  return -stirlerr(k) - bd0(k, lambda) - HALF_LOG_2PI - 0.5 * Math.log(k);
}

/** Per-λ constants of PTRS (λ ≥ 10). */
class PtrsSetup {
  lambda = 0;
  logLambda = 0;
  a = 0;
  b = 0;
  logInvAlpha = 0;
  vr = 0;
}

/** Fills `st` with numpy's PTRS constants for λ. */
function ptrsInit(st: PtrsSetup, lambda: number): void {
  const slam = Math.sqrt(lambda);
  const b = 0.931 + 2.53 * slam;
  st.lambda = lambda;
  st.logLambda = Math.log(lambda);
  st.b = b;
  st.a = -0.059 + 0.02483 * b;
  st.logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
  st.vr = 0.9277 - 3.6224 / (b - 2);
}

/** One PTRS draw. */
function ptrsSample(stream: RandomStream, st: PtrsSetup): number {
  const lambda = st.lambda;
  const a = st.a;
  const b = st.b;
  const vr = st.vr;
  for (;;) {
    const u = stream.nextDouble() - 0.5;
    const v = stream.nextDouble();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    // k is −∞ when us = 0 (u = −½); that attempt is rejected here.
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (
      Math.log(v) + st.logInvAlpha - Math.log(a / (us * us) + b) <=
      poissonLogPmf(k, lambda, st.logLambda)
    ) {
      return k;
    }
  }
}

/** The multiplication method for 0 < λ < 10, with `expNegLambda` = e^−λ. */
function poissonMultSample(stream: RandomStream, expNegLambda: number): number {
  let x = 0;
  let prod = stream.nextDouble();
  while (prod > expNegLambda) {
    x++;
    prod *= stream.nextDouble();
  }
  return x;
}

const SCRATCH = new PtrsSetup();

function checkLambda(api: string, lambda: number): void {
  if (typeof lambda !== "number" || !(lambda >= 0 && lambda <= POISSON_MAX_LAMBDA)) {
    throw new InvalidParameterError(
      api,
      "lambda",
      `must be finite and in [0, ${POISSON_MAX_LAMBDA}]`,
      lambda,
    );
  }
}

/**
 * A Poisson(λ) variate, λ in [0, 2^30]. λ = 0 returns 0 without consuming randomness. PTRS
 * constants are recomputed only when λ differs from the previous call's.
 */
export function poisson(stream: RandomStream, lambda: number): number {
  checkLambda("poisson", lambda);
  if (lambda === 0) return 0;
  if (lambda < POISSON_PTRS_MIN_LAMBDA) return poissonMultSample(stream, Math.exp(-lambda));
  const st = SCRATCH;
  if (st.lambda !== lambda) ptrsInit(st, lambda);
  return ptrsSample(stream, st);
}

/**
 * Fills `out` with independent Poisson(λ) variates: exactly the values `out.length` successive
 * {@link poisson} calls would return, with the per-λ setup computed once.
 */
export function fillPoisson(stream: RandomStream, out: Int32Array, lambda: number): Int32Array {
  const api = "fillPoisson";
  if (!(out instanceof Int32Array)) {
    throw new InvalidParameterError(api, "out", "must be an Int32Array", out);
  }
  checkLambda(api, lambda);
  const len = out.length;
  if (lambda === 0) return out.fill(0);
  if (lambda < POISSON_PTRS_MIN_LAMBDA) {
    const e = Math.exp(-lambda);
    for (let i = 0; i < len; i++) out[i] = poissonMultSample(stream, e);
  } else {
    const st = new PtrsSetup();
    ptrsInit(st, lambda);
    for (let i = 0; i < len; i++) out[i] = ptrsSample(stream, st);
  }
  return out;
}
