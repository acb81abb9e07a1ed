/**
 * Claim: under replace with the unbiased variance, E[W₂²(N(μ_t, σ²_t), N(μ, σ²))] =
 * tσ²/M + 2σ²(1 − c_M^t) exactly, with c_M = √(2/(M−1)) Γ(M/2)/Γ((M−1)/2); in particular
 * E[W₂²_t] ≥ tσ²/M, which grows without bound (exact, in expectation).
 *
 * Citation: Shumailov et al., Nature 631 (2024), Theorem 3.1 (E[W₂²] → ∞ for the unbiased
 *   estimators) and SI eq. 6 (first order (3/2)tσ²/M); docs/theory.md#gaussian-w2
 *   (M = 100, t = 100: 1.4463, MC 1.4451).
 * Setting: truth N(μ, σ²), gaussian-unbiased, replace; generation 1 is fitted to M real samples
 *   (t counts fits). W₂² between Gaussians is (μ_t − μ)² + (σ_t − σ)² (the `w2` metric's closed
 *   form); E[(μ_t − μ)²] = tσ²/M since E[σ²_s] = σ², and E[σ_t] = σc_M^t.
 * What diverges: the expectation. The typical value does not: σ_t → 0 a.s. and μ_t converges a.s.
 *   (its increments σ_t Z/√M are summable), so W₂²_t → σ² + (μ_∞ − μ)² < ∞ a.s.; E[W₂²_t] grows
 *   linearly because of rare chains with large σ²_s (docs/theory.md#pitfall-mean-vs-typical,
 *   continuous analogue).
 * Exact variance (derived here; checked against a numpy Monte Carlo of 1e6 chains): with s = σ_t,
 *   δ = μ_t − μ, R = √S, S = χ²_{M−1}/(M−1) independent of the new mean's noise Z,
 *   E[s^k]' = E[R^k]E[s^k], E[δ²s^k]' = E[R^k](E[δ²s^k] + E[s^{k+2}]/M) (k = 0, 1, 2),
 *   E[δ⁴]' = E[δ⁴] + 6E[δ²s²]/M + 3E[s⁴]/M², E[R^k] = (2/(M−1))^{k/2} Γ((M−1)/2 + k/2)/Γ((M−1)/2);
 *   E[W²] = E δ⁴ + 2E[δ²(s − σ)²] + E(s − σ)⁴ expands into these moments.
 * Scenarios: M ∈ [8, 40], t ∈ [1, max(1, ⌊0.15M⌋)], μ ∈ [−10, 10], σ ∈ [0.25, 4] (t/M ≤ 0.15 keeps
 *   the heavy tails mild, docs/theory.md#pitfall-heavy-tails).
 * Observation: each replicate is the mean of the engine's closed-form W₂²_t over B = 100 chains
 *   (runReplicates with batch B: chains [i·B, (i+1)·B)), so looks reuse replicates.
 * Decision rules: (1) meanEquals, z-test with the exact variance Var(W₂²_t)/B, precision 10% of the
 *   exact value (one chain's sd is ≤ 1.16× its mean, numpy, so ≤ 70 replicates are needed: first
 *   look);
 *   (2) meanAtLeast tσ²/M, one-sided z bound with the same variance (the exact mean exceeds it by
 *   2σ²(1 − c_M^t) ≈ tσ²/(2M), over 20 standard errors at the first look). Normal approximation:
 *   20,000 chains at the first look, one chain's skewness ≤ 3.3 (numpy, 4e5 chains at the corners
 *   of the range), Cramér's factor exp(±z³γ/(6√N)) at z = 5.69 keeps the two-sided false-alarm
 *   probability within 1.3× its nominal level.
 * Budget: α = 1e-6 per run, Bonferroni over 8 scenarios × 2 checks × 5 looks.
 */

import {
  batchMeans,
  defineClaim,
  generationValues,
  meanAtLeast,
  meanEquals,
  runReplicates,
  verifyClaim,
} from "collapse-harness";
import { lgamma } from "collapse-harness/theory";
import fc from "fast-check";

/** Chains averaged into one replicate. */
const B = 100;

/** E[R^k] = E[S^{k/2}], S = χ²_{M−1}/(M−1). */
function momentR(M: number, k: number): number {
  const h = (M - 1) / 2;
  return Math.exp((k / 2) * Math.log(2 / (M - 1)) + lgamma(h + k / 2) - lgamma(h));
}

/** Exact E[W₂²_t] and Var(W₂²_t) for σ = 1 (W scales with σ², its variance with σ⁴). */
function momentsW2(M: number, t: number): { mean: number; variance: number } {
  const R = [0, 1, 2, 3, 4].map((k) => momentR(M, k));
  let s = [1, 1, 1, 1, 1]; // E[s^k], k = 0…4
  let ds = [0, 0, 0]; // E[δ² s^k], k = 0…2
  let d4 = 0;
  for (let i = 0; i < t; i++) {
    d4 = d4 + (6 * ds[2]) / M + (3 * s[4]) / (M * M);
    ds = ds.map((v, k) => R[k] * (v + s[k + 2] / M));
    s = s.map((v, k) => v * R[k]);
  }
  const mean = ds[0] + s[2] - 2 * s[1] + 1;
  const centred4 = s[4] - 4 * s[3] + 6 * s[2] - 4 * s[1] + 1;
  const cross = ds[2] - 2 * ds[1] + ds[0];
  return { mean, variance: d4 + 2 * cross + centred4 - mean * mean };
}

/** c_M = E[σ_{t+1}/σ_t] = √(2/(M−1)) Γ(M/2)/Γ((M−1)/2). */
const cM = (M: number) => Math.sqrt(2 / (M - 1)) * Math.exp(lgamma(M / 2) - lgamma((M - 1) / 2));

export const claim = defineClaim({
  id: "gaussian-w2-diverges",
  title: "Gaussian-unbiased replace: E[W₂²_t] = tσ²/M + 2σ²(1 − c_M^t) ≥ tσ²/M → ∞",
  citation: {
    source: "Shumailov et al., Nature 631 (2024)",
    where: "Theorem 3.1 (E[W₂²] → ∞), SI eq. 6; docs/theory.md#gaussian-w2",
  },
  statement:
    "The expected squared 2-Wasserstein distance from the truth of a Gaussian refitted (unbiased variance) to M of its own samples is tσ²/M + 2σ²(1 − c_M^t), at least tσ²/M, so it diverges linearly in t.",
  kind: "in-expectation",
  assumptions: ["truth N(μ, σ²), gaussian-unbiased, replace", "M ∈ [8, 40], t ≤ max(1, 0.15M)"],
  scenario: fc.integer({ min: 8, max: 40 }).chain((samples) =>
    fc.record({
      samples: fc.constant(samples),
      t: fc.integer({ min: 1, max: Math.max(1, Math.floor(0.15 * samples)) }),
      mean: fc.double({ min: -10, max: 10, noNaN: true }),
      sd: fc.double({ min: 0.25, max: 4, noNaN: true }),
    }),
  ),
  simulate: (s, range) => {
    // B chains per replicate (chains [i·B, (i+1)·B) of the scenario's streams), averaged.
    const spec = {
      truth: `gaussian:mean=${s.mean},sd=${s.sd}`,
      family: "gaussian-unbiased",
      regime: "replace",
      samples: s.samples,
    };
    const r = runReplicates(
      { ...spec, generations: s.t, metrics: ["w2"], recordAt: [s.t] },
      range,
      { batch: B },
    );
    return { w2: batchMeans(generationValues(r, "w2", s.t), B) };
  },
  checks: (s) => {
    const M = s.samples;
    const v = s.sd * s.sd;
    const m = momentsW2(M, s.t);
    const expected = v * (s.t / M + 2 * (1 - cM(M) ** s.t));
    if (Math.abs(m.mean * v - expected) > 1e-9 * expected) {
      throw new Error(`moment recursion ${m.mean * v} disagrees with the closed form ${expected}`);
    }
    const variance = (m.variance * v * v) / B;
    return [
      meanEquals("w2", expected, { variance, precision: 0.1 * expected }),
      meanAtLeast("w2", (s.t * v) / M, { variance }),
    ];
  },
});

verifyClaim(claim);
