/**
 * `collapse-harness/theory`: the closed forms claims compare simulations with — one function per
 * file, each documented with its formula and the docs/theory.md section it comes from — and the
 * special and distribution functions they are built on.
 */

export {
  betaCdf,
  betaQuantile,
  betaSf,
  binomialCdf,
  binomialPmf,
  binomialSf,
  chiSquareCdf,
  chiSquareSf,
  digamma,
  erf,
  erfc,
  gammaCdf,
  gammaSf,
  lbeta,
  lgamma,
  normalCdf,
  normalPdf,
  normalQuantile,
  normalSf,
  poissonCdf,
  poissonPmf,
  poissonSf,
  regularizedBeta,
  regularizedGammaP,
  regularizedGammaQ,
  studentTCdf,
  studentTQuantile,
  studentTSf,
  trigamma,
} from "../numeric/index.ts";

// Continuous: Gaussian, multivariate Gaussian, mixtures, Student-t, regression, exponential, Poisson
export { accumulateGaussianMeanError } from "./accumulateGaussianMeanError.ts";
export { accumulateGaussianMeanErrorMoments } from "./accumulateGaussianMeanErrorMoments.ts";
export { bartlettLogMoment } from "./bartlettLogMoment.ts";
export { chiSquareQuantile } from "./chiSquareQuantile.ts";
export { exponentialLogMeanDrift } from "./exponentialLogMeanDrift.ts";
export { exponentialLogMeanDriftVariance } from "./exponentialLogMeanDriftVariance.ts";
export { exponentialMeanRatioVariance } from "./exponentialMeanRatioVariance.ts";
export { freshDataGaussianVariance } from "./freshDataGaussianVariance.ts";
export { gaussianGenerationVarianceMoments } from "./gaussianGenerationVarianceMoments.ts";
export { gaussianLogVarianceDrift } from "./gaussianLogVarianceDrift.ts";
export { gaussianLogVarianceDriftVariance } from "./gaussianLogVarianceDriftVariance.ts";
export { gaussianMleVarianceMoments } from "./gaussianMleVarianceMoments.ts";
export { gaussianVarianceVanishingBound } from "./gaussianVarianceVanishingBound.ts";
export { gaussianW2Moments } from "./gaussianW2Moments.ts";
export { goldenSectionArgmin } from "./goldenSectionArgmin.ts";
export { inverseSquareSum } from "./inverseSquareSum.ts";
export { keepOriginalMeanError } from "./keepOriginalMeanError.ts";
export { mvGaussianDetThreshold } from "./mvGaussianDetThreshold.ts";
export { olsTestErrorMoments } from "./olsTestErrorMoments.ts";
export { poissonAccumulateSquaredError } from "./poissonAccumulateSquaredError.ts";
export { poissonFreshSquaredError } from "./poissonFreshSquaredError.ts";
export { poissonReplaceSquaredError } from "./poissonReplaceSquaredError.ts";
export { studentTGaussianFitTailBound } from "./studentTGaussianFitTailBound.ts";
export { studentTGaussianFitTailMass } from "./studentTGaussianFitTailMass.ts";
export { sureshStdBound } from "./sureshStdBound.ts";
export { wrightFisherLoss } from "./wrightFisherLoss.ts";
