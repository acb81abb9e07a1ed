/**
 * Claim: under categorical-MLE replace the Shannon entropy is a supermartingale, so the expected
 * entropy never increases: E[H(p_{t+1})] ≤ E[H(p_t)], strictly while the chain is not absorbed.
 *
 * Citation: Shumailov et al., Nature 631 (2024), §"Discrete distributions with exact
 *   approximation"; docs/theory.md#entropy-supermartingale ("Entropy is a supermartingale:
 *   E[H(p_{t+1}) | p_t] ≤ H(p_t), Jensen, since E[p_{t+1} | p_t] = p_t").
 * Setting: truth p_0 over k symbols (bounded Zipf or a Dirichlet draw); generation 1 is the MLE of
 *   M real samples, generation t+1 the MLE of M samples of generation t (replace). H is concave and
 *   E[p_{t+1} | p_t] = p_t, so E[H(p_{t+1}) | p_t] ≤ H(p_t) (Jensen), with equality only at a delta;
 *   taking expectations, E[H_{t+1}] < E[H_t] as long as some chain still segregates.
 * Statement (ordering of expectations, and the conditional inequality itself):
 *   (a) E[H(p_t) − H(p_{t+1})] > 0 at a random generation t ∈ [0, min(30, M/2)] (generation 0 is
 *       the truth, so t = 0 compares the truth with the first fit);
 *   (b) sure: the exact conditional expectation E[H(p_{t+1}) | p_t] = Σ_i Σ_c Bin(c; M, p_{t,i})
 *       (−(c/M) ln(c/M)) (each count is marginally binomial) is ≤ H(p_t) at every state p_t visited
 *       by the first 400 chains, generations 0…t (tolerance 1e-12; computing it costs O(kM) per
 *       state, so it is not done on every chain of the later looks).
 * Estimator and rule for (a): per chain, H(p_t) and H(p_{t+1}) of the same chain (the engine's
 *   `entropy` metric); greaterThan with the paired t-test, supported when the one-sided lower
 *   confidence bound of E[H_t − H_{t+1}] is above 0. The mean drop is ≈ (|supp| − 1)/(2M) and the
 *   per-chain sd ≈ √(Var_p(ln p)/M), so the paired t needs ≈ (6.9·sd/mean)² chains: ≤ 4000 in the
 *   worst corner here (k = 3, M = 100, a skewed p), hence k ≥ 3, Dirichlet α ≥ 0.5,
 *   t ≤ M/2 (most chains still segregating) and maxReplicates = 6400.
 * Budget: α = 1e-6 per run, Bonferroni over scenarios × checks × looks (the sure check spends none).
 */

import {
  defineClaim,
  generationValues,
  greaterThan,
  runChains,
  sure,
  truthFromSpec,
  type Violation,
  verifyClaim,
} from "collapse-harness";
import { configFromSpec, expectModel } from "collapse-harness/engine";
import { lgamma } from "collapse-harness/theory";
import fc from "fast-check";

/** Chains whose visited states get the exact conditional-expectation check. */
const EXACT_CHAINS = 400;

const truthSpec = fc.oneof(
  fc
    .record({ k: fc.integer({ min: 3, max: 30 }), s: fc.double({ min: 0, max: 2, noNaN: true }) })
    .map(({ k, s }) => `zipf:k=${k},s=${s}`),
  fc
    .record({
      k: fc.integer({ min: 3, max: 30 }),
      alpha: fc.double({ min: 0.5, max: 5, noNaN: true }),
      seed: fc.nat({ max: 1_000_000 }),
    })
    .map(({ k, alpha, seed }) => `dirichlet:k=${k},alpha=${alpha},seed=${seed}`),
);

function entropy(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) h -= p[i] * Math.log(p[i]);
  return h;
}

/** E[H(c/M)] for c ~ Multinomial(M, p): Σ_i Σ_{c=1}^{M} Bin(c; M, p_i)·(−(c/M) ln(c/M)). */
function expectedNextEntropy(p: ArrayLike<number>, M: number, logFact: Float64Array): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    const q = p[i];
    if (q <= 0 || q >= 1) continue; // a delta contributes 0 either way
    const lq = Math.log(q);
    const l1q = Math.log1p(-q);
    for (let c = 1; c < M; c++) {
      const logPmf = logFact[M] - logFact[c] - logFact[M - c] + c * lq + (M - c) * l1q;
      h -= Math.exp(logPmf) * (c / M) * Math.log(c / M);
    }
  }
  return h;
}

export const claim = defineClaim({
  id: "categorical-entropy-supermartingale",
  title: "Categorical MLE: entropy is a supermartingale, E[H_{t+1}] < E[H_t]",
  citation: {
    source: "Shumailov et al., Nature 631 (2024)",
    where:
      "§Discrete distributions with exact approximation; docs/theory.md#entropy-supermartingale",
  },
  statement:
    "Refitting empirical frequencies to M of the previous fit's samples, E[H(p_{t+1}) | p_t] ≤ H(p_t) at every state, so the expected entropy strictly decreases from generation t to t+1 while chains segregate.",
  kind: "ordering",
  assumptions: [
    "categorical-mle family, replace regime",
    "truth: bounded Zipf (3 ≤ k ≤ 30, s ∈ [0, 2]) or a Dirichlet(α ∈ [0.5, 5]) draw",
    "M ∈ [10, 100], t ∈ [0, min(30, M/2)]",
  ],
  budget: { maxReplicates: 6400 },
  scenario: fc.record({ truth: truthSpec, samples: fc.integer({ min: 10, max: 100 }) }).chain((s) =>
    fc.record({
      truth: fc.constant(s.truth),
      samples: fc.constant(s.samples),
      t: fc.integer({ min: 0, max: Math.min(30, Math.floor(s.samples / 2)) }),
    }),
  ),
  simulate: (s, range) => {
    const p0 = expectModel(truthFromSpec(s.truth).model, "categorical");
    const M = s.samples;
    const logFact = new Float64Array(M + 1);
    for (let c = 0; c <= M; c++) logFact[c] = lgamma(c + 1);
    const violations: Violation[] = [];
    const check = (chain: number, t: number, p: ArrayLike<number>) => {
      const h = entropy(p);
      const next = expectedNextEntropy(p, M, logFact);
      if (next > h + 1e-12 && violations.length < 10) {
        violations.push({
          replicate: chain,
          detail: `generation ${t}: E[H(p_${t + 1}) | p_${t}] = ${next} > H(p_${t}) = ${h}`,
        });
      }
    };
    const r = runChains({
      ...configFromSpec({
        truth: s.truth,
        family: "categorical-mle",
        regime: "replace",
        samples: M,
        generations: s.t + 1,
        metrics: ["entropy"],
        seed: range.seed,
        firstChain: range.first,
        chains: range.count,
      }),
      onFit: (chain, t, model) => {
        if (chain < EXACT_CHAINS && t <= s.t) {
          check(chain, t, expectModel(model, "categorical").p);
        }
      },
    });
    // Generation 0 (the truth) is the same state for every chain: checked once.
    if (range.first < EXACT_CHAINS) check(range.first, 0, p0.p);
    return {
      Ht: generationValues(r, "entropy", s.t),
      Hnext: generationValues(r, "entropy", s.t + 1),
      jensen: violations,
    };
  },
  checks: () => [
    greaterThan("Ht", "Hnext", { method: "paired-t" }),
    sure("jensen", "E[H(p_{t+1}) | p_t] ≤ H(p_t)"),
  ],
});

verifyClaim(claim);
