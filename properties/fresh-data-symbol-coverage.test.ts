/**
 * Claim (bound, uniform in t): with n_r fresh real samples per generation, a symbol of truth
 * probability q is in generation t's training set with probability ≥ 1 − (1 − q)^{n_r}
 * (`freshSymbolCoverageBound`), checked at t = 2, ⌈(2+T)/2⌉, T.
 *
 * Why (docs/theory.md#fresh-data-symbol-coverage): the fresh part alone misses it with probability
 *   (1 − q)^{n_r}, and the synthetic part is drawn independently given the model.
 * Symbols: the rarest (a nearly vacuous bound ≈ n_r q) and the one whose bound is nearest a random
 *   target b ∈ [0.1, 0.8] (informative). Estimator: p_{t,i} > 0, i.e. i's count in D_t is > 0.
 * Rule: probabilityAtLeast, exact one-sided binomial: refuted when the test rejects the bound;
 *   supported within 0.01 of it (where the synthetic part rarely adds the symbol, P sits that near).
 * Budget: α' = 1e-6/(8 × 6 × 6 looks) ≈ 3.5e-9 (z ≈ 5.8); for the targeted symbol P − bound ≥ 0.02,
 *   and 0.01 + gap ≥ 5.8·√(P(1−P)/n) by n = 6400: maxReplicates 6400.
 */

import {
  categoricalTruthArbitrary,
  defineClaim,
  generationValues,
  logUniformInteger,
  probabilityAtLeast,
  runReplicates,
  truthFromSpec,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { type AnyModel, expectModel } from "collapse-harness/engine";
import { freshSymbolCoverageBound } from "collapse-harness/theory";
import fc from "fast-check";

const truthSpec = categoricalTruthArbitrary({
  symbols: { min: 5, max: 40 },
  zipfExponent: { min: 0.5, max: 1.5 },
  dirichletAlpha: { min: 0.3, max: 3 },
});

interface Setting {
  readonly truth: string;
  readonly samples: number;
  readonly real: number;
  readonly generations: number;
  readonly target: number;
}

/** The rarest symbol, and the symbol whose bound is nearest the target (ties by index). */
function watched(s: Setting): { symbol: number; q: number; name: string }[] {
  const p = expectModel(truthFromSpec(s.truth).model, "categorical").p;
  const distance = (i: number) => Math.abs(freshSymbolCoverageBound(p[i], s.real) - s.target);
  let rare = 0;
  let target = 0;
  for (let i = 1; i < p.length; i++) {
    if (p[i] < p[rare]) rare = i;
    if (distance(i) < distance(target)) target = i;
  }
  return [
    { symbol: rare, q: p[rare], name: "rarest" },
    { symbol: target, q: p[target], name: "targeted" },
  ];
}

const checkedAt = (T: number) => [...new Set([2, Math.ceil((2 + T) / 2), T])];

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
      samples: logUniformInteger({ min: 20, max: 200 }),
      // Half real, half synthetic: the canonical mix.
      fraction: uniformReal({ min: 0.05, max: 0.5, simplest: 0.5 }),
      generations: uniformInteger({ min: 3, max: 20 }),
      target: uniformReal({ min: 0.1, max: 0.8, simplest: 0.5 }),
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
    const seen = (i: number) => (m: AnyModel) => (expectModel(m, "categorical").p[i] > 0 ? 1 : 0);
    const r = runReplicates(
      {
        truth: s.truth,
        family: "categorical-mle",
        regime: `fresh:real=${s.real}`,
        samples: s.samples,
        generations: s.generations,
        metrics: [],
        recordAt: checkedAt(s.generations),
      },
      range,
      { observe: Object.fromEntries(symbols.map((w) => [w.name, seen(w.symbol)])) },
    );
    return Object.fromEntries(
      symbols.flatMap((w) =>
        checkedAt(s.generations).map((t) => [`${w.name}@${t}`, generationValues(r, w.name, t)]),
      ),
    );
  },
  checks: (s) =>
    watched(s).flatMap((w) =>
      checkedAt(s.generations).map((t) =>
        probabilityAtLeast(`${w.name}@${t}`, freshSymbolCoverageBound(w.q, s.real), {
          margin: 0.01,
        }),
      ),
    ),
});

verifyClaim(claim);
