import { parseDecimal } from "../util/parseDecimal.ts";
import { bootstrap } from "./bootstrap.ts";
import { categoricalMle, categoricalSmoothed, SMOOTHING_DEFAULT_ALPHA } from "./categorical.ts";
import type { FamilyDefinition } from "./defineFamily.ts";
import type { AnyFamily } from "./family.ts";
import { gaussianMle, gaussianUnbiased } from "./gaussian.ts";
import { GMM_DEFAULTS, gmm } from "./gmm.ts";
import { KDE_BANDWIDTH_RULES, KDE_DEFAULT_BANDWIDTH, kde } from "./kde.ts";
import { MV_GAUSSIAN_DEFAULT_DDOF, mvGaussian } from "./mvGaussian.ts";
import { NGRAM_DEFAULTS, ngram } from "./ngram.ts";
import { OLS_DEFAULTS, ols } from "./ols.ts";

/**
 * A built-in family from its typed builder: the builder runs once per parameter object (an
 * instance's params are fixed), so its validation and set-up stay out of the fit loop.
 */
function fromBuilder<P extends object>(
  build: (p: P) => {
    fit: AnyFamily["fit"];
    fitWeighted?: AnyFamily["fitWeighted"];
    check?: AnyFamily["check"];
    fitCost?: AnyFamily["fitCost"];
  },
  options: { readonly weighted?: boolean } = {},
) {
  const built = new WeakMap<P, ReturnType<typeof build>>();
  const get = (p: P) => {
    let f = built.get(p);
    if (f === undefined) {
      f = build(p);
      built.set(p, f);
    }
    return f;
  };
  return {
    fit: (data: never, p: P, stream: never) => get(p).fit(data, stream),
    // Only families that average weighted parts declare fitWeighted: its presence is what the
    // chain checks before running a regime that weights its sources.
    ...(options.weighted
      ? {
          fitWeighted: (parts: never, p: P, stream: never) =>
            (get(p).fitWeighted as NonNullable<AnyFamily["fitWeighted"]>)(parts, stream),
        }
      : {}),
    check: (truth: never, samples: number, p: P) => get(p).check?.(truth, samples),
    fitCost: (n: number, dim: number, p: P) => get(p).fitCost?.(n, dim) ?? 0,
  };
}

type Erased = Omit<FamilyDefinition, "fit" | "fitWeighted" | "check" | "fitCost"> & {
  fit: (...args: never[]) => unknown;
  fitWeighted?: (...args: never[]) => unknown;
  check?: (...args: never[]) => unknown;
  fitCost?: (...args: never[]) => number;
};

/** Marks a builder whose families average weighted parts (they define fitWeighted). */
const WEIGHTED = { weighted: true } as const;

/** The built-in families, registered like plug-ins (src/families/defineFamily.ts). */
export const BUILTIN_FAMILIES: readonly Erased[] = [
  {
    name: "categorical-mle",
    description: "empirical frequencies",
    dataKind: "categorical",
    modelKind: "categorical",
    ...fromBuilder(() => categoricalMle() as unknown as AnyFamily, WEIGHTED),
  },
  {
    name: "categorical-smoothed",
    description: "additive smoothing (c_i + alpha)/(M + k·alpha)",
    params: {
      alpha: {
        type: "number",
        default: SMOOTHING_DEFAULT_ALPHA,
        min: 0,
        description: "pseudo-count",
      },
    },
    dataKind: "categorical",
    modelKind: "categorical",
    ...fromBuilder(
      (p: { alpha: number }) => categoricalSmoothed(p) as unknown as AnyFamily,
      WEIGHTED,
    ),
  },
  {
    name: "gaussian-mle",
    description: "mean and MLE variance (÷M)",
    dataKind: "real",
    modelKind: "gaussian",
    ...fromBuilder(() => gaussianMle() as unknown as AnyFamily, WEIGHTED),
  },
  {
    name: "gaussian-unbiased",
    description: "mean and unbiased variance (÷(M−1))",
    dataKind: "real",
    modelKind: "gaussian",
    ...fromBuilder(() => gaussianUnbiased() as unknown as AnyFamily, WEIGHTED),
  },
  {
    name: "mv-gaussian",
    description: "sample mean and covariance ÷(M−ddof) (MLE by default)",
    params: {
      ddof: {
        type: "integer",
        default: MV_GAUSSIAN_DEFAULT_DDOF,
        min: 0,
        max: 1,
        description: "0 (MLE) or 1 (unbiased)",
      },
    },
    dataKind: "vector",
    modelKind: "mv-gaussian",
    ...fromBuilder((p: { ddof: number }) => mvGaussian(p) as unknown as AnyFamily, WEIGHTED),
  },
  {
    name: "kde",
    description: "Gaussian KDE (1/n) Σ N(x_i, h²)",
    params: {
      bandwidth: {
        type: "string",
        default: KDE_DEFAULT_BANDWIDTH,
        description:
          "h > 0, or a rule refitted each generation: silverman (0.9·min(σ̂, IQR/1.34)·n^(−1/5), R's bw.nrd0), scott (σ̂·n^(−1/5), scipy's default), scipy-silverman (σ̂·(3n/4)^(−1/5)), sklearn-scott (n^(−1/5)), sklearn-silverman ((3n/4)^(−1/5))",
        check: (b) =>
          (KDE_BANDWIDTH_RULES as readonly string[]).includes(b) || (parseDecimal(b) ?? 0) > 0
            ? undefined
            : `must be a decimal number > 0 or one of ${KDE_BANDWIDTH_RULES.join(", ")}`,
      },
    },
    dataKind: "real",
    modelKind: "mixture",
    ...fromBuilder((p: { bandwidth: string }) => {
      const rule = KDE_BANDWIDTH_RULES.find((r) => r === p.bandwidth);
      return kde({
        bandwidth: rule ?? (parseDecimal(p.bandwidth) as number),
      }) as unknown as AnyFamily;
    }),
  },
  {
    name: "gmm",
    description: "1-D Gaussian mixture by EM (k-means++ start)",
    params: {
      components: {
        type: "integer",
        default: GMM_DEFAULTS.components,
        min: 1,
        max: 1000,
        description: "k",
      },
      iterations: {
        type: "integer",
        default: GMM_DEFAULTS.maxIterations,
        min: 1,
        description: "max EM iterations",
      },
      tolerance: {
        type: "number",
        default: GMM_DEFAULTS.tolerance,
        min: 0,
        exclusiveMin: true,
        description: "stop when the mean log-likelihood gains less (peers' code: 1e-5)",
      },
      restarts: {
        type: "integer",
        default: GMM_DEFAULTS.restarts,
        min: 1,
        max: 1000,
        description: "EM runs from independent k-means++ starts; the most likely is kept",
      },
    },
    dataKind: "real",
    modelKind: "mixture",
    ...fromBuilder(
      (p: { components: number; iterations: number; tolerance: number; restarts: number }) =>
        gmm({
          components: p.components,
          maxIterations: p.iterations,
          tolerance: p.tolerance,
          restarts: p.restarts,
        }) as unknown as AnyFamily,
    ),
  },
  {
    name: "ols",
    description:
      "linear regression by OLS (ridge when ridge > 0; with fewer samples than dimensions and ridge 0, the minimum-norm solution X⁺y)",
    params: {
      design: {
        type: "string",
        default: OLS_DEFAULTS.design,
        choices: ["fixed", "fresh"],
        description: "fixed (relabel the chain's real design) or fresh rows",
      },
      ridge: { type: "number", default: OLS_DEFAULTS.ridge, min: 0, description: "penalty λ" },
      noise: {
        type: "string",
        default: OLS_DEFAULTS.noise,
        choices: ["truth", "fitted"],
        description: "truth (σ²) or fitted (RSS/(n − d)) label noise",
      },
    },
    dataKind: "regression",
    modelKind: "linear",
    ...fromBuilder(
      (p: { design: "fixed" | "fresh"; ridge: number; noise: "truth" | "fitted" }) =>
        ols(p) as unknown as AnyFamily,
    ),
  },
  {
    name: "ngram",
    description: "n-gram language model with add-k smoothing (text truths)",
    params: {
      order: { type: "integer", default: NGRAM_DEFAULTS.order, min: 2, max: 3, description: "n" },
      k: {
        type: "number",
        default: NGRAM_DEFAULTS.k,
        min: 0,
        description: "add-k pseudo-count (0: the MLE)",
      },
    },
    dataKind: "sequence",
    modelKind: "ngram",
    ...fromBuilder((p: { order: number; k: number }) => ngram(p) as unknown as AnyFamily),
  },
  {
    name: "bootstrap",
    description:
      "the empirical law of the training set, resampled with replacement (a memorising generator)",
    dataKind: "real",
    modelKind: "empirical",
    ...fromBuilder(() => bootstrap() as unknown as AnyFamily),
  },
];
