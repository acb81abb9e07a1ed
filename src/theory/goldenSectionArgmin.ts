import { assertPositive, InvalidParameterError } from "../util/validate.ts";

/**
 * The minimiser of a unimodal function f on (0, upper), by 200 steps of golden-section search
 * (the bracket shrinks by (√5 − 1)/2 per step, far below double resolution; near a smooth
 * minimum the location is then limited by f's rounding, the value is not). Used for the
 * Chernoff-bound optimisations over λ (docs/theory.md#gaussian-variance-vanishes,
 * docs/theory.md#mv-gaussian).
 * @param f unimodal on (0, upper).
 * @param upper right end of the bracket, finite and > 0.
 */
export function goldenSectionArgmin(f: (x: number) => number, upper: number): number {
  if (typeof f !== "function") {
    throw new InvalidParameterError("goldenSectionArgmin", "f", "must be a function", f);
  }
  assertPositive("goldenSectionArgmin", "upper", upper);
  let a = 0;
  let b = upper;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 200; i++) {
    const c = b - g * (b - a);
    const e = a + g * (b - a);
    if (f(c) <= f(e)) b = e;
    else a = c;
  }
  return (a + b) / 2;
}
