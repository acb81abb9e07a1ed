/**
 * Claim: retraining on a mix of fresh real and synthetic data contracts toward the truth at rate
 * λ/(1 + λ) per generation (λ = synthetic:real ratio): from a collapsed model, E σ²_t follows an
 * exact finite-M recursion whose large-M limit is Bertrand et al.'s map
 * σ²_{t+1} − σ² = (λ/(1+λ))(σ²_t − σ²) (exact, in expectation).
 *
 * Derivation (docs/theory.md#fresh-data-contraction): with r = round(M/(1 + λ)) real points,
 *   a_t = E σ²_t and b_t = E(μ_t − μ)² follow a linear recursion (freshDataGaussianVariance) from
 *   a_0 = κσ², b_0 = Δ²σ²; the chains start there (initialModel N(μ + Δσ, κσ²)).
 * Observation: per replicate, the mean of σ²_t at t = 1, 2 over B = 50 chains (runReplicates,
 *   batch B; a batch mean of 50 pooled sample variances has skewness ≤ 0.1).
 * Decision rule: meanEquals at t = 1, 2, one-sample t-test; precision 20% of the contraction term
 *   ρ^t|a_0 − a_∞| (ρ = λ/(1+λ), a_∞ the fixed point): a rate off by 20% (t = 1) or 10% (t = 2)
 *   would move E σ²_t by about that much, so a supported verdict pins the rate (not |a_t − a_∞|:
 *   the coupling to b_t can carry a_t across the fixed point). One chain's sd is ≤ 0.33σ² and
 *   ρ²|a_0 − a_∞| ≥ 0.07σ², so ≤ (6.9·0.33/0.014)²/50 ≈ 530 replicates: first to third look.
 * Budget: α = 1e-6 per run, Bonferroni over 8 scenarios × 2 checks × 5 looks.
 */

import {
  batchMeans,
  defineClaim,
  generationValues,
  logUniformReal,
  meanEquals,
  runReplicates,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { freshRealCount, gaussianModel } from "collapse-harness/engine";
import { freshDataGaussianVariance } from "collapse-harness/theory";
import fc from "fast-check";

/** Chains averaged into one replicate. */
const B = 50;
/** Generations checked. */
const CHECKED = [1, 2];

export const claim = defineClaim({
  id: "gaussian-fresh-lambda-contraction",
  title: "Fresh data at synthetic:real ratio λ: E σ²_t recovers from collapse at rate ≈ λ/(1+λ)",
  citation: {
    source: "Bertrand et al., ICLR 2024",
    where:
      "stability of iterative retraining, contraction λ/(1+λ); docs/theory.md#fresh-data-contraction",
  },
  statement:
    "Retraining a Gaussian (MLE) on r = M/(1+λ) fresh real plus M − r synthetic samples per generation, a collapsed model's expected variance follows a_{t+1} = (1 − 1/M)(rσ² + s a_t)/M + (rs/M²)b_t, i.e. contracts to the truth at rate λ/(1+λ) in the large-M limit.",
  kind: "in-expectation",
  assumptions: [
    "truth N(μ, σ²); generation 0 is N(μ + Δσ, κσ²), κ ∈ [0.02, 0.3], |Δ| ≤ 1",
    "gaussian-mle, fresh:lambda=λ, λ ∈ [0.5, 3], M ∈ [20, 80]",
  ],
  scenario: fc.record({
    samples: uniformInteger({ min: 20, max: 80 }),
    // λ = 1: as much synthetic as real data.
    lambda: uniformReal({ min: 0.5, max: 3, simplest: 1 }),
    // A variance ratio spanning a decade: log-uniform; shrinks to the most collapsed start.
    kappa: logUniformReal({ min: 0.02, max: 0.3 }),
    // Δ = 0: the collapsed start is centred on the true mean.
    delta: uniformReal({ min: -1, max: 1, simplest: 0 }),
    mean: uniformReal({ min: -5, max: 5, simplest: 0 }),
    // σ spans a decade: log-uniform, shrinking to the standard normal.
    sd: logUniformReal({ min: 0.3, max: 3, simplest: 1 }),
  }),
  simulate: (s, range) => {
    const r = runReplicates(
      {
        truth: `gaussian:mean=${s.mean},sd=${s.sd}`,
        family: "gaussian-mle",
        regime: `fresh:lambda=${s.lambda}`,
        samples: s.samples,
        generations: CHECKED[CHECKED.length - 1],
        metrics: ["variance"],
        recordAt: CHECKED,
      },
      range,
      {
        batch: B,
        initialModel: gaussianModel(s.mean + s.delta * s.sd, s.kappa * s.sd * s.sd),
      },
    );
    return Object.fromEntries(
      CHECKED.map((t) => [`variance${t}`, batchMeans(generationValues(r, "variance", t), B)]),
    );
  },
  checks: (s) => {
    const v = s.sd * s.sd;
    const real = freshRealCount({ kind: "fresh", lambda: s.lambda }, s.samples);
    const { variance: a, fixedPoint } = freshDataGaussianVariance(s.samples, real, 2, {
      variance: s.kappa,
      meanError: s.delta * s.delta,
    });
    const rho = s.lambda / (1 + s.lambda);
    return CHECKED.map((t) =>
      meanEquals(`variance${t}`, a[t] * v, {
        precision: 0.2 * rho ** t * Math.abs(a[0] - fixedPoint) * v,
      }),
    );
  },
});

verifyClaim(claim);
