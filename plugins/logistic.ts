/**
 * Logistic regression as a plug-in (load it with `--plugin ./plugins/logistic.ts`): a model kind,
 * a truth, a family and a metric, written only against the public API
 * (`collapse-harness/engine`). It runs Dey & Donoho's logistic experiments (replace versus
 * augment, "Universality of the π²/6 pathway", 2024) as `collapse simulate` lines, on a Gaussian
 * design (`logistic`) or on a labelled data set such as their UCI breast-cancer data
 * (`logistic-data`, shipped in plugins/data/, or any CSV file; docs/peers.md).
 *
 * Model: P(y = 1 | x) = σ(x·w), σ(z) = 1/(1 + e^{−z}), labels y ∈ {0, 1}; rows x ~ N(0, I_d)
 * (fresh design) or the rows of a fixed design, relabelled (`design=fixed`: the chain's real X).
 * Fit: ridge-penalised maximum likelihood, ŵ = argmin Σ_i [ln(1 + e^{x_i·w}) − y_i x_i·w] + (λ/2)‖w‖²
 * by Newton's method (scikit-learn's `LogisticRegression(C = 1/λ, fit_intercept=False)`; λ = 1 is
 * its default C = 1). With λ = 0 the MLE does not exist on separable data: the fit throws.
 * Metric `error-rate`: the misclassification probability P(1{x·w_t > 0} ≠ y) for a fresh
 * x ~ N(0, I_d) labelled by the truth, exact (a one-dimensional integral, below). On a data set,
 * `held-out-error` and `log-loss` score the held-out rows' real labels (their test accuracy and
 * test loss).
 */

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  type AnyModel,
  defineFamily,
  defineMetric,
  defineModelKind,
  defineTruth,
  derive,
  fillNormal,
  fillUniform,
  InvalidParameterError,
  type RandomStream,
  type RegressionData,
  subsampleData,
  takeRows,
  UndefinedQuantityError,
} from "collapse-harness/engine";
import { normalCdf } from "collapse-harness/theory";

/** A logistic-regression model: weights w, and the fixed design it relabels (if any). */
export interface LogisticModel {
  readonly kind: "logistic";
  readonly dim: number;
  readonly w: Float64Array;
  /** Row-major design rows (dim columns) relabelled when sampling; absent: fresh N(0, I) rows. */
  readonly design?: Float64Array;
}

/** A logistic model, validated (finite weights, a design of whole rows). */
export function logisticModel(w: ArrayLike<number>, design?: Float64Array): LogisticModel {
  const dim = w.length;
  if (!(dim >= 1)) throw new InvalidParameterError("logisticModel", "w.length", "must be ≥ 1", dim);
  const weights = Float64Array.from(w);
  for (let j = 0; j < dim; j++) {
    if (!Number.isFinite(weights[j])) {
      throw new InvalidParameterError("logisticModel", `w[${j}]`, "must be finite", weights[j]);
    }
  }
  if (design !== undefined && design.length % dim !== 0) {
    throw new InvalidParameterError(
      "logisticModel",
      "design.length",
      `must be a multiple of dim = ${dim}`,
      design.length,
    );
  }
  return design === undefined
    ? { kind: "logistic", dim, w: weights }
    : { kind: "logistic", dim, w: weights, design };
}

/** σ(z) = 1/(1 + e^{−z}), computed without overflow. */
function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** ln(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/**
 * n labelled rows: the design rows first (fresh: n·d standard normals in row order; fixed: row i
 * is design row i mod R), then one uniform per row, y_i = 1 when it falls below σ(x_i·w).
 */
function sampleLogistic(m: LogisticModel, stream: RandomStream, n: number): RegressionData {
  const d = m.dim;
  let X: Float64Array;
  if (m.design === undefined) {
    X = fillNormal(stream, new Float64Array(n * d));
  } else {
    const rows = m.design.length / d;
    if (rows === 0) throw new InvalidParameterError("logistic", "design", "must have rows", 0);
    X = new Float64Array(n * d);
    for (let i = 0; i < n; i++) X.set(m.design.subarray((i % rows) * d, (i % rows) * d + d), i * d);
  }
  const u = fillUniform(stream, new Float64Array(n));
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = 0;
    for (let j = 0; j < d; j++) z += X[i * d + j] * m.w[j];
    y[i] = u[i] < sigmoid(z) ? 1 : 0;
  }
  return m.design === undefined
    ? { kind: "regression", dim: d, X, y }
    : { kind: "regression", dim: d, X, y, design: m.design };
}

/** Adaptive Simpson quadrature of f on [a, b] to absolute tolerance tol. */
function adaptiveSimpson(f: (x: number) => number, a: number, b: number, tol: number): number {
  const simpson = (fa: number, fm: number, fb: number, h: number) => (h / 6) * (fa + 4 * fm + fb);
  const step = (
    lo: number,
    hi: number,
    flo: number,
    fmid: number,
    fhi: number,
    whole: number,
    eps: number,
    depth: number,
  ): number => {
    const mid = 0.5 * (lo + hi);
    const l = 0.5 * (lo + mid);
    const r = 0.5 * (mid + hi);
    const fl = f(l);
    const fr = f(r);
    const left = simpson(flo, fl, fmid, mid - lo);
    const right = simpson(fmid, fr, fhi, hi - mid);
    if (depth <= 0 || Math.abs(left + right - whole) <= 15 * eps) {
      return left + right + (left + right - whole) / 15;
    }
    return (
      step(lo, mid, flo, fl, fmid, left, eps / 2, depth - 1) +
      step(mid, hi, fmid, fr, fhi, right, eps / 2, depth - 1)
    );
  };
  const fa = f(a);
  const fb = f(b);
  const fm = f(0.5 * (a + b));
  return step(a, b, fa, fm, fb, simpson(fa, fm, fb, b - a), tol, 50);
}

/**
 * P(1{x·w > 0} ≠ y) for x ~ N(0, I_d), y ~ Bernoulli(σ(x·w*)). With a = x·w* ~ N(0, s_a²),
 * b = x·w ~ N(0, s_b²), c = w*·w: σ(a) − ½ and P(b > 0 | a) − ½ are odd in a, and E[σ(a)] =
 * P(b > 0) = ½, so the error is ½ − 4∫_0^∞ g(u)h(u)φ(u) du with u = a/s_a, g(u) = σ(s_a u) − ½
 * and h(u) = Φ(k u) − ½, k = c/√(s_a² s_b² − c²) (h = ½·sign(c) when w ∥ w*). A model with w = 0
 * predicts 0 everywhere: error ½. Adaptive Simpson to 1e-13 on [0, 12] (φ(12) < 1e-31).
 */
export function logisticErrorRate(truth: Float64Array, w: Float64Array): number {
  let sa2 = 0;
  let sb2 = 0;
  let c = 0;
  for (let j = 0; j < truth.length; j++) {
    sa2 += truth[j] * truth[j];
    sb2 += w[j] * w[j];
    c += truth[j] * w[j];
  }
  if (sb2 === 0 || sa2 === 0) return 0.5;
  const sa = Math.sqrt(sa2);
  const residual = sa2 * sb2 - c * c;
  const k = residual <= 1e-24 * sa2 * sb2 ? Number.POSITIVE_INFINITY : c / Math.sqrt(residual);
  const h = (u: number) => (Number.isFinite(k) ? normalCdf(k * u) - 0.5 : 0.5 * Math.sign(c));
  const phi = (u: number) => Math.exp(-0.5 * u * u) / Math.sqrt(2 * Math.PI);
  const integrand = (u: number) => (sigmoid(sa * u) - 0.5) * h(u) * phi(u);
  // Split where h turns (u ≈ 1/|k|) so the steep part gets its own panels.
  const knee = Number.isFinite(k) && Math.abs(k) > 1 ? Math.min(12, 8 / Math.abs(k)) : 0;
  const integral =
    (knee > 0 ? adaptiveSimpson(integrand, 0, knee, 1e-14) : 0) +
    adaptiveSimpson(integrand, knee, 12, 1e-14);
  return 0.5 - 4 * integral;
}

/** Options of {@link fitLogistic}. */
export interface LogisticFitConstraints {
  /** Ridge penalty λ ≥ 0 on ½‖w‖² (scikit-learn's 1/C). @defaultValue 1 */
  ridge?: number;
  /** Keep relabelling the chain's real design (fixed) or draw fresh rows. @defaultValue "fresh" */
  design?: "fresh" | "fixed";
  /**
   * Whether the design's last column is an intercept (a column of ones, as `logistic-data`
   * appends), left out of the ridge penalty as scikit-learn leaves its intercept. @defaultValue false
   */
  intercept?: boolean;
}

/** Cholesky solve of the symmetric positive-definite d×d system G x = b (G row-major). */
function choleskySolve(G: Float64Array, b: Float64Array, d: number): Float64Array | undefined {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = G[i * d + j];
      for (let k = 0; k < j; k++) s -= L[i * d + k] * L[j * d + k];
      if (i === j) {
        if (!(s > 0)) return undefined;
        L[i * d + i] = Math.sqrt(s);
      } else {
        L[i * d + j] = s / L[j * d + j];
      }
    }
  }
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * d + k] * z[k];
    z[i] = s / L[i * d + i];
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < d; k++) s -= L[k * d + i] * x[k];
    x[i] = s / L[i * d + i];
  }
  return x;
}

/**
 * The penalised maximum-likelihood fit: Newton's method from w = 0 with a backtracking line
 * search on the objective J(w) = Σ_i [ln(1 + e^{x_i·w}) − y_i x_i·w] + (λ/2)‖w‖² (convex; strictly
 * for λ > 0), stopped one full Newton step after the decrement² gᵀH⁻¹g/2 falls below
 * 1e-12·(1 + |J|) (quadratic convergence: the weights are then within ≈ 1e-12 of the optimum, far
 * below scikit-learn's tolerances). With λ = 0, weights that put every row on its label's side, a
 * singular Hessian or a weight norm beyond 1e6 mean the data are (quasi-)separable and the MLE
 * does not exist: UndefinedQuantityError.
 */
export function fitLogistic(
  data: RegressionData,
  options: LogisticFitConstraints = {},
): LogisticModel {
  const api = "logistic";
  const ridge = options.ridge ?? 1;
  if (!(ridge >= 0 && Number.isFinite(ridge))) {
    throw new InvalidParameterError(api, "ridge", "must be finite and >= 0", ridge);
  }
  const d = data.dim;
  // The penalised coordinates: all, or all but an intercept in the last column.
  const penalised = options.intercept === true ? d - 1 : d;
  const n = data.y.length;
  const X = data.X;
  let ones = 0;
  for (let i = 0; i < n; i++) {
    if (data.y[i] !== 0 && data.y[i] !== 1) {
      throw new InvalidParameterError(api, `data.y[${i}]`, "must be a label 0 or 1", data.y[i]);
    }
    ones += data.y[i];
  }
  // An unpenalised intercept has a finite optimum iff both labels occur (else it runs off to ±∞).
  if (penalised < d && (ones === 0 || ones === n)) {
    throw new UndefinedQuantityError(
      api,
      `the intercept's maximum-likelihood value does not exist: all ${n} labels are ${ones === 0 ? 0 : 1}`,
    );
  }
  const objective = (w: Float64Array): number => {
    let J = 0;
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += X[i * d + j] * w[j];
      J += softplus(z) - data.y[i] * z;
    }
    let norm = 0;
    for (let j = 0; j < penalised; j++) norm += w[j] * w[j];
    return J + 0.5 * ridge * norm;
  };
  const separates = (w: Float64Array): boolean => {
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += X[i * d + j] * w[j];
      if ((2 * data.y[i] - 1) * z < 0) return false;
    }
    return true;
  };
  let w = new Float64Array(d);
  let J = objective(w);
  for (let iteration = 0; iteration < 200; iteration++) {
    const g = new Float64Array(d);
    const H = new Float64Array(d * d);
    for (let i = 0; i < n; i++) {
      const row = i * d;
      let z = 0;
      for (let j = 0; j < d; j++) z += X[row + j] * w[j];
      const p = sigmoid(z);
      const r = p - data.y[i];
      const s = p * (1 - p);
      for (let j = 0; j < d; j++) {
        g[j] += r * X[row + j];
        for (let k = 0; k <= j; k++) H[j * d + k] += s * X[row + j] * X[row + k];
      }
    }
    for (let j = 0; j < d; j++) {
      if (j < penalised) {
        g[j] += ridge * w[j];
        H[j * d + j] += ridge;
      }
      for (let k = 0; k < j; k++) H[k * d + j] = H[j * d + k];
    }
    const step = choleskySolve(H, g, d);
    if (step === undefined) break; // singular Hessian: only with λ = 0 (checked below)
    let decrement = 0;
    for (let j = 0; j < d; j++) decrement += g[j] * step[j];
    if (decrement / 2 < 1e-12 * (1 + Math.abs(J))) {
      // Within ≈ 1e-6 of the optimum: one more full Newton step lands within ≈ 1e-12 (quadratic
      // convergence); iterating further only meets the rounding floor of g.
      const last = w.map((v, j) => v - step[j]);
      // Without a penalty, weights that classify every row correctly only converged because the
      // gradient vanishes as ‖w‖ → ∞: separable data, no maximum-likelihood estimate.
      if (ridge === 0 && separates(last)) break;
      return logisticModel(last, options.design === "fixed" ? (data.design ?? X) : undefined);
    }
    // Backtracking (Armijo) on J along −step.
    let t = 1;
    let next = w;
    let Jnext = J;
    for (let k = 0; k < 60; k++) {
      next = w.map((v, j) => v - t * step[j]);
      Jnext = objective(next);
      if (Jnext <= J - 0.25 * t * decrement) break;
      t /= 2;
    }
    if (!(Jnext < J) && t < 1e-15) break;
    w = next;
    J = Jnext;
    let norm = 0;
    for (let j = 0; j < d; j++) norm += w[j] * w[j];
    if (ridge === 0 && norm > 1e12) break;
  }
  if (ridge === 0) {
    throw new UndefinedQuantityError(
      api,
      "the maximum-likelihood weights do not exist: the labels are (quasi-)separable; give ridge > 0",
    );
  }
  return logisticModel(w, options.design === "fixed" ? (data.design ?? X) : undefined);
}

defineModelKind<LogisticModel>({
  kind: "logistic",
  description:
    "logistic regression P(y = 1 | x) = σ(x·w), y ∈ {0, 1}; x ~ N(0, I_d) or a fixed design's rows",
  dataKind: "regression",
  sample: (m, stream, n) => sampleLogistic(m, stream, n),
});

defineTruth({
  name: "logistic",
  description: "logistic regression P(y = 1 | x) = σ(x·w*), x ~ N(0, I_d), ‖w*‖ = scale",
  params: {
    d: { type: "integer", required: true, min: 1, max: 1000, description: "dimension d" },
    scale: {
      type: "number",
      default: 1,
      min: 0,
      description: "‖w*‖ (0: labels are fair coins)",
    },
    seed: {
      type: "integer",
      default: 1,
      min: 0,
      description: "seed of w*'s direction (uniform on the sphere)",
    },
  },
  create: ({ d, scale, seed }) => {
    const u = fillNormal(derive("logistic-truth", seed), new Float64Array(d));
    let norm = 0;
    for (let j = 0; j < d; j++) norm += u[j] * u[j];
    const w = u.map((v) => (scale * v) / Math.sqrt(norm));
    return { model: logisticModel(w), summaries: {} };
  },
});

/** The data sets shipped with the plug-in (plugins/data/), by name. */
const SHIPPED_DATA: Readonly<Record<string, string>> = {
  "breast-cancer": "data/breast-cancer-wisconsin.csv",
};

/**
 * A labelled data set from a CSV file: lines starting with `#` are comments, a first line that is
 * not all numbers is the header, every other line is one row of numbers whose last column is the
 * label 0 or 1. With `intercept`, a column of ones is appended to the features (last).
 */
export function readLabelledCsv(
  file: string,
  intercept: boolean,
): { data: RegressionData; features: number } {
  const api = "logistic-data";
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new InvalidParameterError(
      api,
      "file",
      `must be a readable CSV file (${(e as Error).message})`,
      file,
    );
  }
  const rows: number[][] = [];
  let header = false;
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const cells = line.split(",").map((c) => c.trim());
    const values = cells.map((c) => (c === "" ? Number.NaN : Number(c)));
    if (!header && rows.length === 0 && values.some((v) => Number.isNaN(v))) {
      header = true;
      continue;
    }
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new InvalidParameterError(
        api,
        `file line ${i + 1}, column ${bad + 1}`,
        "must be a finite number",
        cells[bad],
      );
    }
    if (rows.length > 0 && values.length !== rows[0].length) {
      throw new InvalidParameterError(
        api,
        `file line ${i + 1}`,
        `must have ${rows[0].length} columns, as the first row`,
        values.length,
      );
    }
    const label = values[values.length - 1];
    if (label !== 0 && label !== 1) {
      throw new InvalidParameterError(
        api,
        `file line ${i + 1}, last column`,
        "must be a label 0 or 1",
        label,
      );
    }
    rows.push(values);
  }
  if (rows.length < 2 || rows[0].length < 2) {
    throw new InvalidParameterError(
      api,
      "file",
      "must hold at least 2 rows of at least one feature and a label",
      file,
    );
  }
  const features = rows[0].length - 1;
  const dim = features + (intercept ? 1 : 0);
  const X = new Float64Array(rows.length * dim);
  const y = new Float64Array(rows.length);
  for (const [r, values] of rows.entries()) {
    for (let j = 0; j < features; j++) X[r * dim + j] = values[j];
    if (intercept) X[r * dim + features] = 1;
    y[r] = values[features];
  }
  return { data: { kind: "regression", dim, X, y }, features };
}

defineTruth({
  name: "logistic-data",
  description:
    "a labelled data set (features, label 0/1) split once into training and held-out rows: the chain's real rows are the training rows, metrics score the held-out ones (Dey & Donoho's UCI experiments)",
  params: {
    data: {
      type: "string",
      default: "breast-cancer",
      choices: Object.keys(SHIPPED_DATA),
      description:
        "a data set shipped in plugins/data/: breast-cancer (UCI Breast Cancer Wisconsin, Diagnostic: 569 rows, 30 features, CC BY 4.0)",
    },
    file: {
      type: "string",
      description:
        "a CSV file of your own instead (numbers; last column the label 0/1; # comments; optional header line)",
    },
    test: {
      type: "number",
      default: 0.3,
      min: 0,
      max: 1,
      exclusiveMin: true,
      exclusiveMax: true,
      description:
        "held-out share: ⌈test·R⌉ of the R rows, as scikit-learn's train_test_split(test_size)",
    },
    split: {
      type: "integer",
      default: 0,
      min: 0,
      description: "seed of the split (a uniform random permutation of the rows)",
    },
    intercept: {
      type: "integer",
      default: 1,
      min: 0,
      max: 1,
      description:
        "1: append a column of ones (an intercept, scikit-learn's default; fit with logistic:intercept=last), 0: none",
    },
  },
  create: ({ data, file, test, split, intercept }) => {
    const path = file ?? fileURLToPath(new URL(SHIPPED_DATA[data], import.meta.url));
    const { data: all, features } = readLabelledCsv(path, intercept === 1);
    const R = all.y.length;
    const nTest = Math.ceil(test * R);
    if (nTest >= R) {
      throw new InvalidParameterError(
        "logistic-data",
        "test",
        `must leave training rows (${R} rows)`,
        test,
      );
    }
    // One uniform permutation of the rows: the first ⌈test·R⌉ are held out, the rest train.
    const shuffled = subsampleData(all, R, derive("logistic-data-split", split));
    const heldOut = takeRows(
      shuffled,
      Int32Array.from({ length: nTest }, (_, i) => i),
    );
    const training = takeRows(
      shuffled,
      Int32Array.from({ length: R - nTest }, (_, i) => nTest + i),
    );
    const rows = training.y.length;
    // Generation 0, for reference only (chains start from the real labels): scikit-learn's
    // default fit (C = 1, intercept unpenalised) to the training rows.
    const model = fitLogistic(training, { ridge: 1, design: "fixed", intercept: intercept === 1 });
    const name = file === undefined ? `${data} (plugins/${SHIPPED_DATA[data]})` : file;
    return {
      model,
      heldOut,
      training,
      source: `${name}: ${R} rows, ${features} features${intercept === 1 ? " + intercept" : ""}; split by seed ${split}: ${rows} training, ${nTest} held-out rows`,
      sampleReal: (stream: RandomStream, n: number): RegressionData => {
        if (n > rows) {
          throw new InvalidParameterError(
            "logistic-data",
            "samples",
            `must be at most the ${rows} training rows`,
            n,
          );
        }
        // All training rows, in order (Dey & Donoho fit generation 1 to the whole training set), or
        // a uniform subset of them.
        return n === rows ? training : subsampleData(training, n, stream);
      },
    };
  },
});

defineFamily({
  name: "logistic",
  description: "logistic regression by ridge-penalised maximum likelihood (Newton)",
  dataKind: "regression",
  modelKind: "logistic",
  params: {
    ridge: {
      type: "number",
      default: 1,
      min: 0,
      description: "λ on ½‖w‖² (scikit-learn's 1/C; 0: the MLE, which separable data lack)",
    },
    design: {
      type: "string",
      choices: ["fresh", "fixed"],
      default: "fresh",
      description: "fresh rows, or relabel the chain's real design",
    },
    intercept: {
      type: "string",
      choices: ["none", "last"],
      default: "none",
      description:
        "last: the design's last column is an intercept (logistic-data appends one), left out of the ridge penalty as scikit-learn's",
    },
  },
  fit: (data: RegressionData, params) =>
    fitLogistic(data, {
      ridge: params.ridge as number,
      design: params.design as "fresh" | "fixed",
      intercept: params.intercept === "last",
    }),
  // He, Xu & Cheng's weighted fit (regime weighted-fresh): each part fitted on its own, the
  // weights averaged, ŵ = Σ_j w_j ŵ_j (parts of weight 0 not fitted); a fixed design is the first
  // one a part carries (D₁'s, on synthetic rows), else the first part's rows.
  fitWeighted: (parts, params) => {
    const options = {
      ridge: params.ridge as number,
      design: params.design as "fresh" | "fixed",
      intercept: params.intercept === "last",
    };
    const fits = parts
      .filter((p) => p.weight > 0)
      .map((p) => ({ weight: p.weight, w: fitLogistic(p.data, options).w }));
    const w = new Float64Array(fits[0].w.length);
    for (const fit of fits) for (let j = 0; j < w.length; j++) w[j] += fit.weight * fit.w[j];
    if (options.design !== "fixed") return logisticModel(w);
    const carried = parts.find((p) => p.data.design !== undefined)?.data.design;
    return logisticModel(w, carried ?? parts[0].data.X);
  },
});

/** The truth's held-out labelled rows, or a named error for a truth without them. */
function heldOutRows(metric: string, heldOut: () => unknown, truth: string): RegressionData {
  const data = heldOut() as RegressionData;
  if (data.kind !== "regression") {
    throw new UndefinedQuantityError(metric, `the truth ${truth} has no held-out labelled rows`);
  }
  return data;
}

defineMetric({
  name: "held-out-error",
  description:
    "misclassification rate (1/N) Σ 1{1(x_i·w > 0) ≠ y_i} of a logistic model on the truth's N held-out labelled rows (logistic-data: the real test labels; exact)",
  supports: (kind) => kind.kind === "logistic",
  compute: (m: AnyModel, ctx) => {
    const data = heldOutRows("held-out-error", ctx.heldOut, ctx.truth.id);
    const { w, dim } = m as LogisticModel;
    let wrong = 0;
    for (let i = 0; i < data.y.length; i++) {
      let z = 0;
      for (let j = 0; j < dim; j++) z += data.X[i * dim + j] * w[j];
      if ((z > 0 ? 1 : 0) !== data.y[i]) wrong++;
    }
    return wrong / data.y.length;
  },
});

defineMetric({
  name: "log-loss",
  description:
    "held-out log-loss −(1/N) Σ [y_i ln σ(x_i·w) + (1 − y_i) ln(1 − σ(x_i·w))] of a logistic model on the truth's held-out labelled rows (scikit-learn's log_loss without clipping; exact)",
  supports: (kind) => kind.kind === "logistic",
  compute: (m: AnyModel, ctx) => {
    const data = heldOutRows("log-loss", ctx.heldOut, ctx.truth.id);
    const { w, dim } = m as LogisticModel;
    let loss = 0;
    for (let i = 0; i < data.y.length; i++) {
      let z = 0;
      for (let j = 0; j < dim; j++) z += data.X[i * dim + j] * w[j];
      // −ln σ(z) = softplus(−z), −ln(1 − σ(z)) = softplus(z).
      loss += data.y[i] === 1 ? softplus(-z) : softplus(z);
    }
    return loss / data.y.length;
  },
});

defineMetric({
  name: "error-rate",
  description:
    "misclassification probability P(1{x·w_t > 0} ≠ y) of a logistic model for a fresh x ~ N(0, I_d) labelled by the truth (exact: a one-dimensional integral)",
  supports: (kind) => kind.kind === "logistic",
  compute: (m: AnyModel, ctx) => {
    const t = ctx.truth.model as LogisticModel;
    if (t.design !== undefined) {
      throw new UndefinedQuantityError(
        "error-rate",
        `the truth ${ctx.truth.id} is a data set, not a Gaussian design: use held-out-error`,
      );
    }
    return logisticErrorRate(t.w, (m as LogisticModel).w);
  },
});
