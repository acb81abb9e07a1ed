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
export { betaInverseSf, betaQuantile, studentTQuantile } from "./inverse.ts";
export {
  cholesky,
  choleskyLogDet,
  lowerTriangularInverse,
  matMul,
  PSD_TOLERANCE_PER_DIM,
  RANK_TOLERANCE_PER_DIM,
  type SymmetricEigen,
  sqrtmSymmetric,
  symmetricEigen,
  symmetricEigenvalues,
  trace,
  tryCholesky,
} from "./linalg.ts";
export { normalCdf, normalPdf, normalQuantile, normalSf } from "./normal.ts";
export {
  mean,
  meanVariance,
  quantile,
  quantiles,
  standardDeviation,
  variance,
} from "./summary.ts";
