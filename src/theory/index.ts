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

// Discrete: categorical, Wright–Fisher, Suresh, Seddik, tail of tails, n-gram
export { categoricalEntropy } from "./categoricalEntropy.ts";
export { expectedResampledEntropy } from "./expectedResampledEntropy.ts";
export { freshDataSimpsonRecursion } from "./freshDataSimpsonRecursion.ts";
export { freshSymbolCoverageBound } from "./freshSymbolCoverageBound.ts";
export { memorizerHorizon } from "./memorizerHorizon.ts";
export { memorizerTestError } from "./memorizerTestError.ts";
export { seddikSegregatingBounds } from "./seddikSegregatingBounds.ts";
export { simpsonIndex } from "./simpsonIndex.ts";
export {
  type ForgettingBand,
  type ForgettingBandConstraints,
  sureshForgettingBand,
} from "./sureshForgettingBand.ts";
export { sureshGk } from "./sureshGk.ts";
export { type ProbabilityBounds, sureshSurvivalBounds } from "./sureshSurvivalBounds.ts";
export { sureshUnigramSurvivorBound } from "./sureshUnigramSurvivorBound.ts";
export { type TruncatedError, truncatedMemorizerTestError } from "./truncatedMemorizerTestError.ts";
export { unigramExpectedSurvivors } from "./unigramExpectedSurvivors.ts";
// Absorption times: Wright–Fisher diffusion approximation and exact finite-M values
export { wrightFisherDiffusionAbsorptionTime } from "./wrightFisherDiffusionAbsorptionTime.ts";
export { wrightFisherMeanAbsorptionTime } from "./wrightFisherMeanAbsorptionTime.ts";
export { wrightFisherSegregatingBound } from "./wrightFisherSegregatingBound.ts";
export { wrightFisherSegregatingHorizon } from "./wrightFisherSegregatingHorizon.ts";
