/**
 * Claim: a Gaussian fitted by maximum likelihood to a heavy-tailed truth (Student-t, ν > 4) cuts
 * its tails in the very first generation: the fit's mass beyond the truth's q and 1 − q quantiles
 * is below the truth's 2q — exactly in the infinite-sample limit, and with probability
 * ≥ 1 − β(M) (Chebyshev–Cantelli, derived here) after fitting M samples.
 *
 * Citation: Shumailov et al., Nature 631 (2024), "functional expressivity error" (model
 *   misspecification); docs/theory.md#misspecification.
 * Setting: truth location + scale·T_ν; generation 1 is the gaussian-mle fit
 *   (x̄, σ̂² = (1/M)Σ(x−x̄)²) to M real samples; the `tail-mass` metric gives the fit's mass on
 *   (−∞, Q(q)) ∪ (Q(1−q), ∞), Q the truth's quantile function (the truth's own mass there is
 *   exactly 2q).
 * Exact part: the infinite-sample fit N(location, scale²ν/(ν−2)) (variance matched) puts mass
 *   h∞ = 2Φ(−U/s∞) there, U = Q(1−q) − location, s∞ = scale·√(ν/(ν−2)); h∞ < 2q ⟺ Δ = U − s∞z > 0
 *   with z = Φ⁻¹(1 − q). Every scenario takes q small enough that h∞ ≤ 0.7·2q (checked in code).
 * Finite-M bound (rigorous): the fit's mass is ≤ 2Φ((|x̄ − location| − U)/σ̂), so it is < 2q as
 *   soon as |x̄ − location| < θΔ and σ̂ < s∞ + (1 − θ)Δ/z (any θ ∈ (0, 1)). Chebyshev bounds the
 *   first failure by s∞²/(Mθ²Δ²); Cantelli bounds the second by V/(V + k²),
 *   k = (s∞ + (1−θ)Δ/z)² − E σ̂², with the exact E σ̂² = ((M−1)/M)s∞² and
 *   V = Var σ̂² = ((M−1)/M)²(μ₄ − s∞⁴(M−3)/(M−1))/M, μ₄ = 3ν²scale⁴/((ν−2)(ν−4)) (finite for
 *   ν > 4). β(M) is the sum minimised over a grid of θ.
 * Scenarios: ν ∈ [4.5, 30], location ∈ [−5, 5], scale ∈ [0.5, 3]; q = f·q_max(ν), f ∈ [0.2, 1]
 *   (log-uniform), q_max(ν) ≤ 0.02 the largest q with h∞ ≤ 0.7·2q; M = ⌈u·M_b⌉, u ∈ [1, 3], M_b the
 *   smallest M with β(M) ≤ b, b ∈ [0.3, 0.6] (so M ≤ 20,000 and 1 − β(M) ∈ [0.4, 0.9]).
 * Observation: the indicator tail-mass at generation 1 < 2q, per replicate chain.
 * Decision rule: probabilityAtLeast 1 − β(M), exact one-sided binomial (Clopper–Pearson). The
 *   Chebyshev–Cantelli bound is loose: the observed probability is ≥ 0.99 in every scenario, so the
 *   lower confidence bound (0.916 for 200 of 200 chains) clears 1 − β(M) ≤ 0.9 at the first or
 *   second look.
 * Budget: α = 1e-6 per run, Bonferroni over 8 scenarios × 1 check × 5 looks.
 */

import {
  defineClaim,
  generationValues,
  probabilityAtLeast,
  runReplicates,
  truthFromSpec,
  verifyClaim,
} from "collapse-harness";
import { truthTailSet } from "collapse-harness/engine";
import { normalQuantile, normalSf } from "collapse-harness/theory";
import fc from "fast-check";

const spec = (nu: number, location: number, scale: number) =>
  `student-t:nu=${nu},location=${location},scale=${scale}`;

/** U = Q(1−q) − location (from the engine's tail set), s∞ and z for a unit-scale truth. */
function geometry(nu: number, q: number) {
  const tail = truthTailSet(truthFromSpec(spec(nu, 0, 1)), q);
  const U = tail.kind === "interval" ? tail.upper : Number.NaN;
  const sInf = Math.sqrt(nu / (nu - 2));
  const z = normalQuantile(1 - q);
  return { U, sInf, z, delta: U - sInf * z, hInf: 2 * normalSf(U / sInf) };
}

/** β(M): Chebyshev + Cantelli bound on P(tail mass at generation 1 ≥ 2q) (scale-free). */
function beta(nu: number, q: number, M: number): number {
  const { sInf, z, delta } = geometry(nu, q);
  const mu4 = (3 * nu * nu) / ((nu - 2) * (nu - 4));
  const s2 = sInf * sInf;
  const mean = ((M - 1) / M) * s2;
  const V = ((M - 1) / M) ** 2 * ((mu4 - (s2 * s2 * (M - 3)) / (M - 1)) / M);
  let best = 1;
  for (let i = 1; i < 100; i++) {
    const theta = i / 100;
    const k = (sInf + ((1 - theta) * delta) / z) ** 2 - mean;
    best = Math.min(best, s2 / (M * theta * theta * delta * delta) + V / (V + k * k));
  }
  return best;
}

/** Largest q ≤ 0.02 with h∞ ≤ 0.7·2q (h∞/2q increases with q). */
function qMax(nu: number): number {
  const ok = (q: number) => geometry(nu, q).hInf <= 0.7 * 2 * q;
  if (ok(0.02)) return 0.02;
  let lo = Math.log(1e-5);
  let hi = Math.log(0.02);
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (ok(Math.exp(mid))) lo = mid;
    else hi = mid;
  }
  return Math.exp(lo);
}

/** Smallest M with β(M) ≤ b (β decreases in M). */
function samplesFor(nu: number, q: number, b: number): number {
  let hi = 8;
  while (beta(nu, q, hi) > b) hi *= 2;
  let lo = hi / 2;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (beta(nu, q, mid) <= b) hi = mid;
    else lo = mid;
  }
  return hi;
}

interface Setting {
  readonly nu: number;
  readonly location: number;
  readonly scale: number;
  readonly logF: number;
  readonly b: number;
  readonly u: number;
}

function derived(s: Setting) {
  const q = Math.exp(s.logF) * qMax(s.nu);
  const samples = Math.ceil(s.u * samplesFor(s.nu, q, s.b));
  return { q, samples };
}

export const claim = defineClaim({
  id: "student-t-gaussian-fit-tails",
  title: "A Gaussian fitted to Student-t data cuts the tails beyond the truth's q-quantiles",
  citation: {
    source: "Shumailov et al., Nature 631 (2024)",
    where: "functional expressivity error; docs/theory.md#misspecification",
  },
  statement:
    "The MLE Gaussian fitted to M samples of a Student-t (ν > 4) puts mass < 2q beyond the truth's q and 1−q quantiles — exactly in the infinite-sample limit (2Φ(−Q_t(1−q)√((ν−2)/ν)) < 2q for the q used) and with probability ≥ 1 − β(M) at finite M.",
  kind: "in-probability",
  assumptions: [
    "truth location + scale·T_ν, ν ∈ [4.5, 30]; gaussian-mle, generation 1",
    "q ≤ q_max(ν), where the infinite-sample fit's tail mass is ≤ 0.7·2q",
  ],
  scenario: fc.record({
    nu: fc.double({ min: 4.5, max: 30, noNaN: true }),
    location: fc.double({ min: -5, max: 5, noNaN: true }),
    scale: fc.double({ min: 0.5, max: 3, noNaN: true }),
    logF: fc.double({ min: Math.log(0.2), max: 0, noNaN: true }),
    b: fc.double({ min: 0.3, max: 0.6, noNaN: true }),
    u: fc.double({ min: 1, max: 3, noNaN: true }),
  }),
  simulate: (s, range) => {
    const { q, samples } = derived(s);
    const r = runReplicates(
      {
        truth: spec(s.nu, s.location, s.scale),
        family: "gaussian-mle",
        regime: "replace",
        samples,
        generations: 1,
        metrics: ["tail-mass"],
        tailQ: q,
      },
      range,
    );
    return { cut: generationValues(r, "tail-mass", 1).map((v) => (v < 2 * q ? 1 : 0)) };
  },
  checks: (s) => {
    const { q, samples } = derived(s);
    const g = geometry(s.nu, q);
    if (!(g.hInf <= 0.7 * 2 * q + 1e-15)) {
      throw new Error(`infinite-sample tail mass ${g.hInf} is not below 0.7·2q = ${1.4 * q}`);
    }
    return [probabilityAtLeast("cut", 1 - beta(s.nu, q, samples))];
  },
});

verifyClaim(claim);
