/**
 * Accumulate keeps the Gaussian mean error bounded (Gerstgrasser et al. 2024; Kazdan et al. 2024;
 * docs/theory.md#accumulate-gaussian): with n = 10 per generation and MLE fits,
 * E‖μ_t − μ_0‖² ≤ (π²/6)σ²/n = 0.1645 for every t, while replace gives 1 − 0.9^t (→ 1).
 *
 * Decision rules at α = 1e-6 each (normal approximation, K = 4000 chains):
 * - bound: refuted only if the lower confidence bound of the mean at some checked t exceeds it
 *   (Bonferroni over the checked generations);
 * - replace: z-test of E[(μ_t − μ_0)²] = 1 − ((M−1)/M)^t with the sample variance.
 */
import { describe, expect, it } from "vitest";
import { runChains } from "../../src/chain/runChains.ts";
import { summarizeMetric } from "../../src/chain/summarize.ts";
import { eraseFamily } from "../../src/families/family.ts";
import { gaussianMle } from "../../src/families/gaussian.ts";
import { normalQuantile } from "../../src/numeric/index.ts";
import { gaussianTruth } from "../../src/truths/continuous.ts";

const SEED = 99;
const ALPHA = 1e-6;
const K = 4000;
const n = 10;
const T = 40;
const checked = [1, 5, 10, 20, 40];

function run(regime: "replace" | "accumulate") {
  return summarizeMetric(
    runChains({
      truth: gaussianTruth(0, 1),
      family: eraseFamily(gaussianMle()),
      regime: { kind: regime },
      samples: n,
      generations: T,
      chains: K,
      seed: SEED,
      streamKeys: [regime],
      metrics: ["mean-error"],
    }),
    "mean-error",
  );
}

describe(`Gaussian mean error, replace vs accumulate (seed ${SEED}, K=${K}, n=${n})`, () => {
  const z = normalQuantile(1 - ALPHA / checked.length);
  const bound = Math.PI ** 2 / 6 / n;

  it("accumulate: E‖μ_t − μ_0‖² ≤ (π²/6)σ²/n at every t (bound)", () => {
    const s = run("accumulate");
    for (const t of checked) {
      const lower = s.mean[t] - z * s.se[t];
      expect(
        lower,
        `t=${t}: estimate ${s.mean[t]} ± ${z * s.se[t]} vs bound ${bound}`,
      ).toBeLessThanOrEqual(bound);
    }
    // t = 1 is the real-data fit: E = σ²/n exactly.
    expect(Math.abs(s.mean[1] - 1 / n)).toBeLessThanOrEqual(z * s.se[1]);
  });

  it("replace: E‖μ_t − μ_0‖² = 1 − ((n−1)/n)^t, above the accumulate bound from t = 2 on", () => {
    const s = run("replace");
    const z2 = normalQuantile(1 - ALPHA / (2 * checked.length));
    for (const t of checked) {
      const expected = 1 - ((n - 1) / n) ** t;
      expect(
        Math.abs(s.mean[t] - expected),
        `t=${t}: expected ${expected}, estimate ${s.mean[t]} ± ${z2 * s.se[t]}`,
      ).toBeLessThanOrEqual(z2 * s.se[t]);
    }
  });
});
