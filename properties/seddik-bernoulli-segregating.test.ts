/**
 * Claim (bound): a Bernoulli refitted by frequencies to n samples is still segregating after k
 * fits with probability in [4p_0(1−p_0)(1−1/n)^k, 2n p_0(1−p_0)(1−1/n)^k] (`seddikSegregatingBounds`).
 *
 * Derivation (docs/theory.md#seddik-segregating): Markov-type bounds on H_k = 2P_k(1 − P_k), whose
 *   mean is (1−1/n)^k·2p_0(1−p_0); equality at n = 2, hence n ≥ 3.
 * Estimator: the indicator 0 < P_k < 1, each chain stopped once P_j ∈ {0, 1} (absorbing).
 * Rules: probabilityAtLeast(lower), probabilityAtMost(min(1, upper)), exact one-sided binomial:
 *   refuted when the test rejects the bound itself; supported within a margin of 0.01 (small p_0 at
 *   large k puts P near a bound).
 * Budget: α' = 1e-6/(16 × 2 × 9 looks) ≈ 3.5e-9 (z ≈ 5.8): support needs 5.8·sd ≤ 0.01 + gap, and
 *   the exact gaps make ≤ 12800 chains enough in every setting tried; maxReplicates 51200 leaves room.
 */

import {
  defineClaim,
  logUniformInteger,
  probabilityAtLeast,
  probabilityAtMost,
  runReplicatesUntil,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { categoricalAbsorbed } from "collapse-harness/engine";
import { seddikSegregatingBounds } from "collapse-harness/theory";
import fc from "fast-check";

export const claim = defineClaim({
  id: "seddik-bernoulli-segregating",
  title: "Seddik et al.: 4p(1−p)(1−1/n)^k ≤ P(P_k ∉ {0,1}) ≤ 2np(1−p)(1−1/n)^k",
  citation: {
    source: "Seddik, Chen, Hayou, Youssef, Debbah (2024), How bad is training on synthetic data?",
    where: "fully synthetic Bernoulli model; docs/theory.md#seddik-segregating",
  },
  statement:
    "Refitting a Bernoulli by its empirical frequency to n samples of the previous fit, the probability that neither symbol is lost after k fits is between 4p_0(1−p_0)(1−1/n)^k and 2n p_0(1−p_0)(1−1/n)^k.",
  kind: "bound",
  assumptions: [
    "categorical-mle family on two symbols (Bernoulli), replace regime, k = number of fits",
    "n ∈ [3, 50], p_0 ∈ [0.05, 0.95], k ∈ [1, 2n]",
    "margin 0.01 on support",
  ],
  budget: { scenarios: 16, maxReplicates: 51200 },
  // n spans more than a decade: log-uniform, so small (cheap) sizes are drawn as often as large.
  scenario: logUniformInteger({ min: 3, max: 50 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      p0: uniformReal({ min: 0.05, max: 0.95, simplest: 0.5 }),
      k: uniformInteger({ min: 1, max: 2 * n }),
    }),
  ),
  simulate: (s, range) => {
    const r = runReplicatesUntil(
      {
        truth: `categorical:p=${1 - s.p0}/${s.p0}`,
        family: "categorical-mle",
        regime: "replace",
        samples: s.n,
      },
      range,
      { stop: categoricalAbsorbed, maxGenerations: s.k },
    );
    // Not stopped = ran all k fits without absorption: still segregating at k.
    return { segregating: Float64Array.from(r.stopped, (stopped) => 1 - stopped) };
  },
  checks: (s) => {
    const { lower, upper } = seddikSegregatingBounds(s.n, s.p0, s.k);
    return [
      probabilityAtLeast("segregating", lower, { margin: 0.01 }),
      probabilityAtMost("segregating", Math.min(1, upper), { margin: 0.01 }),
    ];
  },
});

verifyClaim(claim);
