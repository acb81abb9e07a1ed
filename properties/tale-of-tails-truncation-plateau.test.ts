/**
 * Claim: a memorising learner trained on T samples of the top-k truncation q of a Zipf law has an
 * error floor at the lost tail, tail_k = Σ_{i>k} p_i: (a) sure, err_T ≥ tail_k on every draw;
 * (b) in expectation, E[err_T] = Σ_{i≤k} p_i(1 − q_i)^T + tail_k; (c) ordering, at large T it errs
 * more than a learner on untruncated data.
 *
 * Derivation (docs/theory.md#tale-of-tails): the learner is the categorical MLE of its training
 *   set and errs on X ~ p iff p̂_X = 0, so err = Σ_i p_i·1[p̂_i = 0] exactly; symbols beyond k are
 *   never drawn, symbol i ≤ k is unseen with probability (1 − q_i)^T.
 * Horizons (`memorizerHorizon`, from the exact excess so that err has spread): T_1 where the excess
 *   is ≤ ρ·tail_k (on the way down), T_2 where it is ≤ 0.1·tail_k (the plateau), T_3 ≥ T_2 where the
 *   untruncated error is ≤ 0.8·tail_k too (at T_2 an untruncated learner on a heavy tail, β ≈ 1.2,
 *   can still err more: it spreads its samples over the tail).
 * Rules: (a) `sure`; (b) meanEquals, one-sample t-test, precision 10% at T_1 and 5% at T_2 (err is
 *   a bounded sum of negatively correlated indicators: ≤ 1600 replicates in practice, cap 3200);
 *   (c) greaterThan, paired t-test (both learners on the replicate's stream), supported when the
 *   lower bound of E[err_trunc − err_plain] is > 0 (the gap is ≥ 0.2·tail_k).
 * Budget: α = 1e-6 per run, Bonferroni over scenarios × checks × looks (the sure check spends none).
 */

import {
  defineClaim,
  generationValues,
  greaterThan,
  logUniformInteger,
  meanEquals,
  type ReplicateRange,
  runReplicates,
  sure,
  truthFromSpec,
  uniformInteger,
  uniformReal,
  type Violation,
  verifyClaim,
} from "collapse-harness";
import { type AnyModel, expectModel } from "collapse-harness/engine";
import { memorizerHorizon, truncatedMemorizerTestError } from "collapse-harness/theory";
import fc from "fast-check";

interface Setting {
  readonly beta: number;
  readonly K: number;
  readonly k: number;
  readonly rho: number;
}

const zipfOf = (s: Setting) => truthFromSpec(`zipf:k=${s.K},s=${s.beta}`);
const zipfP = (s: Setting) => expectModel(zipfOf(s).model, "categorical").p;

function horizons(s: Setting) {
  const p = zipfP(s);
  const tail = truncatedMemorizerTestError(p, s.k, 1).floor;
  const T2 = memorizerHorizon(p, 0.1 * tail, s.k);
  const T3 = Math.max(T2, memorizerHorizon(p, 0.8 * tail));
  return { tail, T1: memorizerHorizon(p, s.rho * tail, s.k), T2, T3 };
}

/** Per replicate, the error of a learner that memorised T samples of the truth (top-k or not). */
function memorisedError(s: Setting, range: ReplicateRange, T: number, topK: boolean) {
  const truth = zipfOf(s);
  const p = zipfP(s);
  const error = (m: AnyModel) => {
    const seen = expectModel(m, "categorical").p;
    let e = 0;
    for (let i = 0; i < p.length; i++) if (seen[i] === 0) e += p[i];
    return e;
  };
  const r = runReplicates(
    {
      truth: `zipf:k=${s.K},s=${s.beta}`,
      family: "categorical-mle",
      regime: "replace",
      transforms: topK ? [`top-k:k=${s.k}`] : [],
      samples: T,
      generations: 1,
      metrics: [],
    },
    range,
    // Generation 1 is fitted to T samples of the truth drawn through the sampler.
    { initialModel: truth.model, observe: { error } },
  );
  return generationValues(r, "error", 1);
}

export const claim = defineClaim({
  id: "tale-of-tails-truncation-plateau",
  title: "Top-k truncated data: the memorising learner's error plateaus at the lost tail mass",
  citation: {
    source: "Dohmatob, Feng, Yang, Charton, Kempe, ICML 2024 (A tale of tails)",
    where: "§5 tail cutting; docs/theory.md#tale-of-tails",
  },
  statement:
    "Training a memorising learner on T samples of a top-k-truncated Zipf law, its test error is ≥ Σ_{i>k} p_i on every draw, has expectation Σ_{i≤k} p_i(1 − q_i)^T + Σ_{i>k} p_i, and so plateaus at the lost tail mass, above an untruncated learner's error at large T.",
  kind: "bound",
  assumptions: [
    "truth bounded Zipf p_i ∝ i^−β, β ∈ [1.2, 2.5], K ∈ [50, 1000] symbols",
    "top-k truncation k ∈ [5, min(100, K/2)] (the engine's top-k transform)",
    "T_1: excess ≤ ρ·tail_k, ρ ∈ [0.5, 4]; T_2: excess ≤ 0.1·tail_k; T_3: untruncated error ≤ 0.8·tail_k",
  ],
  // K spans more than a decade: log-uniform, so small (cheap) supports are drawn as often as large.
  scenario: logUniformInteger({ min: 50, max: 1000 }).chain((K) =>
    fc.record({
      beta: uniformReal({ min: 1.2, max: 2.5 }),
      K: fc.constant(K),
      k: uniformInteger({ min: 5, max: Math.min(100, Math.floor(K / 2)) }),
      rho: uniformReal({ min: 0.5, max: 4, simplest: 1 }),
    }),
  ),
  simulate: (s, range) => {
    const { tail, T1, T2, T3 } = horizons(s);
    const trunc = { T1, T2, T3 };
    const obs: Record<string, Float64Array> = { plainT3: memorisedError(s, range, T3, false) };
    const floor: Violation[] = [];
    for (const [name, T] of Object.entries(trunc)) {
      const err = memorisedError(s, range, T, true);
      obs[`trunc${name}`] = err;
      err.forEach((e, i) => {
        if (e < tail - 1e-12 && floor.length < 10) {
          floor.push({ replicate: range.first + i, detail: `T = ${T}: error ${e} < tail ${tail}` });
        }
      });
    }
    return { ...obs, floor };
  },
  checks: (s) => {
    const { T1, T2 } = horizons(s);
    const p = zipfP(s);
    const e1 = truncatedMemorizerTestError(p, s.k, T1).error;
    const e2 = truncatedMemorizerTestError(p, s.k, T2).error;
    return [
      sure("floor", "test error ≥ Σ_{i>k} p_i"),
      meanEquals("truncT1", e1, { precision: 0.1 * e1 }),
      meanEquals("truncT2", e2, { precision: 0.05 * e2 }),
      greaterThan("truncT3", "plainT3", { method: "paired-t" }),
    ];
  },
});

verifyClaim(claim);
