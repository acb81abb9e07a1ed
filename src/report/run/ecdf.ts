/**
 * The empirical distribution function of p-values against the uniform one, with the
 * Dvoretzky–Kiefer–Wolfowitz margins (Massart's constant; see docs/theory.md#calibration).
 */
import { InvalidParameterError } from "../../util/validate.ts";

/**
 * The sorted sample and its ECDF at each distinct value: F(x) = #{v ≤ x}/n (right-continuous,
 * ties counted at once). Points (x, F(x)) in increasing x.
 */
export function ecdf(values: readonly number[]): { x: number; f: number }[] {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const out: { x: number; f: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (i + 1 < n && sorted[i + 1] === sorted[i]) continue;
    out.push({ x: sorted[i], f: (i + 1) / n });
  }
  return out;
}

/**
 * sup over u in [0, 1] of F_n(u) − u (how far the ECDF of values in [0, 1] rises above the
 * diagonal; 0 if never) and of |F_n(u) − u| (the Kolmogorov–Smirnov distance to the uniform).
 * Both suprema are attained at the sample points: F_n(x_(i)) − x_(i) from above, and
 * x_(i) − F_n(x_(i)−) from below.
 */
export function ecdfDistance(values: readonly number[]): { above: number; absolute: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  let above = 0;
  let below = 0;
  for (let i = 0; i < n; i++) {
    // Within a tie group F jumps once, to the last index's value.
    if (i + 1 < n && sorted[i + 1] === sorted[i]) continue;
    above = Math.max(above, (i + 1) / n - sorted[i]);
  }
  for (let i = 0; i < n; i++) {
    if (i > 0 && sorted[i - 1] === sorted[i]) continue;
    below = Math.max(below, sorted[i] - i / n);
  }
  return { above, absolute: Math.max(above, below) };
}

/**
 * The DKW margin ε with P(sup (F_n − F) > ε) ≤ δ: one-sided ε = sqrt(ln(1/δ)/(2n)), two-sided
 * sqrt(ln(2/δ)/(2n)) (Massart 1990: P(sup |F_n − F| > ε) ≤ 2 exp(−2nε²) for every continuous F;
 * the one-sided bound needs δ ≤ 1/2; it holds for any F, and for a super-uniform p-value, whose
 * F lies under the diagonal, it bounds the rise of F_n above the diagonal too).
 */
export function dkwEpsilon(n: number, delta: number, sides: 1 | 2 = 2): number {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new InvalidParameterError("dkwEpsilon", "n", "must be an integer >= 1", n);
  }
  if (!(delta > 0 && delta <= (sides === 1 ? 0.5 : 1))) {
    throw new InvalidParameterError(
      "dkwEpsilon",
      "delta",
      `must be in (0, ${sides === 1 ? "0.5" : "1"}] for ${sides}-sided margins`,
      delta,
    );
  }
  return Math.sqrt(Math.log(sides / delta) / (2 * n));
}
