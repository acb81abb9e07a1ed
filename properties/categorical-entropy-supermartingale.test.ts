/**
 * Claim: under categorical-MLE replace the entropy is a supermartingale — (a) ordering of
 * expectations, E[H(p_t) − H(p_{t+1})] > 0 while chains segregate; (b) sure,
 * E[H(p_{t+1}) | p_t] ≤ H(p_t) at every state visited.
 *
 * Derivation (docs/theory.md#entropy-supermartingale): E[p_{t+1} | p_t] = p_t and H is strictly
 *   concave (Jensen). The exact conditional expectation (`expectedResampledEntropy`) costs O(kM)
 *   per state, so (b) covers generations 0…t of the first 400 chains (tolerance 1e-12).
 * Rules: (a) greaterThan, paired t-test on H(p_t), H(p_{t+1}) of the same chain, supported when the
 *   lower bound of E[H_t − H_{t+1}] is > 0; (b) `sure`.
 * Budget: the mean drop ≈ (|supp| − 1)/(2M) against a per-chain sd ≈ √(Var_p(ln p)/M) needs
 *   ≈ (6.9·sd/mean)² chains: ≤ 4000 in the worst corner (k = 3, M = 100, skewed p), hence k ≥ 3,
 *   α ≥ 0.5, t ≤ M/2 (most chains segregate) and maxReplicates 6400. The estimate needs chains
 *   that still segregate at t, so the truth's largest mass is ≤ 0.9: a Dirichlet draw can be
 *   near-degenerate (root seed 300018 drew p ≈ (8e-5, 4e-4, 0.9975, 0.002): 97.5% of chains fix
 *   in one generation at M = 10, the mean drop at t = 1 is 0.002 nats with a per-chain sd of 0.03,
 *   ≈ 9000 chains — over the cap, inconclusive). α = 1e-6 per run, Bonferroni
 *   over scenarios × checks × looks (the sure check spends none).
 */

import {
  categoricalTruthArbitrary,
  defineClaim,
  generationValues,
  greaterThan,
  logUniformInteger,
  type ReplicateRange,
  runReplicates,
  sure,
  uniformInteger,
  type Violation,
  verifyClaim,
} from "collapse-harness";
import { expectModel, truthFromSpec } from "collapse-harness/engine";
import { categoricalEntropy, expectedResampledEntropy } from "collapse-harness/theory";
import fc from "fast-check";

/** Chains whose visited states get the exact conditional-expectation check. */
const EXACT_CHAINS = 400;

interface Setting {
  readonly truth: string;
  readonly samples: number;
  readonly t: number;
}

/** The truth's largest probability (chains segregate only while the rest has mass). */
const topMass = (truth: string) =>
  Math.max(...expectModel(truthFromSpec(truth).model, "categorical").p);

const truthSpec = categoricalTruthArbitrary({
  symbols: { min: 3, max: 30 },
  zipfExponent: { min: 0, max: 2 },
  dirichletAlpha: { min: 0.5, max: 5 },
}).filter((truth) => topMass(truth) <= 0.9);

const spec = (s: Setting) => ({
  truth: s.truth,
  family: "categorical-mle",
  regime: "replace",
  samples: s.samples,
});

/** States p_0…p_t of the replicates below EXACT_CHAINS where E[H(p_{g+1}) | p_g] > H(p_g). */
function jensenViolations(s: Setting, range: ReplicateRange): Violation[] {
  const count = Math.min(range.count, EXACT_CHAINS - range.first);
  if (count <= 0) return [];
  const gap = (p: ArrayLike<number>) =>
    expectedResampledEntropy(p, s.samples) - categoricalEntropy(p);
  const r = runReplicates(
    { ...spec(s), generations: Math.max(1, s.t), metrics: [] },
    { ...range, count },
    { observe: { gap: (m) => gap(expectModel(m, "categorical").p) } },
  );
  const violations: Violation[] = [];
  for (let g = 0; g <= s.t; g++) {
    generationValues(r, "gap", g).forEach((excess, i) => {
      if (excess > 1e-12 && violations.length < 10) {
        violations.push({
          replicate: range.first + i,
          detail: `generation ${g}: E[H(p_${g + 1}) | p_${g}] − H(p_${g}) = ${excess} > 0`,
        });
      }
    });
  }
  return violations;
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
    "truth: bounded Zipf (3 ≤ k ≤ 30, s ∈ [0, 2]) or a Dirichlet(α ∈ [0.5, 5]) draw, largest mass ≤ 0.9",
    "M ∈ [10, 100], t ∈ [0, min(30, M/2)]",
  ],
  budget: { maxReplicates: 6400 },
  scenario: fc
    .record({ truth: truthSpec, samples: logUniformInteger({ min: 10, max: 100 }) })
    .chain((s) =>
      fc.record({
        truth: fc.constant(s.truth),
        samples: fc.constant(s.samples),
        t: uniformInteger({ min: 0, max: Math.min(30, Math.floor(s.samples / 2)) }),
      }),
    ),
  simulate: (s, range) => {
    const r = runReplicates({ ...spec(s), generations: s.t + 1, metrics: ["entropy"] }, range);
    return {
      Ht: generationValues(r, "entropy", s.t),
      Hnext: generationValues(r, "entropy", s.t + 1),
      jensen: jensenViolations(s, range),
    };
  },
  checks: () => [
    greaterThan("Ht", "Hnext", { method: "paired-t" }),
    sure("jensen", "E[H(p_{t+1}) | p_t] ≤ H(p_t)"),
  ],
});

verifyClaim(claim);
