// Claim (exact, in expectation): E[H_t] = (1 − 1/M)^t·H_0, categorical MLE, replace, uniform truth.
// Citation: Wright–Fisher identity; Seddik et al. 2024; docs/theory.md#heterozygosity.
// Rule: t-test of the mean heterozygosity at generation T; supported at precision 0.05.
// Budget: α = 1e-6 per run (default), Bonferroni over scenarios × checks × looks.

import {
  defineClaim,
  generationValues,
  logUniformInteger,
  meanEquals,
  runReplicates,
  uniformInteger,
  verifyClaim,
} from "collapse-harness";
import fc from "fast-check";

export const claim = defineClaim({
  id: "heterozygosity-decay",
  title: "E[H_t] = (1 − 1/M)^t H_0 under categorical-MLE replace",
  citation: { source: "Wright–Fisher; Seddik et al. 2024", where: "docs/theory.md#heterozygosity" },
  statement: "Resampling M symbols per generation multiplies expected heterozygosity by 1 − 1/M.",
  kind: "in-expectation",
  scenario: fc.record({
    k: uniformInteger({ min: 2, max: 20 }),
    M: logUniformInteger({ min: 10, max: 200 }), // a size: log-uniform
    T: uniformInteger({ min: 1, max: 50 }),
  }),
  simulate: (s, range) => {
    const truth = `categorical:p=${Array(s.k)
      .fill(1 / s.k)
      .join("/")}`;
    const spec = { truth, family: "categorical-mle", regime: "replace", samples: s.M };
    const r = runReplicates({ ...spec, generations: s.T, metrics: ["heterozygosity"] }, range);
    return { H: generationValues(r, "heterozygosity", s.T) };
  },
  checks: (s) => [meanEquals("H", (1 - 1 / s.M) ** s.T * (1 - 1 / s.k), { precision: 0.05 })],
});

verifyClaim(claim);
