import { concatData, type Dataset, dataSize, subsampleData } from "../model/data.ts";
import type { RandomStream } from "../rng/index.ts";
import {
  assertInteger,
  assertNonNegative,
  assertProbability,
  InvalidParameterError,
} from "../util/validate.ts";

/**
 * How generation t+1's training set is formed from generation t's samples. Generation 1 is
 * always fitted to M real samples D₁ (generation 0 is the truth itself).
 * - `replace`: M synthetic samples from model t only.
 * - `accumulate`: everything so far, D₁ included (Gerstgrasser et al. 2024).
 * - `accumulate-subsample`: a uniform subsample without replacement, of fixed size (default M),
 *   of the accumulated pool (Kazdan et al. 2024).
 * - `fresh`: n_real fresh real samples plus M − n_real synthetic each generation. Give either
 *   `real` (n_real) or `lambda`, the synthetic-to-real ratio of Bertrand et al. (ICLR 2024):
 *   n_real = round(M/(1 + λ)).
 * - `keep-original`: a fixed random fraction of D₁ (chosen once per chain) reused every
 *   generation, plus synthetic samples to make M (Shumailov et al.'s 10% experiment).
 */
export type Regime =
  | { readonly kind: "replace" }
  | { readonly kind: "accumulate" }
  | { readonly kind: "accumulate-subsample"; readonly size?: number }
  | { readonly kind: "fresh"; readonly real?: number; readonly lambda?: number }
  | { readonly kind: "keep-original"; readonly fraction?: number };

export type RegimeKind = Regime["kind"];

/** One chain's regime state. */
export interface RegimeRun {
  /**
   * Training set for the next generation, given samplers of the current model (synthetic,
   * transforms applied) and of the truth (fresh real data).
   */
  next(synthetic: (n: number) => Dataset, real: (n: number) => Dataset): Dataset;
}

/** Number of fresh real samples per generation of a `fresh` regime with M samples. */
export function freshRealCount(
  regime: Extract<Regime, { kind: "fresh" }>,
  samples: number,
): number {
  if (regime.real !== undefined && regime.lambda !== undefined) {
    throw new InvalidParameterError(
      "fresh",
      "real",
      "cannot be given together with lambda",
      regime.real,
    );
  }
  if (regime.lambda !== undefined) {
    assertNonNegative("fresh", "lambda", regime.lambda);
    return Math.round(samples / (1 + regime.lambda));
  }
  const real = regime.real ?? Math.round(samples / 2);
  assertInteger("fresh", "real", real, 0, samples);
  return real;
}

/** Validates a regime against the per-generation sample size M. */
export function checkRegime(regime: Regime, samples: number): Regime {
  switch (regime.kind) {
    case "replace":
    case "accumulate":
      return regime;
    case "accumulate-subsample":
      if (regime.size !== undefined) assertInteger("accumulate-subsample", "size", regime.size, 1);
      return regime;
    case "fresh":
      freshRealCount(regime, samples);
      return regime;
    case "keep-original":
      if (regime.fraction !== undefined)
        assertProbability("keep-original", "fraction", regime.fraction);
      return regime;
  }
  throw new InvalidParameterError(
    "regime",
    "kind",
    "must be a known regime",
    (regime as { kind: unknown }).kind,
  );
}

/** Starts a chain's regime from D₁ (the M real samples generation 1 is fitted to). */
export function startRegime(
  regime: Regime,
  first: Dataset,
  samples: number,
  stream: RandomStream,
): RegimeRun {
  checkRegime(regime, samples);
  switch (regime.kind) {
    case "replace":
      return { next: (synthetic) => synthetic(samples) };
    case "accumulate": {
      let pool = first;
      return {
        next(synthetic) {
          pool = concatData(pool, synthetic(samples));
          return pool;
        },
      };
    }
    case "accumulate-subsample": {
      const size = regime.size ?? samples;
      let pool = first;
      return {
        next(synthetic) {
          pool = concatData(pool, synthetic(samples));
          return subsampleData(pool, Math.min(size, dataSize(pool)), stream);
        },
      };
    }
    case "fresh": {
      const nReal = freshRealCount(regime, samples);
      return {
        next(synthetic, real) {
          if (nReal === 0) return synthetic(samples);
          if (nReal === samples) return real(samples);
          return concatData(real(nReal), synthetic(samples - nReal));
        },
      };
    }
    case "keep-original": {
      const fraction = regime.fraction ?? 0.1;
      const kept = subsampleData(first, Math.round(fraction * dataSize(first)), stream);
      const nKept = dataSize(kept);
      return {
        next(synthetic) {
          if (nKept === 0) return synthetic(samples);
          if (nKept >= samples) return kept;
          return concatData(kept, synthetic(samples - nKept));
        },
      };
    }
  }
}
