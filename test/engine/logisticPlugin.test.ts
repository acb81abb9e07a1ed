/**
 * plugins/logistic.ts (logistic regression as a plug-in: Dey & Donoho's logistic experiments):
 * the penalised fit and the exact error rate against an independent scipy reference
 * (test/fixtures/make_logistic_fixture.py), the error rate against sampling, the fixed design,
 * chains through the engine, and bad input named.
 *
 * Stochastic checks compare a frequency of N i.i.d. draws with its exact value within 5.5 standard
 * errors (two-sided 3.8e-8 each; 4 checks: false-alarm probability < 2e-7), seeds fixed
 * (derive("test/logistic", label)).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  fitLogistic,
  type LogisticModel,
  logisticErrorRate,
  logisticModel,
  readLabelledCsv,
} from "../../plugins/logistic.ts";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { familyFromSpec, truthFromSpec } from "../../src/chain/specs.ts";
import { metricById } from "../../src/metrics/metric.ts";
import type { RegressionData } from "../../src/model/data.ts";
import { modelKind } from "../../src/model/kinds.ts";
import { derive } from "../../src/rng/index.ts";
import { UndefinedQuantityError } from "../../src/util/validate.ts";

interface Fixture {
  fits: { n: number; d: number; ridge: number; X: number[]; y: number[]; w: number[] }[];
  errors: { truth: number[]; w: number[]; error: number }[];
  breastCancer: { rows: number; w: number[]; logLoss: number; error: number; ones: number };
}
const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/logistic.json", import.meta.url), "utf8"),
) as Fixture;

const Z = 5.5;

/** Fraction of n fresh rows x ~ N(0, I) where 1{x·w > 0} differs from a label drawn by the truth. */
function sampledErrorRate(truth: LogisticModel, w: Float64Array, n: number, label: string): number {
  const data = modelKind("logistic").sample(
    truth,
    derive("test/logistic", label),
    n,
  ) as RegressionData;
  let wrong = 0;
  for (let i = 0; i < n; i++) {
    let z = 0;
    for (let j = 0; j < truth.dim; j++) z += data.X[i * truth.dim + j] * w[j];
    if ((z > 0 ? 1 : 0) !== data.y[i]) wrong++;
  }
  return wrong / n;
}

describe("plugins/logistic.ts", () => {
  it("fits the penalised maximum-likelihood weights of the scipy reference", () => {
    // Both optima have gradient norm < 1e-10 and the Hessian's smallest eigenvalue is ≥ λ, or
    // ≥ ~1 from the data when λ = 0, so the weights agree to ≈ 1e-10: tolerance 1e-8.
    for (const c of fixture.fits) {
      const data: RegressionData = {
        kind: "regression",
        dim: c.d,
        X: Float64Array.from(c.X),
        y: Float64Array.from(c.y),
      };
      const fit = fitLogistic(data, { ridge: c.ridge });
      for (let j = 0; j < c.d; j++) {
        expect(
          Math.abs(fit.w[j] - c.w[j]),
          `n=${c.n}, d=${c.d}, λ=${c.ridge}: w[${j}] actual ${fit.w[j]}, expected ${c.w[j]}, tolerance 1e-8`,
        ).toBeLessThanOrEqual(1e-8);
      }
    }
  });

  it("error-rate: the exact misclassification probability of the scipy reference", () => {
    // Both integrals to ≤ 1e-13 absolute (adaptive Simpson 1e-14 per panel; quad 1e-13).
    for (const c of fixture.errors) {
      const actual = logisticErrorRate(Float64Array.from(c.truth), Float64Array.from(c.w));
      expect(
        Math.abs(actual - c.error),
        `w* = ${c.truth}, w = ${c.w}: actual ${actual}, expected ${c.error}, tolerance 1e-11`,
      ).toBeLessThanOrEqual(1e-11);
    }
  });

  it("error-rate agrees with the frequency of errors on 200 000 sampled rows", () => {
    const n = 200_000;
    for (const [label, truth, w] of [
      ["aligned", [1.5, -0.5, 0], [2, -1, 0.3]],
      ["orthogonal", [1, 0, 0], [0, 1, 0]],
      ["opposite", [0.8, 0.8, 0], [-1, -1, 0]],
    ] as const) {
      const t = logisticModel(truth);
      const exact = logisticErrorRate(t.w, Float64Array.from(w));
      const got = sampledErrorRate(t, Float64Array.from(w), n, label);
      const tol = Z * Math.sqrt((exact * (1 - exact)) / n);
      expect(Math.abs(got - exact), `${label}: ${got} vs ${exact} ± ${tol}`).toBeLessThanOrEqual(
        tol,
      );
    }
  });

  it("recovers w* from 100 000 rows (λ = 0): within 5.5 standard errors of the MLE's asymptotic law", () => {
    const truth = truthFromSpec("logistic:d=2,scale=1.5,seed=3");
    const w = (truth.model as LogisticModel).w;
    const data = modelKind("logistic").sample(
      truth.model,
      derive("test/logistic", "recover"),
      100_000,
    );
    const fit = fitLogistic(data as RegressionData, { ridge: 0 });
    // Fisher information per row I = E[σ(1 − σ) x xᵀ] ≥ E[σ(1 − σ)]·… ≥ 0.1·I here, so each
    // coordinate's sd is ≤ 1/√(0.1 n) = 0.01: tolerance 5.5 × 0.01.
    for (let j = 0; j < 2; j++) {
      expect(Math.abs(fit.w[j] - w[j]), `w[${j}]: ${fit.w[j]} vs ${w[j]}`).toBeLessThanOrEqual(
        0.055,
      );
    }
  });

  it("design=fixed relabels the chain's real rows; fresh draws new ones", () => {
    const family = familyFromSpec("logistic:design=fixed");
    const truth = truthFromSpec("logistic:d=3");
    const real = modelKind("logistic").sample(truth.model, derive("test/logistic", "d1"), 50);
    const fitted = family.fit(real, derive("test/logistic", "fit")) as LogisticModel;
    expect(fitted.design).toBe((real as RegressionData).X);
    const relabelled = modelKind("logistic").sample(fitted, derive("test/logistic", "d2"), 50);
    expect((relabelled as RegressionData).X).toEqual((real as RegressionData).X);
    const fresh = familyFromSpec("logistic").fit(
      real,
      derive("test/logistic", "fit"),
    ) as LogisticModel;
    expect(fresh.design).toBeUndefined();
  });

  it("runs in chains (replace and accumulate), bit-identical on a rerun", () => {
    const spec = (regime: string) =>
      configFromSpec({
        truth: "logistic:d=5,scale=2",
        family: "logistic",
        regime,
        samples: 200,
        generations: 5,
        chains: 4,
        seed: 11,
        metrics: ["error-rate"],
      });
    for (const regime of ["replace", "accumulate"]) {
      const a = runChains(spec(regime));
      const b = runChains(spec(regime));
      expect(Array.from(a.values["error-rate"])).toEqual(Array.from(b.values["error-rate"]));
      for (const v of a.values["error-rate"]) {
        expect(v).toBeGreaterThan(0);
        expect(v).toBeLessThan(0.5);
      }
    }
  });

  it("names bad input: labels, ridge, separable data without a penalty", () => {
    const data = (y: number[]): RegressionData => ({
      kind: "regression",
      dim: 1,
      X: Float64Array.of(-2, -1, 1, 2),
      y: Float64Array.from(y),
    });
    expect(() => fitLogistic(data([0, 0.5, 1, 1]))).toThrow(
      /logistic: data.y\[1\] must be a label 0 or 1/,
    );
    expect(() => fitLogistic(data([0, 0, 1, 1]), { ridge: -1 })).toThrow(/logistic: ridge/);
    expect(() => fitLogistic(data([0, 0, 1, 1]), { ridge: 0 })).toThrow(UndefinedQuantityError);
    expect(fitLogistic(data([0, 0, 1, 1]), { ridge: 1 }).w[0]).toBeGreaterThan(0);
    expect(() => logisticModel([Number.NaN])).toThrow(/logisticModel: w\[0\] must be finite/);
    expect(() => truthFromSpec("logistic:d=0")).toThrow(/d/);
  });
});

describe("plugins/logistic.ts on a data set (logistic-data: Dey & Donoho's UCI experiments)", () => {
  const shipped = new URL("../../plugins/data/breast-cancer-wisconsin.csv", import.meta.url);
  const bc = fixture.breastCancer;
  const dir = mkdtempSync(join(tmpdir(), "collapse-logistic-data-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const csv = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it("reads the shipped breast-cancer rows as numpy does, and fits scikit-learn's default (C = 1, intercept free) as scipy does", () => {
    const { data, features } = readLabelledCsv(shipped.pathname, true);
    expect(features).toBe(30);
    expect(data.y.length).toBe(bc.rows);
    expect(data.dim).toBe(31);
    expect(data.y.reduce((a, b) => a + b, 0)).toBe(bc.ones);
    const fit = fitLogistic(data, { ridge: 1, intercept: true });
    // Both optimisers stop within ≈ 1e-12 of the optimum (scipy: gradient < 1e-8 on features up
    // to ≈ 4000); tolerance 1e-8 as for the Gaussian-design fits.
    for (let j = 0; j < 31; j++) {
      expect(
        Math.abs(fit.w[j] - bc.w[j]),
        `w[${j}] actual ${fit.w[j]}, expected ${bc.w[j]}, tolerance 1e-8`,
      ).toBeLessThanOrEqual(1e-8);
    }
    // The metrics on the same rows, at the reference weights: sums of 569 terms, ≈ 1e-13.
    const model = logisticModel(bc.w, data.X);
    const ctx = { heldOut: () => data, truth: { id: "test" } } as never;
    const logLoss = metricById("log-loss").compute(model, ctx);
    expect(
      Math.abs(logLoss - bc.logLoss),
      `log-loss ${logLoss} vs ${bc.logLoss}`,
    ).toBeLessThanOrEqual(1e-12);
    expect(metricById("held-out-error").compute(model, ctx)).toBe(bc.error);
  });

  it("splits once by seed, ⌈0.3 R⌉ held out (scikit-learn's rule): disjoint, every row once, D₁ = the training rows", () => {
    const truth = truthFromSpec("logistic-data");
    const heldOut = truth.heldOut as RegressionData;
    const training = truth.sampleReal(derive("test/logistic", "d1"), 398) as RegressionData;
    expect(heldOut.y.length).toBe(Math.ceil(0.3 * 569));
    expect(training.y.length).toBe(569 - 171);
    const { data: all } = readLabelledCsv(shipped.pathname, true);
    const key = (d: RegressionData, i: number) =>
      Array.from(d.X.subarray(i * 31, i * 31 + 31)).join(",");
    const rows = (d: RegressionData) => Array.from({ length: d.y.length }, (_, i) => key(d, i));
    expect([...rows(heldOut), ...rows(training)].sort()).toEqual(rows(all).sort());
    expect(truth.source).toContain(
      "569 rows, 30 features + intercept; split by seed 0: 398 training, 171 held-out rows",
    );
    // The same seed, the same split; another seed, another one.
    expect(rows(truthFromSpec("logistic-data").heldOut as RegressionData)).toEqual(rows(heldOut));
    expect(rows(truthFromSpec("logistic-data:split=1").heldOut as RegressionData)).not.toEqual(
      rows(heldOut),
    );
    // Fewer real rows: a subset of the training rows; more: a named error.
    const some = truth.sampleReal(derive("test/logistic", "some"), 100) as RegressionData;
    const trainingRows = new Set(rows(training));
    expect(rows(some).every((r) => trainingRows.has(r))).toBe(true);
    expect(() => truth.sampleReal(derive("test/logistic", "more"), 399)).toThrow(
      /logistic-data: samples must be at most the 398 training rows, got 399/,
    );
  });

  it("runs Dey & Donoho's replace and augment chains, bit-identical on a rerun; generation 1 is the fit to the real labels", () => {
    const spec = (regime: string) =>
      configFromSpec({
        truth: "logistic-data",
        family: "logistic:design=fixed,intercept=last",
        regime,
        samples: 398,
        generations: 3,
        chains: 2,
        seed: 5,
        metrics: ["held-out-error", "log-loss"],
      });
    for (const regime of ["replace", "accumulate"]) {
      const a = runChains(spec(regime));
      expect(Array.from(runChains(spec(regime)).values["log-loss"])).toEqual(
        Array.from(a.values["log-loss"]),
      );
      // Generation 1 is fitted to the 398 real training labels in every chain: one value.
      expect(a.values["log-loss"][1]).toBe(a.values["log-loss"][4 + 1]);
      for (const v of a.values["held-out-error"]) expect(v >= 0 && v < 0.5).toBe(true);
    }
  });

  it("names bad files, labels, splits and a truth without held-out rows", () => {
    expect(() => truthFromSpec(`logistic-data:file=${join(dir, "missing.csv")}`)).toThrow(
      /logistic-data: file must be a readable CSV file/,
    );
    expect(() =>
      truthFromSpec(`logistic-data:file=${csv("label.csv", "1,0\n2,1\n3,2\n")}`),
    ).toThrow(/logistic-data: file line 3, last column must be a label 0 or 1, got 2/);
    expect(() => truthFromSpec(`logistic-data:file=${csv("nan.csv", "a,b\n1,0\nx,1\n")}`)).toThrow(
      /logistic-data: file line 3, column 1 must be a finite number, got "?x"?/,
    );
    expect(() => truthFromSpec(`logistic-data:file=${csv("ragged.csv", "1,2,0\n1,1\n")}`)).toThrow(
      /logistic-data: file line 2 must have 3 columns, as the first row, got 2/,
    );
    expect(() => truthFromSpec("logistic-data:data=iris")).toThrow(
      /data must be one of breast-cancer/,
    );
    expect(() => truthFromSpec("logistic-data:test=1")).toThrow(/test/);
    // All labels equal: an unpenalised intercept has no finite optimum.
    const same: RegressionData = {
      kind: "regression",
      dim: 2,
      X: Float64Array.of(1, 1, 2, 1),
      y: Float64Array.of(1, 1),
    };
    expect(() => fitLogistic(same, { intercept: true })).toThrow(
      /logistic is undefined: the intercept's maximum-likelihood value does not exist: all 2 labels are 1/,
    );
    // error-rate needs the Gaussian design; on a data set it says which metric to use.
    const r = runChains(
      configFromSpec({
        truth: "logistic-data",
        family: "logistic:design=fixed,intercept=last",
        regime: "replace",
        samples: 50,
        generations: 1,
        chains: 1,
        seed: 1,
        metrics: ["error-rate"],
      }),
    );
    expect(r.undefinedValues[0].reason).toMatch(
      /is a data set, not a Gaussian design: use held-out-error/,
    );
  });
});
