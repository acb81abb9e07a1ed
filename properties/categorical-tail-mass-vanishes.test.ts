/**
 * Claim: in what sense "tails vanish" under categorical-MLE replace — the tail mass of most
 * chains hits 0 (in probability, with an explicit finite-T bound), while the EXPECTED tail mass
 * is preserved exactly at every generation.
 *
 * Citation: Shumailov et al., Nature 631 (2024), §"Discrete distributions with exact
 *   approximation" (tails disappear); docs/theory.md#categorical-tail-mass and
 *   docs/theory.md#pitfall-mean-vs-typical ("means can be preserved while typical values
 *   collapse"); Wright–Fisher; Seddik et al. 2024 (heterozygosity identity, used in the bound
 *   below).
 * Setting: truth p_0 over k symbols (bounded Zipf); tail set A = the least probable symbols whose
 *   total truth mass is ≤ q (the engine's `tail-mass` set); X_t = p_t(A), X_0 = τ_0 := p_0(A).
 *   Generation 1 is the MLE of M real samples, generation t+1 the MLE of M samples of generation t.
 * Proof sketch: the count of A-symbols among M samples of p_t is Binomial(M, X_t), so X_t is
 *   itself a two-type Wright–Fisher chain started at τ_0 (lumping is exact). Hence
 *   (1) E[X_t] = τ_0 for every t (martingale) — the expected tail mass never shrinks;
 *   (2) E[2X_T(1−X_T)] = (1−1/M)^T·2τ_0(1−τ_0), and 2x(1−x) ≥ 2(1/M)(1−1/M) on the interior states
 *       x ∈ {1/M, …, (M−1)/M}, so P(0 < X_T < 1) ≤ δ_T := M τ_0(1−τ_0)(1−1/M)^{T−1} (Markov);
 *   (3) P(X_T = 1) ≤ E[X_T] = τ_0, so P(X_T = 0) ≥ 1 − τ_0 − δ_T; and since
 *       τ_0 = P(X_T = 1) + E[X_T; interior] ≤ P(X_T = 1) + P(interior), also P(X_T = 0) ≤ 1 − τ_0.
 *   So the tail vanishes in a fraction → 1 − τ_0 of chains (not all: in a fraction τ_0 the chain
 *   fixes on a tail symbol and the "tail" becomes everything), and E[X_T] = τ_0 throughout.
 * Statement: at a horizon T chosen so that δ_T = δ ∈ [0.1, 0.3]:
 *   (a) bound: P(X_T = 0) ≥ 1 − τ_0 − δ_T;   (b) in expectation: E[X_T] = τ_0.
 * Estimators: per chain, the indicator X_T = 0 and the value X_T (bounded in [0, 1]). A chain is
 *   stopped once X_t ∈ {0, 1} (absorbing for the lumped chain: X_T = X_t then, exactly).
 * Decision rules: (a) probabilityAtLeast, exact one-sided binomial (Clopper–Pearson), no margin:
 *   the bound is loose by ≈ δ_T(1 − 6/M) ≥ 0.07 (the diffusion puts P(interior) ≈ 6τ_0(1−τ_0)(1−1/M)^T),
 *   detected with ≈ (5.6·0.5/0.07)² ≈ 1600 chains; (b) meanEquals, one-sample t-test, precision
 *   0.35·τ_0 (so a halving of the expected tail — the misreading planted in
 *   properties/negative/tail-mean-shrinks.test.ts — is detected with power > 0.99):
 *   sd(X_T) ≤ √(τ_0(1−τ_0)) and τ_0 ≥ 0.1, so (5.6 + 1.3)·0.3/√n ≤ 0.035 needs n ≤ 3600 in the
 *   worst case; maxReplicates 6400.
 * Budget: α = 1e-6 per run, Bonferroni over scenarios × checks × looks.
 */

import {
  defineClaim,
  derive,
  familyFromSpec,
  meanEquals,
  probabilityAtLeast,
  truthFromSpec,
  verifyClaim,
} from "collapse-harness";
import { synthesize, tailMassOf, truthTailSet } from "collapse-harness/engine";
import fc from "fast-check";

interface Setting {
  readonly k: number;
  readonly s: number;
  readonly q: number;
  readonly samples: number;
  readonly delta: number;
}

function tail0(s: Setting): number {
  const truth = truthFromSpec(`zipf:k=${s.k},s=${s.s}`);
  return tailMassOf(truth.model, truthTailSet(truth, s.q));
}

/** δ_T = M τ_0(1 − τ_0)(1 − 1/M)^{T−1}. */
function deltaBound(M: number, t0: number, T: number): number {
  return M * t0 * (1 - t0) * (1 - 1 / M) ** (T - 1);
}

/** The smallest T ≥ 1 with δ_T ≤ δ. */
function horizon(s: Setting): number {
  const t0 = tail0(s);
  const M = s.samples;
  const T = 1 + Math.ceil(Math.log((M * t0 * (1 - t0)) / s.delta) / -Math.log1p(-1 / M));
  return Math.max(1, T);
}

export const claim = defineClaim({
  id: "categorical-tail-mass-vanishes",
  title: "Categorical MLE: the tail of most chains hits 0, yet E[tail mass] = tail mass_0",
  citation: {
    source: "Shumailov et al., Nature 631 (2024); Wright–Fisher; Seddik et al. 2024",
    where: "§Discrete distributions with exact approximation; docs/theory.md#categorical-tail-mass",
  },
  statement:
    "With τ_0 the truth's tail mass and δ_T = Mτ_0(1−τ_0)(1−1/M)^{T−1}: P(tail mass_T = 0) ≥ 1 − τ_0 − δ_T (the tail vanishes in almost every chain as T grows, in a fraction → 1 − τ_0), while E[tail mass_T] = τ_0 exactly at every T.",
  kind: "bound",
  assumptions: [
    "categorical-mle family, replace regime",
    "truth: bounded Zipf, k ∈ [5, 30], s ∈ [0.5, 1.5]; tail level q ∈ [0.15, 0.35] with τ_0 ≥ 0.1",
    "M ∈ [20, 50]; T the smallest horizon with δ_T ≤ δ, δ ∈ [0.1, 0.3]",
  ],
  budget: { maxReplicates: 6400 },
  scenario: fc
    .record({
      k: fc.integer({ min: 5, max: 30 }),
      s: fc.double({ min: 0.5, max: 1.5, noNaN: true }),
      q: fc.double({ min: 0.15, max: 0.35, noNaN: true }),
      samples: fc.integer({ min: 20, max: 50 }),
      delta: fc.double({ min: 0.1, max: 0.3, noNaN: true }),
    })
    .filter((s) => tail0(s) >= 0.1),
  simulate: (s, range) => {
    const truth = truthFromSpec(`zipf:k=${s.k},s=${s.s}`);
    const tail = truthTailSet(truth, s.q);
    const family = familyFromSpec("categorical-mle");
    const T = horizon(s);
    const gone = new Float64Array(range.count);
    const mass = new Float64Array(range.count);
    for (let r = 0; r < range.count; r++) {
      const stream = derive(range.seed, range.first + r);
      let data = truth.sampleReal(stream, s.samples);
      let x = 0;
      for (let t = 1; t <= T; t++) {
        const model = family.fit(data, stream);
        x = tailMassOf(model, tail);
        // X_t ∈ {0, 1} is absorbing for the lumped chain: X_T = X_t.
        if (x === 0 || x >= 1 - 1e-12 || t === T) break;
        data = synthesize(model, [], stream, s.samples);
      }
      mass[r] = x;
      gone[r] = x === 0 ? 1 : 0;
    }
    return { tailGone: gone, tailMass: mass };
  },
  checks: (s) => {
    const t0 = tail0(s);
    const bound = 1 - t0 - deltaBound(s.samples, t0, horizon(s));
    return [
      probabilityAtLeast("tailGone", Math.max(0, bound)),
      meanEquals("tailMass", t0, { precision: 0.35 * t0 }),
    ];
  },
});

verifyClaim(claim);
