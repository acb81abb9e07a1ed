import type { RandomStream } from "../rng/randomStream.ts";
import { assertPositive } from "../util/validate.ts";
import { checkOut, standardExponentialUnchecked } from "./exponential.ts";
import { standardNormalUnchecked } from "./normal.ts";

/**
 * Marsaglia & Tsang's squeeze method for a standard Gamma(α) with α ≥ 1, given d = α − 1/3 and
 * c = 1/√(9d): draw Z normal and U uniform, v = (1 + cZ)³ (redraw Z while 1 + cZ ≤ 0); accept
 * d·v if U < 1 − 0.0331·Z⁴ (squeeze) or ln U < Z²/2 + d·(1 − v + ln v). Exact; about 1.0–1.05
 * iterations per variate for α ≥ 1. Marsaglia & Tsang, "A Simple Method for Generating Gamma
 * Variables", ACM TOMS 26(3), 2000.
 */
function marsagliaTsang(stream: RandomStream, d: number, c: number): number {
  for (;;) {
    let z: number;
    let t: number;
    do {
      z = standardNormalUnchecked(stream);
      t = 1 + c * z;
    } while (t <= 0);
    const v = t * t * t;
    const u = stream.nextDouble();
    const z2 = z * z;
    if (u < 1 - 0.0331 * z2 * z2) return d * v;
    if (Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** e^t is a normal double (≥ 2^-1022 ≈ e^-708.4) for t > −700. */
const LOG_SAFE_MIN = -700;

/** d = α' − 1/3 for α' = α (α ≥ 1) or α + 1 (α < 1, the boosted shape). */
function squeezeD(shape: number): number {
  return (shape < 1 ? shape + 1 : shape) - 1 / 3;
}

/**
 * A standard Gamma(shape) variate (scale 1) without validation; `d` and `c` must be
 * `gammaConstants`' values for this shape (pass them precomputed in loops).
 *
 * shape ≥ 1: Marsaglia–Tsang. shape < 1: Marsaglia–Tsang's boost
 * G(shape) = G(shape + 1)·U^(1/shape), with U^(1/shape) = exp(−E/shape), E a standard
 * exponential (ziggurat, unbounded tail). When exp(−E/shape) would leave the normal range the
 * product is formed in log space, exp(ln G(shape + 1) − E/shape), so the result is 0 only when the
 * true value rounds to 0 (is below about 2^-1075). That happens with probability
 * ≈ 2^(−1075·shape)/Γ(shape + 1): negligible for shape ≥ 0.05 (< 1e-16), ≈ 6e-4 for shape 0.01
 * and ≈ 0.48 for shape 0.001. Use {@link logStandardGammaUnchecked} when the logarithm is
 * needed. For shape < 2^-53, shape + 1 rounds to 1, a relative perturbation of the shape below
 * 2^-53.
 *
 * @internal Exported for the other samplers in `src/sample`; not part of the public API.
 */
export function standardGammaUnchecked(
  stream: RandomStream,
  shape: number,
  d = squeezeD(shape),
  c = 1 / Math.sqrt(9 * d),
): number {
  const g = marsagliaTsang(stream, d, c);
  if (shape >= 1) return g;
  return boost(g, -standardExponentialUnchecked(stream) / shape);
}

/**
 * g·e^t for the shape < 1 boost (t = ln U/shape ≤ 0): a plain product while e^t is a normal
 * double (two roundings), otherwise exp(ln g + t) so that e^t cannot underflow on its own.
 */
function boost(g: number, t: number): number {
  return t > LOG_SAFE_MIN ? g * Math.exp(t) : Math.exp(Math.log(g) + t);
}

/**
 * ln of a standard Gamma(shape) variate without validation, never underflowing: for shape < 1
 * it is ln G(shape+1) − E/shape (see {@link standardGammaUnchecked}), for shape ≥ 1 the log of
 * the Marsaglia–Tsang variate. Consumes exactly the same words as `standardGammaUnchecked`.
 *
 * @internal Exported for the other samplers in `src/sample`; not part of the public API.
 */
export function logStandardGammaUnchecked(
  stream: RandomStream,
  shape: number,
  d = squeezeD(shape),
  c = 1 / Math.sqrt(9 * d),
): number {
  const lg = Math.log(marsagliaTsang(stream, d, c));
  if (shape >= 1) return lg;
  return lg - standardExponentialUnchecked(stream) / shape;
}

/**
 * The Marsaglia–Tsang constants d and c used by {@link standardGammaUnchecked} for `shape`.
 *
 * @internal
 */
export function gammaConstants(shape: number): { d: number; c: number } {
  const d = squeezeD(shape);
  return { d, c: 1 / Math.sqrt(9 * d) };
}

function checkParameters(api: string, shape: number, scale: number): void {
  assertPositive(api, "shape", shape);
  assertPositive(api, "scale", scale);
}

/**
 * One Gamma(shape, scale) variate (density x^(shape−1)·e^(−x/scale) / (Γ(shape)·scale^shape),
 * mean shape·scale, variance shape·scale²).
 *
 * Algorithm: Marsaglia & Tsang (ACM TOMS 26(3), 2000) squeeze method with ziggurat normals for
 * shape ≥ 1; for shape < 1 their boost Gamma(shape + 1)·U^(1/shape), switching to log space
 * near underflow. For tiny shapes the true variate is often below the smallest subnormal and the
 * result is then 0, its correct rounding (probability ≈ 2^(−1075·shape)/Γ(shape + 1): ~6e-4 at
 * shape 0.01, ~0.48 at 0.001; see {@link standardGammaUnchecked}). `scale` multiplies the
 * standard variate afterwards.
 *
 * @throws InvalidParameterError unless `shape` and `scale` are finite and > 0.
 */
export function gamma(stream: RandomStream, shape: number, scale = 1): number {
  checkParameters("gamma", shape, scale);
  return scale * standardGammaUnchecked(stream, shape);
}

/**
 * Fills `out` with Gamma(shape, scale) variates; identical to calling {@link gamma}
 * `out.length` times. Validates and computes the squeeze constants once. Returns `out`.
 *
 * @throws InvalidParameterError unless `shape` and `scale` are finite and > 0 and `out` is a
 * Float64Array.
 */
export function fillGamma(
  stream: RandomStream,
  out: Float64Array,
  shape: number,
  scale = 1,
): Float64Array {
  const api = "fillGamma";
  checkOut(api, out);
  checkParameters(api, shape, scale);
  const { d, c } = gammaConstants(shape);
  const n = out.length;
  if (shape >= 1) {
    for (let i = 0; i < n; i++) out[i] = scale * marsagliaTsang(stream, d, c);
  } else {
    for (let i = 0; i < n; i++) {
      const g = marsagliaTsang(stream, d, c);
      out[i] = scale * boost(g, -standardExponentialUnchecked(stream) / shape);
    }
  }
  return out;
}
