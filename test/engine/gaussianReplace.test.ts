/**
 * The engine against the exact 1-D Gaussian replace formulas
 * (docs/theory.md#gaussian-log-variance).
 *
 * Setting: truth N(0, 1), replace, M samples per generation, K chains. With S_t i.i.d.,
 * σ²_{t+1} = σ²_t S_t, S ~ χ²_{M−1}/(M−1) (unbiased) or χ²_{M−1}/M (MLE), so
 *   E[ln σ²_t] = t[ψ((M−1)/2) − ln((M−1)/2)]   (unbiased)
 *   E[ln σ²_t] = t[ψ((M−1)/2) + ln(2/M)]        (MLE)
 *   Var[ln σ²_t] = t ψ′((M−1)/2)                 (both)
 *   E[σ²_t] = ((M−1)/M)^t,  E[σ⁴_t] = ((M−1)(M+1)/M²)^t   (MLE)
 * Decision rule: z-test of the across-chain mean with the EXACT variance of one chain's value;
 * Bonferroni over the checked generations. False-alarm probability per test block ≤ 1e-6 under
 * the normal approximation of the mean of K = 4000 i.i.d. values (Edgeworth correction of the
 * skewed log-χ² sum at z ≈ 5.3 changes the tail by < 30%, so ≤ 1.3e-6 in all).
 */
import { describe, expect, it } from "vitest";
import { runChains } from "../../src/chain/runChains.ts";
import { summarizeMetric } from "../../src/chain/summarize.ts";
import { eraseFamily } from "../../src/families/family.ts";
import { gaussianMle, gaussianUnbiased } from "../../src/families/gaussian.ts";
import { digamma, normalQuantile, trigamma } from "../../src/numeric/index.ts";
import { gaussianTruth } from "../../src/truths/continuous.ts";

const ALPHA = 1e-6;
const SEED = 20261126;
const K = 4000;
const M = 10;
const T = 30;
const CHECKED = [1, 2, 5, 10, 20, 30];

function zCheck(
  label: string,
  estimate: number,
  expected: number,
  sd: number,
  n: number,
  z: number,
) {
  const se = sd / Math.sqrt(n);
  const dev = Math.abs(estimate - expected);
  expect(
    dev,
    `${label}: expected ${expected}, estimate ${estimate}, |dev| ${dev} > z·se = ${z}·${se} (seed ${SEED})`,
  ).toBeLessThanOrEqual(z * se);
}

describe(`Gaussian replace, exact moments (seed ${SEED}, K=${K}, M=${M}, T=${T})`, () => {
  const z = normalQuantile(1 - ALPHA / (2 * CHECKED.length));
  const psi = digamma((M - 1) / 2);
  const varPerStep = trigamma((M - 1) / 2);

  for (const [name, family, drift] of [
    ["gaussian-unbiased", gaussianUnbiased(), psi - Math.log((M - 1) / 2)],
    ["gaussian-mle", gaussianMle(), psi + Math.log(2 / M)],
  ] as const) {
    it(`${name}: E[ln σ²_t] = t·${drift.toFixed(6)}, Var = t·ψ′((M−1)/2)`, () => {
      const result = runChains({
        truth: gaussianTruth(0, 1),
        family: eraseFamily(family),
        regime: { kind: "replace" },
        samples: M,
        generations: T,
        chains: K,
        seed: SEED,
        streamKeys: ["engine", name],
        metrics: ["log-variance"],
      });
      const s = summarizeMetric(result, "log-variance");
      expect(s.mean[0]).toBe(0);
      for (const t of CHECKED) {
        zCheck(`${name} E[ln σ²_${t}]`, s.mean[t], t * drift, Math.sqrt(t * varPerStep), K, z);
      }
    });
  }

  it("gaussian-mle: E[σ²_t] = ((M−1)/M)^t with exact variance", () => {
    const Mv = 50;
    const Tv = 50;
    const result = runChains({
      truth: gaussianTruth(0, 1),
      family: eraseFamily(gaussianMle()),
      regime: { kind: "replace" },
      samples: Mv,
      generations: Tv,
      chains: K,
      seed: SEED,
      streamKeys: ["engine", "mle-variance"],
      metrics: ["variance"],
    });
    const s = summarizeMetric(result, "variance");
    const checked = [1, 10, 25, 50];
    const zv = normalQuantile(1 - ALPHA / (2 * checked.length));
    for (const t of checked) {
      const m1 = ((Mv - 1) / Mv) ** t;
      const m2 = (((Mv - 1) * (Mv + 1)) / (Mv * Mv)) ** t;
      zCheck(`E[σ²_${t}] (MLE)`, s.mean[t], m1, Math.sqrt(m2 - m1 * m1), K, zv);
    }
  });
});
