/**
 * Numerics layer: special functions, distribution functions, goodness-of-fit tests and summary
 * statistics on plain numbers. Depends only on src/util.
 */

export {
  betaCdf,
  betaSf,
  binomialCdf,
  binomialPmf,
  binomialSf,
  chiSquareCdf,
  chiSquareSf,
  gammaCdf,
  gammaSf,
  poissonCdf,
  poissonPmf,
  poissonSf,
  studentTCdf,
  studentTSf,
} from "./distributions.ts";
export { erf, erfc } from "./erf.ts";
export { digamma, lbeta, lgamma, trigamma } from "./gamma.ts";
export {
  type ChiSquareGofResult,
  chiSquareGofTest,
  type KsTestResult,
  kolmogorovSmirnovSf,
  ksTest,
  poolSmallCells,
} from "./gof.ts";
export { regularizedBeta, regularizedGammaP, regularizedGammaQ } from "./incomplete.ts";
export { betaQuantile, studentTQuantile } from "./inverse.ts";
export { normalCdf, normalPdf, normalQuantile, normalSf } from "./normal.ts";
export {
  mean,
  meanVariance,
  quantile,
  quantiles,
  standardDeviation,
  variance,
} from "./summary.ts";
