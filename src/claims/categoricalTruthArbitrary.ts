import fc from "fast-check";
import { InvalidParameterError } from "../util/validate.ts";
import { logUniformReal } from "./arbitraries/logUniformReal.ts";
import { uniformInteger } from "./arbitraries/uniformInteger.ts";
import { uniformReal } from "./arbitraries/uniformReal.ts";

/** A closed interval of numbers. */
interface Interval {
  readonly min: number;
  readonly max: number;
}

/** Ranges of {@link categoricalTruthArbitrary}. */
export interface CategoricalTruthConstraints {
  /** Number of symbols k (integers). */
  readonly symbols: Interval;
  /** Exponent s of the bounded Zipf truth p_i ∝ i^{−s}. */
  readonly zipfExponent: Interval;
  /** Concentration α of the symmetric Dirichlet the other truth is drawn from. */
  readonly dirichletAlpha: Interval;
}

/**
 * Scenario arbitrary of categorical truth specs: either a bounded Zipf law `zipf:k=…,s=…` or a
 * fixed draw from a symmetric Dirichlet `dirichlet:k=…,alpha=…,seed=…` (seed ≤ 10^6), covering
 * both ranked heavy-ish tails and unranked, irregular vectors. Values are uniform over the
 * ranges (k and s uniform, α log-uniform: a concentration spans decades), not fast-check's
 * corner-biased defaults; shrinks toward the Zipf branch, few symbols and the lower ends.
 */
export function categoricalTruthArbitrary(
  constraints: CategoricalTruthConstraints,
): fc.Arbitrary<string> {
  const api = "categoricalTruthArbitrary";
  const { symbols, zipfExponent, dirichletAlpha } = constraints;
  const check = (name: string, r: Interval, low: number) => {
    if (!(Number.isFinite(r?.min) && Number.isFinite(r?.max) && r.min >= low && r.min <= r.max)) {
      throw new InvalidParameterError(
        api,
        name,
        `must be an interval {min, max} with ${low} ≤ min ≤ max`,
        r,
      );
    }
  };
  check("symbols", symbols, 1);
  if (!Number.isInteger(symbols.min) || !Number.isInteger(symbols.max)) {
    throw new InvalidParameterError(api, "symbols", "must have integer ends", symbols);
  }
  check("zipfExponent", zipfExponent, 0);
  check("dirichletAlpha", dirichletAlpha, Number.MIN_VALUE);
  const k = () => uniformInteger({ min: symbols.min, max: symbols.max });
  const alpha =
    dirichletAlpha.max > dirichletAlpha.min
      ? logUniformReal({ min: dirichletAlpha.min, max: dirichletAlpha.max })
      : fc.constant(dirichletAlpha.min);
  return fc.oneof(
    fc
      .record({ k: k(), s: uniformReal({ min: zipfExponent.min, max: zipfExponent.max }) })
      .map(({ k, s }) => `zipf:k=${k},s=${s}`),
    fc
      .record({ k: k(), alpha, seed: uniformInteger({ min: 0, max: 1_000_000 }) })
      .map(({ k, alpha, seed }) => `dirichlet:k=${k},alpha=${alpha},seed=${seed}`),
  );
}
