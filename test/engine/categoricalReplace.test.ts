/**
 * The engine against the Wright–Fisher heterozygosity identity (docs/theory.md#heterozygosity):
 * categorical MLE under replace, E[H_t] = (1 − 1/M)^t H_0 with H = 1 − Σp².
 *
 * Decision rule: z-test of the across-chain mean with the sample variance (H_t ∈ [0, 1], K = 3000
 * chains), Bonferroni over the checked generations; false-alarm probability ≤ 1e-6 under the
 * normal approximation. Also sure invariants on every trajectory: support never grows, absorbed
 * symbols stay absorbed (checked as: support is non-increasing in t for every chain).
 */
import { describe, expect, it } from "vitest";
import { runChains } from "../../src/chain/runChains.ts";
import { summarizeMetric } from "../../src/chain/summarize.ts";
import { categoricalMle } from "../../src/families/categorical.ts";
import { eraseFamily } from "../../src/families/family.ts";
import { normalQuantile } from "../../src/numeric/index.ts";
import { categoricalTruth, zipfTruth } from "../../src/truths/categorical.ts";

const ALPHA = 1e-6;
const SEED = 7;

describe(`categorical MLE replace (seed ${SEED})`, () => {
  it("E[H_t] = (1 − 1/M)^t H_0 (k=10 uniform, M=100)", () => {
    const K = 3000;
    const M = 100;
    const T = 50;
    const H0 = 0.9;
    const result = runChains({
      truth: categoricalTruth(new Array(10).fill(0.1)),
      family: eraseFamily(categoricalMle()),
      regime: { kind: "replace" },
      samples: M,
      generations: T,
      chains: K,
      seed: SEED,
      metrics: ["heterozygosity"],
    });
    const s = summarizeMetric(result, "heterozygosity");
    // Generation 0 is the truth in every chain: the mean of K equal values, each within 2ε of
    // 0.9, summed in K rounding steps: |error| ≤ (K + 2)·ε.
    expect(Math.abs(s.mean[0] - H0)).toBeLessThanOrEqual((K + 2) * Number.EPSILON);
    const checked = [1, 10, 25, 50];
    const z = normalQuantile(1 - ALPHA / (2 * checked.length));
    for (const t of checked) {
      const expected = (1 - 1 / M) ** t * H0;
      const bound = z * s.se[t];
      expect(
        Math.abs(s.mean[t] - expected),
        `E[H_${t}]: expected ${expected}, estimate ${s.mean[t]} ± ${bound}`,
      ).toBeLessThanOrEqual(bound);
    }
  });

  it("support never grows on any trajectory (sure)", () => {
    const T = 200;
    const result = runChains({
      truth: zipfTruth(50, 1.1),
      family: eraseFamily(categoricalMle()),
      regime: { kind: "replace" },
      samples: 200,
      generations: T,
      chains: 100,
      seed: SEED,
      metrics: ["support"],
    });
    const v = result.values.support;
    for (let c = 0; c < 100; c++) {
      for (let t = 1; t <= T; t++) {
        expect(v[c * (T + 1) + t], `chain ${c} generation ${t}`).toBeLessThanOrEqual(
          v[c * (T + 1) + t - 1],
        );
      }
    }
    // And collapse really happens: the final support is far below 50 on average.
    expect(summarizeMetric(result, "support").mean[T]).toBeLessThan(25);
  });
});
