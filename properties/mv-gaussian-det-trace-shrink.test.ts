/**
 * Claim: a multivariate Gaussian refitted (MLE covariance) to M of its own samples loses volume
 * and spread: P(det Σ_T/det Σ_0 < ε*) ≥ p for M > d (Chernoff), det Σ_t = 0 surely for M ≤ d, and
 * P(tr Σ_T < tr Σ_0) ≥ 1 − ((M−1)/M)^T (Markov) (in probability; sure).
 *
 * Derivation (docs/theory.md#mv-gaussian): det Σ_{t+1}/det Σ_t = Π_i χ²_{M−i}/M (Bartlett,
 *   bartlettLogMoment), so ε* = mvGaussianDetThreshold is the smallest threshold whose Chernoff
 *   bound reaches p; E[tr Σ_{t+1} | Σ_t] = ((M−1)/M) tr Σ_t; with M ≤ d every fit has rank < d
 *   (the engine reports log-det −∞). (d, M) come from Kazdan's grid (d = 31, 100 and M ≥ 316
 *   exceed the 6 s budget); T_tr = ⌈uM⌉ (trace bound ∈ [0.50, 0.64]); T_det is the first
 *   generation with ε* ≤ ε_det.
 * Observations: indicators ln det Σ_T_det − ln det Σ_0 < ln ε* and ln tr Σ_T_tr < ln tr Σ_0 per
 *   chain; for M ≤ d, every (chain, t) with a finite log-det.
 * Decision rules: probabilityAtLeast (exact one-sided Clopper–Pearson) for both indicators: the
 *   true probabilities (≥ 0.85 trace, ≥ 0.9 det) sit well above the bounds, so the lower
 *   confidence bound clears them at the first or second look (100 or 200 chains); `sure` for the
 *   singular case (one finite log-det refutes).
 * Budget: α = 1e-6 per run, Bonferroni over 8 scenarios × 2 checks × 6 looks (100 … 3200).
 */

import {
  type Check,
  choiceOf,
  defineClaim,
  generationValues,
  type Observations,
  probabilityAtLeast,
  runReplicates,
  sure,
  uniformReal,
  type Violation,
  verifyClaim,
} from "collapse-harness";
import { mvGaussianDetThreshold } from "collapse-harness/theory";
import fc from "fast-check";

interface Setting {
  readonly d: number;
  readonly samples: number;
  readonly rho: number;
  readonly sd: number;
  readonly u: number;
  readonly target: number;
  readonly logEps: number;
}

/** Trace horizon, det horizon (first t with ε* ≤ ε_det) and its threshold ln ε*, chain length. */
function horizons(s: Setting): { tTrace: number; tDet: number; logEps: number; T: number } {
  const tTrace = Math.ceil(s.u * s.samples);
  if (s.samples <= s.d) return { tTrace, tDet: 0, logEps: 0, T: tTrace };
  let tDet = 1;
  while (mvGaussianDetThreshold(s.d, s.samples, tDet, s.target) > s.logEps) tDet++;
  const logEps = mvGaussianDetThreshold(s.d, s.samples, tDet, s.target);
  return { tTrace, tDet, logEps, T: Math.max(tTrace, tDet) };
}

const GRID: readonly (readonly [number, number])[] = [1, 3, 10].flatMap((d) =>
  [10, 32, 100].map((M) => [d, M] as const),
);

export const claim = defineClaim({
  id: "mv-gaussian-det-trace-shrink",
  title:
    "mv-Gaussian replace: det Σ_T and tr Σ_T shrink (Chernoff / Markov bounds; det 0 if M ≤ d)",
  citation: {
    source: "Kazdan et al. 2024, 'Collapse or Thrive?'; Shumailov et al., Nature 631 (2024)",
    where: "multivariate Gaussian experiments (Kazdan's dims and n); docs/theory.md#mv-gaussian",
  },
  statement:
    "Refitting N(μ, Σ) by maximum likelihood to M of its own samples, P(det Σ_T/det Σ_0 < ε) ≥ 1 − inf_λ m(λ)^T ε^−λ for M > d (det Σ_t = 0 surely for M ≤ d) and P(tr Σ_T < tr Σ_0) ≥ 1 − ((M−1)/M)^T.",
  kind: "in-probability",
  assumptions: [
    "truth N(0, s²[(1−ρ)I + ρ11ᵀ]), mv-gaussian family (MLE covariance), replace",
    "(d, M) ∈ {1, 3, 10} × {10, 32, 100}",
  ],
  budget: { replicates: 100 },
  scenario: choiceOf(GRID).chain(([d, samples]) =>
    fc.record({
      d: fc.constant(d),
      samples: fc.constant(samples),
      // ρ = 0: independent coordinates.
      rho: d === 1 ? fc.constant(0) : uniformReal({ min: -0.9 / (d - 1), max: 0.9, simplest: 0 }),
      sd: uniformReal({ min: 0.5, max: 2, simplest: 1 }),
      u: uniformReal({ min: 0.7, max: 1 }),
      target: uniformReal({ min: 0.3, max: 0.7 }),
      logEps: uniformReal({ min: Math.log(0.1), max: Math.log(0.5) }),
    }),
  ),
  simulate: (s, range): Observations => {
    const { tTrace, tDet, logEps, T } = horizons(s);
    const r = runReplicates(
      {
        truth: `mv-gaussian:dim=${s.d},rho=${s.rho},sd=${s.sd}`,
        family: "mv-gaussian",
        regime: "replace",
        samples: s.samples,
        generations: T,
        metrics: ["log-det", "log-variance"],
      },
      range,
    );
    // A log of −∞ (numerically singular) counts as not below: conservative for an at-least claim.
    const below = (metric: string, t: number, level: number) => {
      const start = generationValues(r, metric, 0);
      const end = generationValues(r, metric, t);
      return end.map((v, i) => (Number.isFinite(v) && v - start[i] < level ? 1 : 0));
    };
    const traceBelow = below("log-variance", tTrace, 0);
    if (s.samples > s.d) return { traceBelow, detBelow: below("log-det", tDet, logEps) };
    const singular: Violation[] = [];
    for (let t = 1; t <= T; t++) {
      generationValues(r, "log-det", t).forEach((v, i) => {
        if (v !== Number.NEGATIVE_INFINITY) {
          singular.push({ replicate: range.first + i, detail: `generation ${t}: log-det ${v}` });
        }
      });
    }
    return { traceBelow, singular };
  },
  checks: (s) => {
    const { tTrace } = horizons(s);
    const checks: Check[] = [
      probabilityAtLeast("traceBelow", 1 - ((s.samples - 1) / s.samples) ** tTrace),
    ];
    if (s.samples <= s.d) {
      checks.push(sure("singular", "det Σ_t = 0 (log-det −∞) at every generation t ≥ 1"));
    } else {
      checks.push(probabilityAtLeast("detBelow", s.target));
    }
    return checks;
  },
});

verifyClaim(claim);
