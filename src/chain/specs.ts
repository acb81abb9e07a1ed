import { categoricalMle, categoricalSmoothed } from "../families/categorical.ts";
import { type AnyFamily, eraseFamily } from "../families/family.ts";
import { gaussianMle, gaussianUnbiased } from "../families/gaussian.ts";
import { gmm } from "../families/gmm.ts";
import { kde } from "../families/kde.ts";
import { mvGaussian } from "../families/mvGaussian.ts";
import { ngram } from "../families/ngram.ts";
import { type OlsOptions, ols } from "../families/ols.ts";
import type { Regime } from "../regimes/regime.ts";
import type { Transform } from "../transforms/transform.ts";
import { categoricalTruth, dirichletTruth, zipfTruth } from "../truths/categorical.ts";
import { gaussianTruth, gmmTruth, paretoTruth, studentTTruth } from "../truths/continuous.ts";
import { mvGaussianTruth } from "../truths/mvGaussian.ts";
import { regressionTruth } from "../truths/regression.ts";
import { textTruth } from "../truths/text.ts";
import type { Truth } from "../truths/truth.ts";
import { InvalidParameterError } from "../util/validate.ts";

/**
 * Specs are `name:key=value,key=value`, e.g. `zipf:k=100,s=1.1`, `kde:bandwidth=0.05`,
 * `fresh:real=100`. A list value separates its items with `/`: `gmm:weights=0.95/0.05,...`.
 */
export interface ParsedSpec {
  readonly name: string;
  readonly params: Readonly<Record<string, string>>;
}

type ParamType = "number" | "integer" | "list" | "string";

interface ParamDef {
  readonly type: ParamType;
  readonly required?: boolean;
  readonly doc: string;
}

interface SpecDef<T> {
  readonly params: Readonly<Record<string, ParamDef>>;
  readonly doc: string;
  build(p: Values): T;
}

type Values = Record<string, number | string | number[] | undefined>;

/** Parses `name:key=value,…` (syntax only). */
export function parseSpec(kind: string, text: string): ParsedSpec {
  const api = `${kind} spec`;
  if (typeof text !== "string" || text.trim() === "") {
    throw new InvalidParameterError(
      api,
      kind,
      "must be a non-empty spec like name:key=value",
      text,
    );
  }
  const colon = text.indexOf(":");
  const name = (colon < 0 ? text : text.slice(0, colon)).trim();
  const params: Record<string, string> = {};
  if (colon >= 0 && text.slice(colon + 1).trim() !== "") {
    for (const part of text.slice(colon + 1).split(",")) {
      const eq = part.indexOf("=");
      if (eq <= 0) {
        throw new InvalidParameterError(
          api,
          `"${name}" parameter`,
          "must be written key=value",
          part,
        );
      }
      const key = part.slice(0, eq).trim();
      if (key in params) {
        throw new InvalidParameterError(api, `"${name}" parameter ${key}`, "is given twice", text);
      }
      params[key] = part.slice(eq + 1).trim();
    }
  }
  return { name, params };
}

function convert(api: string, key: string, def: ParamDef, raw: string): number | string | number[] {
  const num = (s: string) => {
    const v = Number(s);
    if (s.trim() === "" || !Number.isFinite(v)) {
      throw new InvalidParameterError(api, key, `must be a finite number (${def.doc})`, raw);
    }
    return v;
  };
  switch (def.type) {
    case "number":
      return num(raw);
    case "integer": {
      const v = num(raw);
      if (!Number.isSafeInteger(v)) {
        throw new InvalidParameterError(api, key, `must be an integer (${def.doc})`, raw);
      }
      return v;
    }
    case "list":
      return raw.split("/").map(num);
    case "string":
      return raw;
  }
}

function describe<T>(defs: Readonly<Record<string, SpecDef<T>>>): string {
  return Object.entries(defs)
    .map(([name, d]) => {
      const ps = Object.entries(d.params)
        .map(([k, p]) => `${k}${p.required ? "" : "?"}`)
        .join(",");
      return ps ? `${name}:${ps}` : name;
    })
    .join("; ");
}

function build<T>(kind: string, defs: Readonly<Record<string, SpecDef<T>>>, text: string): T {
  const spec = parseSpec(kind, text);
  const def = defs[spec.name];
  if (def === undefined) {
    throw new InvalidParameterError(kind, "name", `must be one of: ${describe(defs)}`, spec.name);
  }
  const api = `${kind} "${spec.name}"`;
  const values: Values = {};
  for (const [key, raw] of Object.entries(spec.params)) {
    const p = def.params[key];
    if (p === undefined) {
      const valid = Object.keys(def.params).join(", ") || "(none)";
      throw new InvalidParameterError(api, "parameter", `must be one of: ${valid}`, key);
    }
    values[key] = convert(api, key, p, raw);
  }
  for (const [key, p] of Object.entries(def.params)) {
    if (p.required && values[key] === undefined) {
      throw new InvalidParameterError(api, key, `is required (${p.doc})`, undefined);
    }
  }
  return def.build(values);
}

const n = (v: Values[string]) => v as number | undefined;
const list = (v: Values[string]) => v as number[];

export const TRUTH_SPECS: Readonly<Record<string, SpecDef<Truth>>> = {
  categorical: {
    doc: "explicit probabilities",
    params: { p: { type: "list", required: true, doc: "probabilities separated by /" } },
    build: (v) => categoricalTruth(list(v.p)),
  },
  zipf: {
    doc: "bounded Zipf p_i ∝ i^-s over k symbols",
    params: {
      k: { type: "integer", required: true, doc: "number of symbols" },
      s: { type: "number", required: true, doc: "exponent >= 0" },
    },
    build: (v) => zipfTruth(n(v.k) as number, n(v.s) as number),
  },
  dirichlet: {
    doc: "a symmetric Dirichlet draw over k symbols",
    params: {
      k: { type: "integer", required: true, doc: "number of symbols" },
      alpha: { type: "number", required: true, doc: "concentration > 0" },
      seed: { type: "integer", doc: "seed of the draw, default 0" },
    },
    build: (v) => dirichletTruth(n(v.k) as number, n(v.alpha) as number, n(v.seed) ?? 0),
  },
  gaussian: {
    doc: "N(mean, sd²)",
    params: {
      mean: { type: "number", doc: "default 0" },
      sd: { type: "number", doc: "default 1" },
    },
    build: (v) => gaussianTruth(n(v.mean) ?? 0, n(v.sd) ?? 1),
  },
  gmm: {
    doc: "1-D Gaussian mixture",
    params: {
      weights: { type: "list", required: true, doc: "component weights separated by /" },
      means: { type: "list", required: true, doc: "component means separated by /" },
      sds: { type: "list", required: true, doc: "component sds separated by /" },
    },
    build: (v) => gmmTruth(list(v.weights), list(v.means), list(v.sds)),
  },
  "student-t": {
    doc: "location + scale·T_nu",
    params: {
      nu: { type: "number", required: true, doc: "degrees of freedom > 0" },
      location: { type: "number", doc: "default 0" },
      scale: { type: "number", doc: "default 1" },
    },
    build: (v) => studentTTruth(n(v.nu) as number, n(v.location) ?? 0, n(v.scale) ?? 1),
  },
  pareto: {
    doc: "Pareto type I on [scale, ∞)",
    params: {
      shape: { type: "number", required: true, doc: "tail index > 0" },
      scale: { type: "number", doc: "default 1" },
    },
    build: (v) => paretoTruth(n(v.shape) as number, n(v.scale) ?? 1),
  },
  "mv-gaussian": {
    doc: "N(0, sd²·[(1−rho)I + rho·11ᵀ]) in dim dimensions (identity by default)",
    params: {
      dim: { type: "integer", required: true, doc: "dimension d >= 1" },
      rho: { type: "number", doc: "equicorrelation in (−1/(d−1), 1), default 0" },
      sd: { type: "number", doc: "common standard deviation > 0, default 1" },
    },
    build: (v) => mvGaussianTruth(n(v.dim) as number, n(v.rho) ?? 0, n(v.sd) ?? 1),
  },
  regression: {
    doc: "linear regression y = x·w* + σε, x ~ N(0, I_d), ‖w*‖ = 1",
    params: {
      d: { type: "integer", required: true, doc: "dimension >= 1" },
      sigma: { type: "number", required: true, doc: "label noise sd > 0" },
      seed: { type: "integer", doc: "draws w* uniform on the sphere; default w* = (1,…,1)/√d" },
    },
    build: (v) => regressionTruth(n(v.d) as number, n(v.sigma) as number, n(v.seed)),
  },
  text: {
    doc: "real English text (default /usr/share/common-licenses/GPL-3) as word tokens",
    params: {
      file: { type: "string", doc: "UTF-8 file (no commas in the path), default the GPL-3 text" },
      vocab: { type: "integer", doc: "keep the vocab most frequent words, others <unk>" },
      order: { type: "integer", doc: "order of the generation-0 n-gram, 2 or 3, default 2" },
      k: { type: "number", doc: "add-k of the generation-0 n-gram, default 0" },
      window: { type: "integer", doc: "tokens per real-data window, default 64" },
    },
    build: (v) =>
      textTruth({
        file: v.file as string | undefined,
        vocab: n(v.vocab),
        order: n(v.order),
        k: n(v.k),
        window: n(v.window),
      }),
  },
};

export const FAMILY_SPECS: Readonly<Record<string, SpecDef<AnyFamily>>> = {
  "categorical-mle": {
    doc: "empirical frequencies",
    params: {},
    build: () => eraseFamily(categoricalMle()),
  },
  "categorical-smoothed": {
    doc: "additive smoothing",
    params: { alpha: { type: "number", doc: "pseudo-count, default 1" } },
    build: (v) => eraseFamily(categoricalSmoothed({ alpha: n(v.alpha) ?? 1 })),
  },
  "gaussian-mle": {
    doc: "mean and MLE variance (÷M)",
    params: {},
    build: () => eraseFamily(gaussianMle()),
  },
  "gaussian-unbiased": {
    doc: "mean and unbiased variance (÷(M−1))",
    params: {},
    build: () => eraseFamily(gaussianUnbiased()),
  },
  "mv-gaussian": {
    doc: "sample mean and covariance ÷(M−ddof) (MLE by default)",
    params: { ddof: { type: "integer", doc: "0 (MLE, default) or 1 (unbiased)" } },
    build: (v) => eraseFamily(mvGaussian({ ddof: n(v.ddof) ?? 0 })),
  },
  kde: {
    doc: "Gaussian KDE",
    params: { bandwidth: { type: "string", doc: "a number or 'silverman' (default)" } },
    build: (v) => {
      const b = v.bandwidth as string | undefined;
      if (b === undefined || b === "silverman") return eraseFamily(kde());
      const h = Number(b);
      if (!Number.isFinite(h)) {
        throw new InvalidParameterError(
          'family "kde"',
          "bandwidth",
          "must be a number > 0 or silverman",
          b,
        );
      }
      return eraseFamily(kde({ bandwidth: h }));
    },
  },
  gmm: {
    doc: "1-D Gaussian mixture by EM",
    params: {
      components: { type: "integer", doc: "k, default 2" },
      iterations: { type: "integer", doc: "max EM iterations, default 200" },
    },
    build: (v) =>
      eraseFamily(gmm({ components: n(v.components) ?? 2, maxIterations: n(v.iterations) ?? 200 })),
  },
  ols: {
    doc: "linear regression by OLS (ridge when ridge > 0)",
    params: {
      design: { type: "string", doc: "fixed (relabel the chain's real design, default) or fresh" },
      ridge: { type: "number", doc: "penalty λ >= 0, default 0" },
      noise: { type: "string", doc: "truth (σ², default) or fitted (RSS/(n − d))" },
    },
    build: (v) =>
      eraseFamily(
        ols({
          design: v.design as OlsOptions["design"],
          ridge: n(v.ridge),
          noise: v.noise as OlsOptions["noise"],
        }),
      ),
  },
  ngram: {
    doc: "n-gram language model with add-k smoothing (text truths)",
    params: {
      order: { type: "integer", doc: "n, 2 or 3, default 2" },
      k: { type: "number", doc: "add-k pseudo-count >= 0, default 0 (MLE)" },
    },
    build: (v) => eraseFamily(ngram({ order: n(v.order), k: n(v.k) })),
  },
};

export const REGIME_SPECS: Readonly<Record<string, SpecDef<Regime>>> = {
  replace: { doc: "synthetic only", params: {}, build: () => ({ kind: "replace" }) },
  accumulate: { doc: "all data so far", params: {}, build: () => ({ kind: "accumulate" }) },
  "accumulate-subsample": {
    doc: "fixed-size subsample of the pool",
    params: { size: { type: "integer", doc: "subsample size, default M" } },
    build: (v) => ({ kind: "accumulate-subsample", size: n(v.size) }),
  },
  fresh: {
    doc: "fresh real + synthetic each generation",
    params: {
      real: { type: "integer", doc: "fresh real samples per generation" },
      lambda: { type: "number", doc: "synthetic:real ratio (Bertrand et al.)" },
    },
    build: (v) => ({ kind: "fresh", real: n(v.real), lambda: n(v.lambda) }),
  },
  "keep-original": {
    doc: "a fixed fraction of the original real data reused",
    params: { fraction: { type: "number", doc: "default 0.1" } },
    build: (v) => ({ kind: "keep-original", fraction: n(v.fraction) }),
  },
};

export const TRANSFORM_SPECS: Readonly<Record<string, SpecDef<Transform>>> = {
  temperature: {
    doc: "p^(1/tau); Gaussian variance × tau",
    params: { tau: { type: "number", required: true, doc: "temperature > 0" } },
    build: (v) => ({ kind: "temperature", tau: n(v.tau) as number }),
  },
  "top-k": {
    doc: "keep the k most probable symbols",
    params: { k: { type: "integer", required: true, doc: "k >= 1" } },
    build: (v) => ({ kind: "top-k", k: n(v.k) as number }),
  },
  "top-p": {
    doc: "nucleus of mass p",
    params: { p: { type: "number", required: true, doc: "mass in (0, 1]" } },
    build: (v) => ({ kind: "top-p", p: n(v.p) as number }),
  },
  select: {
    doc: "keep the most likely fraction",
    params: { fraction: { type: "number", required: true, doc: "in (0, 1]" } },
    build: (v) => ({ kind: "select", fraction: n(v.fraction) as number }),
  },
};

export const truthFromSpec = (text: string): Truth => build("truth", TRUTH_SPECS, text);
export const familyFromSpec = (text: string): AnyFamily => build("family", FAMILY_SPECS, text);
export const regimeFromSpec = (text: string): Regime => build("regime", REGIME_SPECS, text);
export const transformFromSpec = (text: string): Transform =>
  build("transform", TRANSFORM_SPECS, text);
