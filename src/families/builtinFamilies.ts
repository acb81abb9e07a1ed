import type { DataKind } from "../model/data.ts";
import { parseDecimal } from "../util/parseDecimal.ts";
import { bootstrap } from "./bootstrap.ts";
import { categoricalMle, categoricalSmoothed, SMOOTHING_DEFAULT_ALPHA } from "./categorical.ts";
import type { FamilyDefinition } from "./defineFamily.ts";
import type { AnyFamily } from "./family.ts";
import { gaussianMle, gaussianUnbiased } from "./gaussian.ts";
import { GMM_DEFAULTS, gmm } from "./gmm.ts";
import { gmmVector } from "./gmmVector.ts";
import { KDE_BANDWIDTH_RULES, KDE_DEFAULT_BANDWIDTH, kde } from "./kde.ts";
import { kdeVector } from "./kdeVector.ts";
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
    fitCost?: (n: number, dim: number, dataKind: DataKind) => number;
    modelSize?: (n: number, dim: number, dataKind: DataKind) => number;
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
    fitCost: (n: number, dim: number, p: P, dataKind: DataKind) =>
      get(p).fitCost?.(n, dim, dataKind) ?? 0,
    modelSize: (n: number, dim: number, p: P, dataKind: DataKind) =>
      get(p).modelSize?.(n, dim, dataKind) ?? 1,
  };
}

/**
 * One family name over several data kinds: the instance built for each kind, picked by the
 * training data's kind (fit), the truth's (check) or the kind being costed (fitCost).
 */
function byDataKind(families: Readonly<Partial<Record<DataKind, AnyFamily>>>) {
  const pick = (kind: DataKind): AnyFamily => {
    const f = families[kind];
    if (f === undefined) {
      throw new TypeError(`no fit for ${kind} data (fits ${Object.keys(families).join(", ")})`);
    }
    return f;
  };
  return {
    fit: ((data, stream, previous) =>
      pick(data.kind).fit(data, stream, previous)) as AnyFamily["fit"],
    check: ((truth, samples) => families[truth.dataKind]?.check?.(truth, samples)) as NonNullable<
      AnyFamily["check"]
    >,
    fitCost: (n: number, dim: number, dataKind: DataKind) => pick(dataKind).fitCost?.(n, dim) ?? 0,
    modelSize: (n: number, dim: number, dataKind: DataKind) =>
      pick(dataKind).modelSize?.(n, dim) ?? 1,
  };
}

type Erased = Omit<FamilyDefinition, "fit" | "fitWeighted" | "check" | "fitCost" | "modelSize"> & {
  fit: (...args: never[]) => unknown;
  fitWeighted?: (...args: never[]) => unknown;
  check?: (...args: never[]) => unknown;
  fitCost?: (...args: never[]) => number;
  modelSize?: (...args: never[]) => number;
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
    // Its models are parameters computed from the data: draws may reuse the data's arrays.
    releasesData: true,
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
    releasesData: true,
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
    // Its models are parameters computed from the data: draws may reuse the data's arrays.
    releasesData: true,
    ...fromBuilder(() => gaussianMle() as unknown as AnyFamily, WEIGHTED),
  },
  {
    name: "gaussian-unbiased",
    description: "mean and unbiased variance (÷(M−1))",
    dataKind: "real",
    modelKind: "gaussian",
    // Its models are parameters computed from the data: draws may reuse the data's arrays.
    releasesData: true,
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
    description:
      "Gaussian KDE, on the truth's data kind: real data (1/n) Σ N(x_i, h²) (a mixture model); vector data (1/n) Σ N(x_i, H), H = h²I or a rule's (an mv-kde model)",
    params: {
      bandwidth: {
        type: "string",
        default: KDE_DEFAULT_BANDWIDTH,
        description:
          "h > 0, or a rule refitted on each training set (n points, d dimensions; 1-D: H = h²): silverman (0.9·min(σ̂, IQR/1.34)·n^(−1/5), R's bw.nrd0; d = 1 only), scott (scipy's default: H = n^(−2/(d+4))·Σ̂, Σ̂ the ddof-1 covariance; 1-D h = σ̂·n^(−1/5)), scipy-silverman (H = (n(d+2)/4)^(−2/(d+4))·Σ̂), sklearn-scott (H = h²I, h = n^(−1/(d+4))), sklearn-silverman (h = (n(d+2)/4)^(−1/(d+4)))",
        check: (b) =>
          (KDE_BANDWIDTH_RULES as readonly string[]).includes(b) || (parseDecimal(b) ?? 0) > 0
            ? undefined
            : `must be a decimal number > 0 or one of ${KDE_BANDWIDTH_RULES.join(", ")}`,
      },
    },
    dataKind: "real",
    modelKind: "mixture",
    alsoFits: { vector: "mv-kde" },
    ...fromBuilder((p: { bandwidth: string }) => {
      const rule = KDE_BANDWIDTH_RULES.find((r) => r === p.bandwidth);
      const bandwidth = rule ?? (parseDecimal(p.bandwidth) as number);
      return byDataKind({
        real: kde({ bandwidth }) as unknown as AnyFamily,
        vector: kdeVector({ bandwidth }) as unknown as AnyFamily,
      });
    }),
  },
  {
    name: "gmm",
    description:
      "Gaussian mixture by EM (k-means++ start), on the truth's data kind: real data → a 1-D mixture (variance floor 1e-6 × the data's variance); vector data → an mv-mixture with full covariances, scikit-learn's GaussianMixture conventions (reg_covar 1e-6 added to each covariance's diagonal)",
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
        description:
          "stop when the mean log-likelihood changes by less (scikit-learn's tol; peers' code: 1e-5)",
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
    alsoFits: { vector: "mv-mixture" },
    // On real data its mixture's arrays are EM's own (k-means++ copies its starting centres).
    releasesData: true,
    ...fromBuilder(
      (p: { components: number; iterations: number; tolerance: number; restarts: number }) => {
        const options = {
          components: p.components,
          maxIterations: p.iterations,
          tolerance: p.tolerance,
          restarts: p.restarts,
        };
        return byDataKind({
          real: gmm(options) as unknown as AnyFamily,
          vector: gmmVector(options) as unknown as AnyFamily,
        });
      },
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
      WEIGHTED,
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
