/**
 * Claim: refitting an exponential by maximum likelihood to its own samples, the fitted mean θ_t
 * is a martingale while ln θ_t drifts down by ψ(n) − ln n < 0 per generation (exact, in
 * expectation). Model and family are a plug-in (plugins/exponential.ts), named like built-ins.
 *
 * Derivation (docs/theory.md#exponential-mle-chain): θ_{t+1} = θ_t·G_t, G_t ~ Gamma(n, 1/n)
 *   i.i.d., E[G] = 1 (martingale), E[ln G] = ψ(n) − ln n (exponentialLogMeanDrift),
 *   Var[ln G] = ψ′(n), Var[θ_t/θ_0] = (1 + 1/n)^t − 1; the drift is negative (Jensen), so θ_t → 0
 *   almost surely while its mean stays θ_0.
 * Decision rule: meanEquals with the exact variances as bounds (the variance-bound interval,
 *   valid for any law: ln θ_t is left-skewed, θ_t/θ_0 right-skewed). The drift test must detect
 *   half the drift with power 0.9 (≈ 890·n/t replicates — 690·n/t for a z-test, ×1.29 for the
 *   interval's width at 1e-8: t ≥ n/12 keeps that ≤ 10 700 of the 12 800 cap); the martingale test
 *   a 5% bias (≈ 22 000·((1 + 1/n)^t − 1) replicates: t ≤ 0.22·n keeps that ≤ 5 600); beyond that
 *   θ_t/θ_0 is too heavy-tailed for a mean test (docs/theory.md#pitfall-mean-vs-typical).
 * Budget: α = 1e-6 per run, Bonferroni over scenarios × checks × looks.
 */
import {
  defineClaim,
  generationValues,
  logUniformInteger,
  logUniformReal,
  meanEquals,
  runReplicates,
  uniformInteger,
  verifyClaim,
} from "collapse-harness";
import {
  exponentialLogMeanDrift,
  exponentialLogMeanDriftVariance,
  exponentialMeanRatioVariance,
} from "collapse-harness/theory";
import fc from "fast-check";

export const claim = defineClaim({
  id: "exponential-mle-log-mean-drift",
  title: "Exponential MLE chain: θ_t a martingale, E[ln θ_t] drifts by ψ(n) − ln n",
  citation: { source: "docs/theory.md", where: "#exponential-mle-chain" },
  statement:
    "Refitting an exponential by MLE (θ̂ = x̄) to n of its own samples, E[θ_t] = θ_0 while E[ln θ_t/θ_0] = t(ψ(n) − ln n) < 0, so θ_t → 0 almost surely.",
  kind: "in-expectation",
  assumptions: ["truth Exp(mean θ_0), θ_0 ∈ [0.1, 10]", "exponential-mle family, replace regime"],
  budget: { maxReplicates: 12800 },
  // n spans a decade: log-uniform, so small (cheap) sizes are drawn as often as large ones.
  scenario: logUniformInteger({ min: 20, max: 200 }).chain((samples) =>
    fc.record({
      // A scale (the claim is scale-free): log-uniform, shrinking to the unit mean.
      theta0: logUniformReal({ min: 0.1, max: 10, simplest: 1 }),
      samples: fc.constant(samples),
      generations: uniformInteger({
        min: Math.ceil(samples / 12),
        max: Math.floor(0.22 * samples),
      }),
    }),
  ),
  simulate: (s, range) => {
    const r = runReplicates(
      {
        truth: `exponential:mean=${s.theta0}`,
        family: "exponential-mle",
        regime: "replace",
        samples: s.samples,
        generations: s.generations,
        // An exponential's variance is θ², so ln θ = ½·log-variance exactly.
        metrics: ["log-variance"],
      },
      range,
    );
    const logRatio = generationValues(r, "log-variance", s.generations).map(
      (v) => v / 2 - Math.log(s.theta0),
    );
    return { logRatio, ratio: logRatio.map(Math.exp) };
  },
  checks: (s) => {
    const { samples: n, generations: t } = s;
    const drift = t * exponentialLogMeanDrift(n);
    return [
      meanEquals("logRatio", drift, {
        variance: t * exponentialLogMeanDriftVariance(n),
        precision: 0.5 * Math.abs(drift),
      }),
      meanEquals("ratio", 1, { variance: exponentialMeanRatioVariance(n, t), precision: 0.05 }),
    ];
  },
});

verifyClaim(claim);
