/**
 * Claims used by the verdict engine's own tests: true claims (must not be refuted) and planted
 * false claims that a careless reading of the literature produces (must be refuted, with a
 * shrunk counterexample). The catalog proper lives in properties/.
 */
import fc from "fast-check";
import { generationValues } from "../../src/chain/summarize.ts";
import { defineClaim } from "../../src/claims/defineClaim.ts";
import { runReplicates } from "../../src/claims/replicates.ts";
import { heterozygosity } from "../../src/model/categorical.ts";
import { expectModel } from "../../src/model/models.ts";
import { digamma, trigamma } from "../../src/numeric/index.ts";
import { zipfTruth } from "../../src/truths/categorical.ts";
import { tailMassOf, truthTailSet } from "../../src/truths/truth.ts";
import { meanAtMost, meanEquals } from "../../src/verdict/index.ts";

const zipf = fc.record({
  k: fc.integer({ min: 5, max: 30 }),
  s: fc.double({ min: 0.5, max: 1.5, noNaN: true }),
  samples: fc.integer({ min: 20, max: 200 }),
  generations: fc.integer({ min: 5, max: 60 }),
});

/** TRUE (Wright–Fisher): E[H_t] = (1 − 1/M)^t H_0 under categorical-MLE replace. */
export const heterozygosityIdentity = defineClaim({
  id: "control-heterozygosity-identity",
  title: "E[H_t] = (1 − 1/M)^t H_0",
  citation: { source: "Seddik et al. 2024; Wright–Fisher", where: "docs/theory.md#heterozygosity" },
  statement:
    "Under categorical-MLE replace, expected heterozygosity decays exactly by (1 − 1/M) per generation.",
  kind: "in-expectation",
  scenario: zipf,
  simulate: (s, range) => {
    const r = runReplicates(
      {
        truth: `zipf:k=${s.k},s=${s.s}`,
        family: "categorical-mle",
        regime: "replace",
        samples: s.samples,
        generations: s.generations,
        metrics: ["heterozygosity"],
      },
      range,
    );
    return { h: generationValues(r, "heterozygosity", s.generations) };
  },
  checks: (s) => {
    const h0 = heterozygosity(expectModel(zipfTruth(s.k, s.s).model, "categorical").p);
    return [meanEquals("h", (1 - 1 / s.samples) ** s.generations * h0, { precision: 0.1 * h0 })];
  },
  budget: { scenarios: 4, replicates: 100, maxReplicates: 1600 },
});

/**
 * FALSE (docs/theory.md#pitfall-mean-vs-typical): "the expected tail mass halves by generation
 * T". Under categorical-MLE replace E[p_{i,t}] = p_{i,0} (a martingale), so E[tail mass_T] =
 * tail mass_0; what vanishes is the tail mass of almost every chain, not its mean.
 */
export const plantedTailMeanHalves = defineClaim({
  id: "planted-tail-mean-halves",
  title: "E[tail mass_T] ≤ ½ tail mass_0 (false: a martingale)",
  citation: {
    source: "a careless reading of Shumailov et al. 2024",
    where: "docs/theory.md#pitfall-mean-vs-typical",
  },
  statement: "Expected tail mass at least halves under categorical-MLE replace.",
  kind: "bound",
  scenario: zipf,
  simulate: (s, range) => {
    const r = runReplicates(
      {
        truth: `zipf:k=${s.k},s=${s.s}`,
        family: "categorical-mle",
        regime: "replace",
        samples: s.samples,
        generations: s.generations,
        metrics: ["tail-mass"],
        tailQ: 0.3,
      },
      range,
    );
    return { tail: generationValues(r, "tail-mass", s.generations) };
  },
  checks: (s) => {
    const truth = zipfTruth(s.k, s.s);
    return [meanAtMost("tail", 0.5 * tailMassOf(truth.model, truthTailSet(truth, 0.3)))];
  },
  budget: { scenarios: 4 },
});

/**
 * FALSE (docs/theory.md#pitfall-mle-vs-unbiased): "unbiased-Gaussian E[σ²_t] decays like
 * ((M−1)/M)^t" — that is the MLE's law; with the unbiased estimator E[σ²_t] = σ² for every t.
 * Scenarios keep t ≤ M so the heavy tails of σ²_t (docs/theory.md#pitfall-heavy-tails) stay
 * mild.
 */
export const plantedUnbiasedDecay = defineClaim({
  id: "planted-unbiased-variance-decay",
  title: "unbiased-Gaussian E[σ²_t] = ((M−1)/M)^t (false: constant)",
  citation: {
    source: "confusing the MLE and unbiased estimators",
    where: "docs/theory.md#pitfall-mle-vs-unbiased",
  },
  statement: "With the unbiased variance estimator, expected variance decays geometrically.",
  kind: "in-expectation",
  scenario: fc.integer({ min: 5, max: 40 }).chain((samples) =>
    fc.record({
      samples: fc.constant(samples),
      generations: fc.integer({ min: Math.ceil(samples / 2), max: samples }),
    }),
  ),
  simulate: (s, range) => {
    const r = runReplicates(
      {
        truth: "gaussian",
        family: "gaussian-unbiased",
        regime: "replace",
        samples: s.samples,
        generations: s.generations,
        metrics: ["variance"],
      },
      range,
    );
    return { variance: generationValues(r, "variance", s.generations) };
  },
  checks: (s) => [meanEquals("variance", ((s.samples - 1) / s.samples) ** s.generations)],
  budget: { scenarios: 4 },
});

/**
 * TRUE, for measuring the false-alarm rate of one decision: E[ln σ²_1] after one unbiased refit
 * of M = 20 samples; one scenario, one look, a wide precision so that every non-refuted run is
 * supported. `rule: "t"` tests with the sample variance (one-sample t-test: its size is ≈ α, up
 * to the normal approximation of a mean of 400 log-χ² values); `rule: "variance-bound"` with the
 * exact variance ψ′(19/2) (the variance-bound interval: size ≤ α for any law).
 */
function calibrationLogVarianceClaim(rule: "t" | "variance-bound") {
  return defineClaim({
    id: `control-calibration-log-variance-${rule}`,
    title: "E[ln σ²_1] = ψ(19/2) − ln(19/2) at M = 20",
    citation: {
      source: "Shumailov et al., Nature 631 (2024)",
      where: "docs/theory.md#gaussian-log-variance",
    },
    statement: "One unbiased refit of 20 samples shifts E[ln σ²] by ψ(19/2) − ln(19/2).",
    kind: "in-expectation",
    scenario: fc.constant({ samples: 20 }),
    simulate: (s, range) => {
      const r = runReplicates(
        {
          truth: "gaussian",
          family: "gaussian-unbiased",
          regime: "replace",
          samples: s.samples,
          generations: 1,
          metrics: ["log-variance"],
        },
        range,
      );
      return { logVariance: generationValues(r, "log-variance", 1) };
    },
    checks: (s) => {
      const h = (s.samples - 1) / 2;
      const expected = digamma(h) - Math.log(h);
      return [
        rule === "t"
          ? meanEquals("logVariance", expected, { precision: 10 })
          : meanEquals("logVariance", expected, { variance: trigamma(h), precision: 10 }),
      ];
    },
    budget: { scenarios: 1, replicates: 400, maxReplicates: 400 },
  });
}

export const calibrationLogVarianceT = calibrationLogVarianceClaim("t");
export const calibrationLogVarianceBound = calibrationLogVarianceClaim("variance-bound");

/**
 * FALSE (Gerstgrasser et al. 2024): "under accumulate the regression test error grows linearly
 * in t, like replace's". Accumulate's error is (σ²d/(M−d−1))·Σ_{i≤t} 1/i², bounded by π²/6 of the
 * first generation's; only replace grows like t.
 */
export const plantedAccumulateLinear = defineClaim({
  id: "planted-accumulate-linear",
  title: "accumulate test error = t·σ²d/(M−d−1) (false: Σ 1/i²)",
  citation: {
    source: "misreading Gerstgrasser et al. 2024",
    where: "docs/theory.md#regression-accumulate",
  },
  statement: "Accumulating data makes the OLS test error grow linearly in t.",
  kind: "in-expectation",
  scenario: fc.integer({ min: 2, max: 8 }).chain((d) =>
    fc.record({
      d: fc.constant(d),
      samples: fc.integer({ min: 3 * d + 4, max: 60 }),
      generations: fc.integer({ min: 3, max: 8 }),
    }),
  ),
  simulate: (s, range) => {
    const r = runReplicates(
      {
        truth: `regression:d=${s.d},sigma=1`,
        family: "ols",
        regime: "accumulate",
        samples: s.samples,
        generations: s.generations,
        metrics: ["test-error"],
      },
      range,
    );
    return { error: generationValues(r, "test-error", s.generations) };
  },
  checks: (s) => [meanEquals("error", (s.generations * s.d) / (s.samples - s.d - 1))],
  budget: { scenarios: 4 },
});
