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
// Absorption times: Wright–Fisher diffusion approximation and exact finite-M values
export { wrightFisherDiffusionAbsorptionTime } from "./wrightFisherDiffusionAbsorptionTime.ts";
export { wrightFisherMeanAbsorptionTime } from "./wrightFisherMeanAbsorptionTime.ts";
