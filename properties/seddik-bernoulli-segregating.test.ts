/**
 * Claim: Seddik et al.'s bounds for recursive Bernoulli fits — the probability that the chain is
 * still segregating after k fits (neither symbol lost) satisfies
 *   4p_0(1−p_0)(1−1/n)^k ≤ P(P_k ∉ {0, 1}) ≤ 2n p_0(1−p_0)(1−1/n)^k.
 *
 * Citation: Seddik, Chen, Hayou, Youssef, Debbah, "How bad is training on synthetic data? A
 *   statistical analysis of language model collapse" (2024), fully synthetic setting;
 *   docs/theory.md#seddik-segregating.
 * Setting: P_0 = p_0; P_j = Binomial(n, P_{j−1})/n — a two-symbol categorical refitted by empirical
 *   frequencies to n samples of the previous fit (replace); generation 1 is fitted to n real
 *   samples, so k counts fits. Why it holds: H_k = 2P_k(1 − P_k) has E[H_k] = (1−1/n)^k·2p_0(1−p_0)
 *   exactly (Wright–Fisher); H_k ≤ ½ everywhere and H_k ≥ 2(1/n)(1−1/n) ≥ 1/n on the segregating
 *   states (n ≥ 2), so E[H_k]/(½) ≤ P(P_k ∉ {0,1}) ≤ E[H_k]·n. Checked against the exact Markov
 *   chain (numpy, n ∈ [3, 50]): both hold, equality only at n = 2, hence n ≥ 3 here.
 * Scenarios: n ∈ [3, 50], p_0 ∈ [0.05, 0.95], k ∈ [1, 2n] (the lower bound is informative while
 *   (1−1/n)^k is not negligible; the upper one is clipped at 1 where it exceeds it).
 * Estimator: the indicator 0 < P_k < 1 per replicate chain (stopped once P_j ∈ {0, 1}).
 * Decision rules: probabilityAtLeast(lower) and probabilityAtMost(min(1, upper)), exact one-sided
 *   binomial (Clopper–Pearson): refuted when the exact test rejects the bound itself at α';
 *   supported once the one-sided interval is within a margin of 0.01 of the bound (settings with
 *   P near a bound, e.g. small p_0 at large k, need it). With α' = 1e-6/(16 × 2 × 9 looks)
 *   ≈ 3.5e-9 (z ≈ 5.8), supporting needs 5.8·sd(P̂) ≤ 0.01 + (gap to the bound); the exact gaps
 *   (numpy) make ≤ 12800 chains enough in every setting tried and maxReplicates = 51200 leaves
 *   room (a chain is ≤ 100 binomial draws).
 * Budget: α = 1e-6 per run, Bonferroni over 16 scenarios × checks × looks.
 */

import {
  defineClaim,
  derive,
  familyFromSpec,
  probabilityAtLeast,
  probabilityAtMost,
  truthFromSpec,
  verifyClaim,
} from "collapse-harness";
import { expectModel, synthesize } from "collapse-harness/engine";
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
  scenario: fc.integer({ min: 3, max: 50 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      p0: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
      k: fc.integer({ min: 1, max: 2 * n }),
    }),
  ),
  simulate: (s, range) => {
    const truth = truthFromSpec(`categorical:p=${1 - s.p0}/${s.p0}`);
    const family = familyFromSpec("categorical-mle");
    const segregating = new Float64Array(range.count);
    for (let r = 0; r < range.count; r++) {
      const stream = derive(range.seed, range.first + r);
      let data = truth.sampleReal(stream, s.n);
      for (let k = 1; k <= s.k; k++) {
        const model = expectModel(family.fit(data, stream), "categorical");
        const p = model.p[1];
        if (p === 0 || p === 1) break; // absorbed: not segregating at k
        if (k === s.k) segregating[r] = 1;
        else data = synthesize(model, [], stream, s.n);
      }
    }
    return { segregating };
  },
  checks: (s) => {
    const h = s.p0 * (1 - s.p0) * (1 - 1 / s.n) ** s.k;
    return [
      probabilityAtLeast("segregating", 4 * h, { margin: 0.01 }),
      probabilityAtMost("segregating", Math.min(1, 2 * s.n * h), { margin: 0.01 }),
    ];
  },
});

verifyClaim(claim);
