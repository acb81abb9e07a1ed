import { describe, expect, it } from "vitest";
import * as N from "../../src/numeric/index.ts";
import { InvalidParameterError } from "../../src/util/validate.ts";

/** [api, call, parameter named in the message, value as printed]. */
type Case = [string, () => unknown, string, string];

const cases: Case[] = [
  ["erf", () => N.erf(Number.NaN), "x", "NaN"],
  ["erfc", () => N.erfc(Number.NaN), "x", "NaN"],
  ["normalCdf", () => N.normalCdf(Number.NaN), "x", "NaN"],
  ["normalCdf", () => N.normalCdf(0, Number.NaN), "mean", "NaN"],
  ["normalCdf", () => N.normalCdf(0, 0, 0), "sd", "0"],
  ["normalSf", () => N.normalSf(1, 0, -2), "sd", "-2"],
  ["normalPdf", () => N.normalPdf(1, Number.POSITIVE_INFINITY), "mean", "Infinity"],
  ["normalQuantile", () => N.normalQuantile(1.5), "p", "1.5"],
  ["normalQuantile", () => N.normalQuantile(-0.1), "p", "-0.1"],
  ["normalQuantile", () => N.normalQuantile(Number.NaN), "p", "NaN"],
  ["normalQuantile", () => N.normalQuantile(0.5, 0, Number.NaN), "sd", "NaN"],
  ["lgamma", () => N.lgamma(0), "x", "0"],
  ["lgamma", () => N.lgamma(-3), "x", "-3"],
  ["lgamma", () => N.lgamma(Number.NaN), "x", "NaN"],
  ["lgamma", () => N.lgamma(Number.NEGATIVE_INFINITY), "x", "-Infinity"],
  ["digamma", () => N.digamma(-2), "x", "-2"],
  ["digamma", () => N.digamma(-0), "x", "-0"],
  ["trigamma", () => N.trigamma(0), "x", "0"],
  ["lbeta", () => N.lbeta(-1, 2), "a", "-1"],
  ["lbeta", () => N.lbeta(1, Number.POSITIVE_INFINITY), "b", "Infinity"],
  ["regularizedGammaP", () => N.regularizedGammaP(-1, 1), "a", "-1"],
  ["regularizedGammaP", () => N.regularizedGammaP(0, 1), "a", "0"],
  ["regularizedGammaP", () => N.regularizedGammaP(1, -0.5), "x", "-0.5"],
  ["regularizedGammaQ", () => N.regularizedGammaQ(1, Number.NaN), "x", "NaN"],
  ["regularizedBeta", () => N.regularizedBeta(1.2, 1, 1), "x", "1.2"],
  ["regularizedBeta", () => N.regularizedBeta(0.5, 0, 1), "a", "0"],
  ["regularizedBeta", () => N.regularizedBeta(0.5, 1, Number.NaN), "b", "NaN"],
  ["gammaCdf", () => N.gammaCdf(1, -2), "shape", "-2"],
  ["gammaCdf", () => N.gammaCdf(1, 2, 0), "scale", "0"],
  ["gammaCdf", () => N.gammaCdf(Number.NaN, 2), "x", "NaN"],
  ["gammaSf", () => N.gammaSf(1, 2, -1), "scale", "-1"],
  ["betaCdf", () => N.betaCdf(0.5, 2, -3), "b", "-3"],
  ["betaSf", () => N.betaSf(Number.NaN, 2, 3), "x", "NaN"],
  ["chiSquareCdf", () => N.chiSquareCdf(1, 0), "k", "0"],
  ["chiSquareSf", () => N.chiSquareSf(1, Number.NaN), "k", "NaN"],
  ["studentTCdf", () => N.studentTCdf(1, -1), "nu", "-1"],
  ["studentTSf", () => N.studentTSf(Number.NaN, 3), "x", "NaN"],
  ["binomialPmf", () => N.binomialPmf(1.5, 10, 0.5), "k", "1.5"],
  ["binomialPmf", () => N.binomialPmf(1, 10.5, 0.5), "n", "10.5"],
  ["binomialPmf", () => N.binomialPmf(1, -1, 0.5), "n", "-1"],
  ["binomialCdf", () => N.binomialCdf(1, 10, 1.5), "p", "1.5"],
  ["binomialSf", () => N.binomialSf(1, 10, Number.NaN), "p", "NaN"],
  ["poissonPmf", () => N.poissonPmf(2.5, 1), "k", "2.5"],
  ["poissonCdf", () => N.poissonCdf(2, -1), "lambda", "-1"],
  ["poissonSf", () => N.poissonSf(2, Number.POSITIVE_INFINITY), "lambda", "Infinity"],
  ["kolmogorovSmirnovSf", () => N.kolmogorovSmirnovSf(Number.NaN, 10), "d", "NaN"],
  ["kolmogorovSmirnovSf", () => N.kolmogorovSmirnovSf(0.1, 0), "n", "0"],
  ["kolmogorovSmirnovSf", () => N.kolmogorovSmirnovSf(0.1, 2.5), "n", "2.5"],
  ["ksTest", () => N.ksTest([], (x) => x), "sample", "[]"],
  ["ksTest", () => N.ksTest([0.1, Number.NaN], (x) => x), "sample[1]", "NaN"],
  ["ksTest", () => N.ksTest([0.1, 2], () => 1.5), "cdf(0.1)", "1.5"],
  ["chiSquareGofTest", () => N.chiSquareGofTest([1, 2], [1, 2, 3]), "expected", "[1,2,3]"],
  ["chiSquareGofTest", () => N.chiSquareGofTest([1, 2], [0, 3]), "expected[0]", "0"],
  ["chiSquareGofTest", () => N.chiSquareGofTest([1, -2], [1, 3]), "observed[1]", "-2"],
  ["chiSquareGofTest", () => N.chiSquareGofTest([1, 2], [1, 5]), "expected", "[1,5]"],
  ["chiSquareGofTest", () => N.chiSquareGofTest([1, 2], [1, 2], { ddof: 1 }), "ddof", "1"],
  [
    "chiSquareGofTest",
    () => N.chiSquareGofTest([1, 2, 3], [1, 2, 3], { ddof: 0.5 }),
    "ddof",
    "0.5",
  ],
  ["poolSmallCells", () => N.poolSmallCells([1], [1], 0), "minExpected", "0"],
  ["poolSmallCells", () => N.poolSmallCells([], []), "observed", "[]"],
  ["poolSmallCells", () => N.poolSmallCells([1, 2], [1, Number.NaN]), "expected[1]", "NaN"],
  ["mean", () => N.mean([]), "x", "[]"],
  ["mean", () => N.mean([1, Number.NaN]), "x[1]", "NaN"],
  ["variance", () => N.variance([1, 2], 2), "ddof", "2"],
  ["variance", () => N.variance([1, 2], -1), "ddof", "-1"],
  ["meanVariance", () => N.meanVariance([1, 2], 2), "ddof", "2"],
  ["studentTQuantile", () => N.studentTQuantile(1, 3), "p", "1"],
  ["studentTQuantile", () => N.studentTQuantile(0.5, 0), "nu", "0"],
  ["betaQuantile", () => N.betaQuantile(Number.NaN, 1, 1), "p", "NaN"],
  ["betaInverseSf", () => N.betaInverseSf(0, 1, 1), "q", "0"],
  ["betaInverseSf", () => N.betaInverseSf(0.5, 1, -2), "b", "-2"],
  ["betaQuantile", () => N.betaQuantile(0.5, -1, 1), "a", "-1"],
  ["betaQuantile", () => N.betaQuantile(0.5, 1, Number.POSITIVE_INFINITY), "b", "Infinity"],
  ["meanVariance", () => N.meanVariance([], 0), "x", "[]"],
  ["standardDeviation", () => N.standardDeviation(new Float64Array(0)), "x", "[]"],
  ["quantile", () => N.quantile([1, 2], 1.1), "q", "1.1"],
  ["quantile", () => N.quantile([Number.NaN], 0.5), "x[0]", "NaN"],
  ["quantiles", () => N.quantiles([1, 2], [0.5, -1]), "qs[1]", "-1"],
  ["cholesky", () => N.cholesky([1, 2, 2, 1], 2), "a", "[1,2,2,1]"],
  ["cholesky", () => N.cholesky([1, 0, 0], 2), "a.length", "3"],
  ["cholesky", () => N.cholesky([1], 0), "d", "0"],
  ["tryCholesky", () => N.tryCholesky([1, Number.NaN, 0, 1], 2), "a[1]", "NaN"],
  ["choleskyLogDet", () => N.choleskyLogDet([0, 0, 0, 0], 2), "a", "[0,0,0,0]"],
  ["choleskyLogDet", () => N.choleskyLogDet([1], 1.5), "d", "1.5"],
  ["lowerTriangularInverse", () => N.lowerTriangularInverse([1, 0, 2, 0], 2), "l[3]", "0"],
  ["symmetricEigen", () => N.symmetricEigen([1, 2, 3], 2), "a.length", "3"],
  [
    "symmetricEigen",
    () => N.symmetricEigen([1, Number.POSITIVE_INFINITY, 0, 1], 2),
    "a[1]",
    "Infinity",
  ],
  ["symmetricEigenvalues", () => N.symmetricEigenvalues([], 0), "d", "0"],
  ["sqrtmSymmetric", () => N.sqrtmSymmetric([-1, 0, 0, 1], 2), "a", "[-1,0,0,1]"],
  ["matMul", () => N.matMul([1, 2], [1, 2, 3], 1, 2, 2), "b.length", "3"],
  ["matMul", () => N.matMul([1], [1], 0), "n", "0"],
  ["trace", () => N.trace([1, 2, 3, 4, 5], 2), "a.length", "5"],
];

describe("every invalid argument throws a named InvalidParameterError", () => {
  it.each(cases)("%s: %s", (api, call, parameter, shown) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidParameterError);
    const err = error as InvalidParameterError;
    expect(err.message.startsWith(`${api}: ${parameter} `), err.message).toBe(true);
    expect(err.message).toContain(`got ${shown}`);
    expect(err.api).toBe(api);
    expect(err.parameter).toBe(parameter);
  });

  it("covers every exported function", () => {
    const exported = Object.entries(N)
      .filter(([, v]) => typeof v === "function")
      .map(([k]) => k);
    const tested = new Set(cases.map((c) => c[0]));
    expect(exported.filter((name) => !tested.has(name))).toEqual([]);
  });
});
