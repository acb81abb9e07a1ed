/**
 * Claim: with n_real fresh real samples in every generation's training set, a symbol of truth
 * probability q appears in the training set of every generation with probability at least
 * 1 − (1 − q)^{n_real} — uniformly in t, so fresh data keeps every symbol reachable.
 *
 * Citation: Alemohammad et al. 2023, "Self-consuming generative models go MAD" (fresh data loop);
 *   Bertrand et al., ICLR 2024; docs/theory.md#fresh-data-symbol-coverage ("every symbol of
 *   probability q appears in each generation's training set with probability ≥ 1 − (1−q)^{n_real},
 *   uniformly in t").
 * Setting: truth p_0 over k symbols (bounded Zipf or a Dirichlet draw); family categorical-mle;
 *   regime `fresh:real=n_r`: generation 1 is fitted to M real samples; for t ≥ 2 the training
 *   set D_t is n_r fresh samples of the truth plus n_s = M − n_r samples of model t−1.
 * Why it holds: the fresh part alone misses symbol i with probability (1 − q_i)^{n_r}, whatever
 *   the model; the synthetic part is drawn independently given model t−1, so
 *   P(i ∈ D_t) = 1 − (1 − q_i)^{n_r}·E[(1 − p_{t−1,i})^{n_s}] ≥ 1 − (1 − q_i)^{n_r} for every t ≥ 2
 *   (and 1 − (1 − q_i)^M at t = 1).
 * Statement: for the rarest symbol and for the symbol whose bound is nearest a random target
 *   b ∈ [0.1, 0.8] (so that at least one check per scenario is informative: for very rare symbols
 *   the bound is ≈ n_r q and the check is nearly vacuous), at generations t = 2, ⌈(2+T)/2⌉ and T:
 *   P(i ∈ D_t) ≥ 1 − (1 − q_i)^{n_r}.
 * Scenarios: k ∈ [5, 40], Zipf s ∈ [0.5, 1.5] or Dirichlet α ∈ [0.3, 3]; M ∈ [20, 200];
 *   n_r = max(1, round(f·M)), f ∈ [0.05, 0.5]; T ∈ [3, 20].
 * Estimator: per chain, the indicator that the symbol's count in D_t is > 0 (the training set
 *   each fit sees, through the engine's onFit hook).
 * Decision rule: probabilityAtLeast per (symbol, t), exact one-sided binomial (Clopper–Pearson):
 *   refuted when the exact test rejects the bound at α'; supported once the one-sided lower
 *   confidence bound is ≥ bound − 0.01 (a margin: where the synthetic part rarely adds the symbol,
 *   the true probability sits within 0.01 of the bound). α' = 1e-6/(8 × 6 × 6 looks) ≈ 3.5e-9
 *   (z ≈ 5.8); for the targeted symbol the gap P − bound ≈ (1 − b)·P(the n_s synthetic samples
 *   hold it) ≥ 0.02, and 0.01 + gap ≥ 5.8·√(P(1−P)/n) holds by n = 6400: maxReplicates 6400.
 * Budget: α = 1e-6 per run, Bonferroni over scenarios × checks × looks.
 */

import {
  defineClaim,
  probabilityAtLeast,
  runChains,
  truthFromSpec,
  verifyClaim,
} from "collapse-harness";
import { configFromSpec, expectModel } from "collapse-harness/engine";
import fc from "fast-check";

const truthSpec = fc.oneof(
  fc
    .record({
      k: fc.integer({ min: 5, max: 40 }),
      s: fc.double({ min: 0.5, max: 1.5, noNaN: true }),
    })
    .map(({ k, s }) => `zipf:k=${k},s=${s}`),
  fc
    .record({
      k: fc.integer({ min: 5, max: 40 }),
      alpha: fc.double({ min: 0.3, max: 3, noNaN: true }),
      seed: fc.nat({ max: 1_000_000 }),
    })
    .map(({ k, alpha, seed }) => `dirichlet:k=${k},alpha=${alpha},seed=${seed}`),
);

interface Setting {
  readonly truth: string;
  readonly samples: number;
  readonly real: number;
  readonly generations: number;
  readonly target: number;
}

const bound = (q: number, real: number) => 1 - (1 - q) ** real;

/** The rarest symbol, and the symbol whose bound is nearest the target (ties by index). */
function watched(s: Setting): { symbol: number; q: number; name: string }[] {
  const model = expectModel(truthFromSpec(s.truth).model, "categorical");
  const p = model.p;
  let rare = 0;
  let target = 0;
  for (let i = 1; i < p.length; i++) {
    if (p[i] < p[rare]) rare = i;
    const d = Math.abs(bound(p[i], s.real) - s.target);
    if (d < Math.abs(bound(p[target], s.real) - s.target)) target = i;
  }
  return [
    { symbol: rare, q: p[rare], name: "rarest" },
    { symbol: target, q: p[target], name: "targeted" },
  ];
}

function generationsChecked(T: number): number[] {
  return [...new Set([2, Math.ceil((2 + T) / 2), T])];
}

export const claim = defineClaim({
  id: "fresh-data-symbol-coverage",
  title: "Fresh data: every symbol is in every training set with probability ≥ 1 − (1−q)^{n_real}",
  citation: {
    source: "Alemohammad et al. 2023 (fresh data loop); Bertrand et al., ICLR 2024",
    where: "docs/theory.md#fresh-data-symbol-coverage",
  },
  statement:
    "With n_real fresh real samples plus M − n_real synthetic ones per generation, a symbol of truth probability q is in generation t's training set with probability ≥ 1 − (1 − q)^{n_real}, at every t.",
  kind: "bound",
  budget: { maxReplicates: 6400 },
  assumptions: [
    "categorical-mle family, fresh regime with n_real = max(1, round(f·M)), f ∈ [0.05, 0.5]",
    "truth: bounded Zipf (k ∈ [5, 40], s ∈ [0.5, 1.5]) or a Dirichlet(α ∈ [0.3, 3]) draw",
    "M ∈ [20, 200], T ∈ [3, 20]; checked at t = 2, ⌈(2+T)/2⌉, T for the rarest and a targeted symbol",
    "margin 0.01 on support",
  ],
  scenario: fc
    .record({
      truth: truthSpec,
      samples: fc.integer({ min: 20, max: 200 }),
      fraction: fc.double({ min: 0.05, max: 0.5, noNaN: true }),
      generations: fc.integer({ min: 3, max: 20 }),
      target: fc.double({ min: 0.1, max: 0.8, noNaN: true }),
    })
    .map(
      ({ truth, samples, fraction, generations, target }): Setting => ({
        truth,
        samples,
        real: Math.max(1, Math.round(fraction * samples)),
        generations,
        target,
      }),
    ),
  simulate: (s, range) => {
    const symbols = watched(s);
    const ts = generationsChecked(s.generations);
    const obs: Record<string, Float64Array> = {};
    for (const w of symbols)
      for (const t of ts) obs[`${w.name}@${t}`] = new Float64Array(range.count);
    runChains({
      ...configFromSpec({
        truth: s.truth,
        family: "categorical-mle",
        regime: `fresh:real=${s.real}`,
        samples: s.samples,
        generations: s.generations,
        metrics: [],
        seed: range.seed,
        firstChain: range.first,
        chains: range.count,
      }),
      onFit: (chain, t, _model, data) => {
        if (!ts.includes(t) || data.kind !== "categorical") return;
        for (const w of symbols) {
          obs[`${w.name}@${t}`][chain - range.first] = data.counts[w.symbol] > 0 ? 1 : 0;
        }
      },
    });
    return obs;
  },
  checks: (s) =>
    watched(s).flatMap((w) =>
      generationsChecked(s.generations).map((t) =>
        probabilityAtLeast(`${w.name}@${t}`, bound(w.q, s.real), { margin: 0.01 }),
      ),
    ),
});

verifyClaim(claim);
