import type { MvMixtureModel } from "../model/models.ts";
import { mvMixtureModel, mvMixtureVariance } from "../model/mvMixture.ts";
import {
  circlesModel,
  moonsModel,
  swissRollModel,
  type ToyLaw,
  toyLawVariance,
} from "../model/toyLaws.ts";
import { derive } from "../rng/index.ts";
import { fillUniform } from "../sample/index.ts";
import {
  assertFinite,
  assertInteger,
  assertPositive,
  assertScale,
  InvalidParameterError,
} from "../util/validate.ts";
import { modelTruth, type Truth } from "./truth.ts";

/**
 * The d-dimensional Gaussian mixture Σ_j w_j N(μ_j, Σ_j) as a truth: `means` the k means row by
 * row (k × dim numbers), and each component's covariance either sds[j]²·I (`sds`, k numbers) or
 * given in full (`covs`, k blocks of dim × dim row-major: symmetric positive definite).
 * Exact total variance (law of total variance); the entropy has no closed form (Monte Carlo).
 */
export function mvGmmTruth(
  dim: number,
  weights: ArrayLike<number>,
  means: ArrayLike<number>,
  sds: ArrayLike<number> | undefined,
  covs: ArrayLike<number> | undefined,
): Truth {
  const api = "gmm";
  assertInteger(api, "dim", dim, 1, 1000);
  const k = weights.length;
  if ((sds === undefined) === (covs === undefined)) {
    throw new InvalidParameterError(
      api,
      "sds",
      "must be given, or covs instead — exactly one of them (isotropic sds or full covariances)",
      sds === undefined ? "neither" : "both",
    );
  }
  if (means.length !== k * dim) {
    throw new InvalidParameterError(
      api,
      "means",
      `must hold components × dim = ${k} × ${dim} = ${k * dim} numbers (the means row by row)`,
      `${means.length} numbers`,
    );
  }
  let covariances: Float64Array;
  if (sds !== undefined) {
    if (sds.length !== k) {
      throw new InvalidParameterError(
        api,
        "sds.length",
        `must equal weights.length (${k})`,
        sds.length,
      );
    }
    covariances = new Float64Array(k * dim * dim);
    for (let j = 0; j < k; j++) {
      assertScale(api, `sds[${j}]`, sds[j]);
      for (let r = 0; r < dim; r++) covariances[j * dim * dim + r * dim + r] = sds[j] * sds[j];
    }
  } else {
    const c = covs as ArrayLike<number>;
    if (c.length !== k * dim * dim) {
      throw new InvalidParameterError(
        api,
        "covs",
        `must hold components × dim² = ${k} × ${dim * dim} = ${k * dim * dim} numbers (each covariance row-major)`,
        `${c.length} numbers`,
      );
    }
    covariances = Float64Array.from(c);
  }
  const model = mvMixtureModel(dim, weights, means, covariances);
  return modelTruth(
    "gmm",
    {
      dim,
      weights: Array.from(model.weights).join(" "),
      means: Array.from(model.means).join(" "),
      ...(sds !== undefined
        ? { sds: Array.from(sds).join(" ") }
        : { covs: Array.from(model.covariances).join(" ") }),
    },
    model,
    { variance: mvMixtureVariance(model) },
  );
}

/** Options of {@link blobsTruth}. */
export interface BlobsConstraints {
  /** Dimension. @defaultValue 2 */
  readonly dim?: number;
  /** The centres, row by row (k × dim numbers); when absent, k random centres. */
  readonly centers?: ArrayLike<number>;
  /** Number of random centres (scikit-learn's `centers=3` default). @defaultValue 3 */
  readonly k?: number;
  /** Random centres are uniform in (−box, box)^dim (scikit-learn's center_box). @defaultValue 10 */
  readonly box?: number;
  /** Seed of the random centres' draw. @defaultValue 0 */
  readonly seed?: number;
  /** Each blob's standard deviation (scikit-learn's cluster_std). @defaultValue 1 */
  readonly std?: number;
}

/**
 * scikit-learn's `make_blobs` as a law: the equal-weight mixture (1/k) Σ_j N(c_j, std²·I) — each
 * draw picks its blob uniformly (make_blobs splits n_samples evenly instead: n // k each, the
 * first n mod k one more). Centres given, or k drawn once uniform in (−box, box)^dim from `seed`
 * (its own derived stream; make_blobs draws them from the global generator at every call).
 * Exact total variance dim·std² + (1/k) Σ_j ‖c_j − c̄‖²; the entropy has no closed form.
 */
export function blobsTruth(options: BlobsConstraints = {}): Truth {
  const api = "blobs";
  const dim = options.dim ?? 2;
  assertInteger(api, "dim", dim, 1, 1000);
  const std = options.std ?? 1;
  assertScale(api, "std", std);
  let centres: Float64Array;
  if (options.centers !== undefined) {
    for (const [name, v] of [
      ["k", options.k],
      ["box", options.box],
      ["seed", options.seed],
    ] as const) {
      if (v !== undefined) {
        throw new InvalidParameterError(
          api,
          name,
          "must not be given with centers (k, box and seed draw random centres instead)",
          v,
        );
      }
    }
    const c = options.centers;
    if (c.length === 0 || c.length % dim !== 0) {
      throw new InvalidParameterError(
        api,
        "centers",
        `must hold k × dim numbers for some k >= 1 (the centres row by row; dim = ${dim})`,
        `${c.length} numbers`,
      );
    }
    for (let i = 0; i < c.length; i++) assertFinite(api, `centers[${i}]`, c[i]);
    centres = Float64Array.from(c);
  } else {
    const count = options.k ?? 3;
    const box = options.box ?? 10;
    const seed = options.seed ?? 0;
    assertInteger(api, "k", count, 1, 10_000);
    assertPositive(api, "box", box);
    assertInteger(api, "seed", seed);
    centres = fillUniform(
      derive(seed, "truth", "blobs", dim, count, String(box)),
      new Float64Array(count * dim),
      -box,
      box,
    );
  }
  const k = centres.length / dim;
  const covariances = new Float64Array(k * dim * dim);
  for (let j = 0; j < k; j++) {
    for (let r = 0; r < dim; r++) covariances[j * dim * dim + r * dim + r] = std * std;
  }
  const model: MvMixtureModel = mvMixtureModel(
    dim,
    new Float64Array(k).fill(1 / k),
    centres,
    covariances,
  );
  return modelTruth(
    "blobs",
    {
      dim,
      centers: Array.from(centres).join(" "),
      std,
      ...(options.centers === undefined
        ? { k, box: options.box ?? 10, seed: options.seed ?? 0 }
        : {}),
    },
    model,
    { variance: mvMixtureVariance(model) },
  );
}

function toyTruth(id: string, params: Truth["params"], model: ToyLaw): Truth {
  return modelTruth(id, params, model, { variance: toyLawVariance(model) });
}

/** scikit-learn's `make_moons(noise)` as an i.i.d. law (src/model/toyLaws.ts). */
export function moonsTruth(noise = 0): Truth {
  return toyTruth("moons", { noise }, moonsModel(noise));
}

/** scikit-learn's `make_circles(factor, noise)` as an i.i.d. law (src/model/toyLaws.ts). */
export function circlesTruth(factor = 0.8, noise = 0): Truth {
  return toyTruth("circles", { factor, noise }, circlesModel(factor, noise));
}

/** scikit-learn's `make_swiss_roll(noise)` as an i.i.d. law, 3-D or its (x, z) plane. */
export function swissRollTruth(noise = 0, dim: 2 | 3 = 3): Truth {
  return toyTruth("swiss-roll", { noise, dim }, swissRollModel(noise, dim));
}
