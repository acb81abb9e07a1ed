// Claim (exact, in expectation): E[H_t] = (1 − 1/M)^t·H_0, categorical MLE, replace, uniform truth.
// Citation: Wright–Fisher identity; Seddik et al. 2024; docs/theory.md#heterozygosity.
// Rule: meanEquals on the variance-bound interval (valid for any law), precision 0.05. H_T lies
//   in [0, b], b = 1 − 1/k, so Var ≤ μ(b − μ) (Bhatia & Davis 2000), taken at the worst mean of
//   the precision band. (A t-test refuted this true claim on a mostly fixed chain: seed 400100.)
// Budget: α = 1e-6 per run (default), Bonferroni over scenarios × checks × looks.

import * as c from "collapse-harness";
import fc from "fast-check";

export const claim = c.defineClaim({
  id: "heterozygosity-decay",
  title: "E[H_t] = (1 − 1/M)^t H_0 under categorical-MLE replace",
  citation: { source: "Wright–Fisher; Seddik et al. 2024", where: "docs/theory.md#heterozygosity" },
  statement: "Resampling M symbols per generation multiplies expected heterozygosity by 1 − 1/M.",
  kind: "in-expectation",
  budget: { maxReplicates: 12800 }, // a bound near b²/4 needs ≈ 6400 replicates
  scenario: fc.record({
    k: c.uniformInteger({ min: 2, max: 20 }),
    M: c.logUniformInteger({ min: 10, max: 200 }), // a size: log-uniform
    T: c.uniformInteger({ min: 1, max: 50 }),
  }),
  simulate: (s, range) => {
    const truth = `categorical:p=${Array(s.k)
      .fill(1 / s.k)
      .join("/")}`;
    const spec = { truth, family: "categorical-mle", regime: "replace", samples: s.M };
    const r = c.runReplicates({ ...spec, generations: s.T, metrics: ["heterozygosity"] }, range);
    return { H: c.generationValues(r, "heterozygosity", s.T) };
  },
  checks: (s) => {
    const [b, precision] = [1 - 1 / s.k, 0.05];
    const expected = (1 - 1 / s.M) ** s.T * b;
    const mu = Math.min(Math.max(b / 2, expected - precision), expected + precision);
    return [c.meanEquals("H", expected, { precision, variance: mu * (b - mu) })];
  },
});

c.verifyClaim(claim);
