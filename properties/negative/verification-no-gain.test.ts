/**
 * FALSE variant (must be refuted): "a verifier that prefers correct samples (a > b) leaves the
 * expected correct mass unchanged" — the martingale of plain refitting (a = b) carried over to a
 * biased selection.
 *
 * Why it is false (docs/theory.md#verification-map): E[p_{t+1}(C) | p_t] = g(p_t(C)) with
 *   g(m) − m = m(1 − m)(a − b)/(a·m + b·(1 − m)) > 0 for 0 < m < 1; after T ≥ 2 generations with
 *   a − b ≥ 0.3 the expected correct mass is above p_0(C) by far more than the precision.
 * Rule: meanEquals(p_T(C), p_0(C), precision 0.02), t-test; refuted when p < α'.
 * Budget: α = 1e-6 per run; the test fails only if the false claim is NOT refuted.
 */

import {
  defineClaim,
  generationValues,
  logUniformInteger,
  meanEquals,
  runReplicates,
  truthFromSpec,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { type AnyModel, expectModel } from "collapse-harness/engine";
import fc from "fast-check";

const massOnC = (c: number) => (m: AnyModel) =>
  expectModel(m, "categorical").p.reduce((sum, v, i) => (i >= c ? sum + v : sum), 0);

export const claim = defineClaim({
  id: "negative-verification-no-gain",
  title: "Verification with a > b leaves E[p_T(C)] = p_0(C) (false: the correct mass rises)",
  citation: {
    source: "misreading of Feng, Dohmatob, Yang, Charton, Kempe 2024",
    where: "docs/theory.md#verification-map",
  },
  statement:
    "Refitting a categorical to verified synthetic data (a > b) keeps the expected mass on the correct set at its initial value.",
  kind: "in-expectation",
  scenario: fc
    .record({
      k: uniformInteger({ min: 3, max: 12 }),
      s: uniformReal({ min: 0, max: 1.5 }),
      a: uniformReal({ min: 0.6, max: 1 }),
      samples: logUniformInteger({ min: 20, max: 200 }),
      generations: uniformInteger({ min: 2, max: 10 }),
    })
    .chain((b) =>
      fc.record({
        k: fc.constant(b.k),
        s: fc.constant(b.s),
        c: uniformInteger({ min: 1, max: b.k - 1 }),
        a: fc.constant(b.a),
        b: uniformReal({ min: 0.05, max: b.a - 0.3 }),
        samples: fc.constant(b.samples),
        generations: fc.constant(b.generations),
      }),
    ),
  simulate: (s, range) => {
    const truth = `zipf:k=${s.k},s=${s.s}`;
    const r = runReplicates(
      {
        truth,
        family: "categorical-mle",
        regime: "replace",
        transforms: [`verify:a=${s.a},b=${s.b},low=${s.c}`],
        samples: s.samples,
        generations: s.generations,
        metrics: [],
      },
      range,
      { observe: { massC: massOnC(s.c) }, initialModel: truthFromSpec(truth).model },
    );
    return { massT: generationValues(r, "massC", s.generations) };
  },
  checks: (s) => [
    meanEquals("massT", massOnC(s.c)(truthFromSpec(`zipf:k=${s.k},s=${s.s}`).model), {
      precision: 0.02,
    }),
  ],
  budget: { scenarios: 4 },
});

verifyClaim(claim, { expect: "refuted" });
