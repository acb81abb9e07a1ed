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
// Closed forms, one per file, in the order biome sorts them: discrete (categorical, Wright–Fisher
// loss and absorption times, Suresh, Seddik, tail of tails, n-gram) and continuous (Gaussian,
// multivariate Gaussian, mixtures, Student-t, regression, exponential, Poisson) interleave.
export { accumulateGaussianMeanError } from "./accumulateGaussianMeanError.ts";
export { accumulateGaussianMeanErrorMoments } from "./accumulateGaussianMeanErrorMoments.ts";
export { bartlettLogMoment } from "./bartlettLogMoment.ts";
export { categoricalEntropy } from "./categoricalEntropy.ts";
export { chiSquareQuantile } from "./chiSquareQuantile.ts";
export { curatedCategorical } from "./curatedCategorical.ts";
export { curatedGaussianMeanShift } from "./curatedGaussianMeanShift.ts";
export { downstreamTestErrorMoments } from "./downstreamTestErrorMoments.ts";
export { expectedResampledEntropy } from "./expectedResampledEntropy.ts";
export { exponentialLogMeanDrift } from "./exponentialLogMeanDrift.ts";
export { exponentialLogMeanDriftVariance } from "./exponentialLogMeanDriftVariance.ts";
export { exponentialMeanRatioVariance } from "./exponentialMeanRatioVariance.ts";
export { freshDataGaussianVariance } from "./freshDataGaussianVariance.ts";
export { freshDataSimpsonRecursion } from "./freshDataSimpsonRecursion.ts";
export { freshSymbolCoverageBound } from "./freshSymbolCoverageBound.ts";
export { gaussianGenerationVarianceMoments } from "./gaussianGenerationVarianceMoments.ts";
export { gaussianLogVarianceDrift } from "./gaussianLogVarianceDrift.ts";
export { gaussianLogVarianceDriftVariance } from "./gaussianLogVarianceDriftVariance.ts";
export { gaussianMleVarianceMoments } from "./gaussianMleVarianceMoments.ts";
export { gaussianVarianceVanishingBound } from "./gaussianVarianceVanishingBound.ts";
export { gaussianW2Moments } from "./gaussianW2Moments.ts";
export { goldenSectionArgmin } from "./goldenSectionArgmin.ts";
export { inverseSquareSum } from "./inverseSquareSum.ts";
export { keepOriginalMeanError } from "./keepOriginalMeanError.ts";
export { memorizerHorizon } from "./memorizerHorizon.ts";
export { memorizerTestError } from "./memorizerTestError.ts";
export { mvGaussianDetThreshold } from "./mvGaussianDetThreshold.ts";
export { olsTestErrorMoments } from "./olsTestErrorMoments.ts";
export { poissonAccumulateSquaredError } from "./poissonAccumulateSquaredError.ts";
export { poissonFreshSquaredError } from "./poissonFreshSquaredError.ts";
export { poissonReplaceSquaredError } from "./poissonReplaceSquaredError.ts";
export {
  type PoissonChainRegime,
  poissonSquaredErrorMoments,
} from "./poissonSquaredErrorMoments.ts";
export { seddikSegregatingBounds } from "./seddikSegregatingBounds.ts";
export { simpsonIndex } from "./simpsonIndex.ts";
export { strongCollapseTestError } from "./strongCollapseTestError.ts";
export { studentTGaussianFitTailBound } from "./studentTGaussianFitTailBound.ts";
export { studentTGaussianFitTailMass } from "./studentTGaussianFitTailMass.ts";
export {
  type ForgettingBand,
  type ForgettingBandConstraints,
  sureshForgettingBand,
} from "./sureshForgettingBand.ts";
export { sureshGk } from "./sureshGk.ts";
export { sureshStdBound } from "./sureshStdBound.ts";
export { type ProbabilityBounds, sureshSurvivalBounds } from "./sureshSurvivalBounds.ts";
export { sureshUnigramSurvivorBound } from "./sureshUnigramSurvivorBound.ts";
export { type TruncatedError, truncatedMemorizerTestError } from "./truncatedMemorizerTestError.ts";
export { unigramExpectedSurvivors } from "./unigramExpectedSurvivors.ts";
export { verifiedCategorical } from "./verifiedCategorical.ts";
export {
  type WeightedFreshConstraints,
  type WeightedFreshMeanError,
  weightedFreshGaussianMeanError,
} from "./weightedFreshGaussianMeanError.ts";
export { weightedFreshOptimalWeight } from "./weightedFreshOptimalWeight.ts";
export { wrightFisherDiffusionAbsorptionTime } from "./wrightFisherDiffusionAbsorptionTime.ts";
export { wrightFisherLoss } from "./wrightFisherLoss.ts";
export { wrightFisherMeanAbsorptionTime } from "./wrightFisherMeanAbsorptionTime.ts";
export { wrightFisherSegregatingBound } from "./wrightFisherSegregatingBound.ts";
export { wrightFisherSegregatingHorizon } from "./wrightFisherSegregatingHorizon.ts";
export { wrightFisherSquaredErrorMoments } from "./wrightFisherSquaredErrorMoments.ts";
