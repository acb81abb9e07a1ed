/**
 * Claim (exact one-step expectation + ordering of expectations): the `curate` transform on a
 * continuous family — a Gaussian-MLE chain refitted to K = 2 curated samples with reward
 * r(x) = βx (β > 0): (a) E[μ_1] = μ_0 + σ_0·m(βσ_0), m(b) = E[(D/2)·tanh(bD/2)], D ~ N(0, 2);
 * (b) the fitted mean rises in expectation every generation, E[μ_{t+1}] > E[μ_t].
 *
 * Derivation (docs/theory.md#curation-gaussian): with X_i = μ + σZ_i the pair's choice keeps X_1
 *   with probability 1/(1 + e^{−βσ(Z_1 − Z_2)}); writing D = Z_1 − Z_2 (independent of Z_1 + Z_2),
 *   the kept value is μ + σ[(Z_1 + Z_2)/2 + (D/2)·tanh(βσD/2)] in expectation, and the MLE mean is
 *   unbiased for it. m(b) > 0 for b > 0 (d·tanh(bd/2) > 0 for d ≠ 0), so conditional on any
 *   (μ_t, σ_t > 0) the mean moves up by σ_t·m(βσ_t) > 0 in expectation (`curatedGaussianMeanShift`,
 *   checked against scipy's 2-D quadrature).
 * Rules: (a) meanEquals(mu1, μ_0 + σ_0 m(βσ_0), precision 0.02σ_0), t-test; (b) greaterThan(muNext,
 *   muNow), paired t.
 * Budget: sd(μ_1) ≤ σ_0/√M ≤ 0.14σ_0 (M ≥ 50): (5.7 + 1.28)·0.14/0.02 ≈ 49, n ≈ 2400; the drift
 *   σ_t m(βσ_t) ≳ 0.05σ_t against a per-pair sd ≈ 0.14σ_t needs ≈ 400 pairs. maxReplicates 6400;
 *   α = 1e-6 per run, Bonferroni over scenarios × checks × looks.
 */

import {
  defineClaim,
  generationValues,
  greaterThan,
  logUniformInteger,
  meanEquals,
  runReplicates,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { type AnyModel, expectModel, gaussianModel } from "collapse-harness/engine";
import { curatedGaussianMeanShift } from "collapse-harness/theory";
import fc from "fast-check";

interface Setting {
  readonly mean: number;
  readonly sd: number;
  readonly beta: number;
  readonly samples: number;
  readonly t: number;
}

const fittedMean = (m: AnyModel) => expectModel(m, "gaussian").mean;

export const claim = defineClaim({
  id: "curation-gaussian-mean",
  title: "Curated Gaussian refits (r = βx, K = 2): exact one-step mean shift, and the mean rises",
  citation: {
    source:
      "Ferbach, Bertrand, Bose, Gidel, NeurIPS 2024 (self-consuming models with curated data)",
    where: "arXiv:2407.09499 §2 (reward increases); docs/theory.md#curation-gaussian",
  },
  statement:
    "Refitting a Gaussian by MLE to M samples each kept from a pair with probability ∝ e^{βx}, E[μ_1] = μ_0 + σ_0·E[(D/2)tanh(βσ_0 D/2)] (D ~ N(0, 2)), and E[μ_{t+1}] > E[μ_t] at every generation.",
  kind: "ordering",
  assumptions: [
    "gaussian-mle family, replace regime, curate:k=2 transform, chains start from the truth",
    "truth N(μ_0, σ_0²), μ_0 ∈ [−2, 2], σ_0 ∈ [0.5, 2]; β ∈ [0.2, 2]",
    "M ∈ [50, 400]; t ∈ [1, 5]",
  ],
  budget: { maxReplicates: 6400 },
  scenario: fc.record({
    mean: uniformReal({ min: -2, max: 2, simplest: 0 }),
    sd: uniformReal({ min: 0.5, max: 2, simplest: 1 }),
    beta: uniformReal({ min: 0.2, max: 2, simplest: 1 }),
    samples: logUniformInteger({ min: 50, max: 400 }),
    t: uniformInteger({ min: 1, max: 5 }),
  }),
  simulate: (s: Setting, range) => {
    const r = runReplicates(
      {
        truth: `gaussian:mean=${s.mean},sd=${s.sd}`,
        family: "gaussian-mle",
        regime: "replace",
        transforms: [`curate:k=2,beta=${s.beta}`],
        samples: s.samples,
        generations: s.t + 1,
        metrics: [],
      },
      range,
      { observe: { mu: fittedMean }, initialModel: gaussianModel(s.mean, s.sd * s.sd) },
    );
    return {
      mu1: generationValues(r, "mu", 1),
      muNow: generationValues(r, "mu", s.t),
      muNext: generationValues(r, "mu", s.t + 1),
    };
  },
  checks: (s: Setting) => [
    meanEquals("mu1", s.mean + s.sd * curatedGaussianMeanShift(s.beta * s.sd), {
      precision: 0.02 * s.sd,
    }),
    greaterThan("muNext", "muNow"),
  ],
});

verifyClaim(claim);
