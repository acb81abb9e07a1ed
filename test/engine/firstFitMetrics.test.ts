/**
 * `kl-gen1` and `w2-gen1`: distances of generation t's model from the chain's first fit (to the
 * real samples D₁) rather than from the truth. Checked exactly against the closed forms on the
 * chain's own models, and in law against the exact E[W₂²(generation 1, generation t)] of the
 * Gaussian MLE chain (docs/theory.md#gaussian-exact-mle).
 */
import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { checkChainConfig, runChains } from "../../src/chain/runChains.ts";
import { generationValues } from "../../src/chain/summarize.ts";
import type { AnyModel } from "../../src/model/kinds.ts";
import type { GaussianModel } from "../../src/model/models.ts";
import { lgamma, normalQuantile } from "../../src/numeric/index.ts";

function config(family: string, chains: number, generations: number, seed: number, M = 10) {
  return configFromSpec({
    truth: "gaussian",
    family,
    regime: "replace",
    samples: M,
    generations,
    chains,
    seed,
    metrics: ["kl-gen1", "w2-gen1"],
  });
}

describe("kl-gen1 and w2-gen1: distances from the first fit", () => {
  it("equal the Gaussian closed forms on each chain's own generation-1 and generation-t models", () => {
    const models = new Map<string, AnyModel>();
    const c = config("gaussian-mle", 5, 6, 3);
    const r = runChains({ ...c, onFit: (chain, t, model) => models.set(`${chain}/${t}`, model) });
    const eps = Number.EPSILON;
    for (let chain = 0; chain < 5; chain++) {
      const g1 = models.get(`${chain}/1`) as GaussianModel;
      for (let t = 1; t <= 6; t++) {
        const g = models.get(`${chain}/${t}`) as GaussianModel;
        // KL(N(μ₁, s₁) ‖ N(μ, s)) = ½[ln(s/s₁) + (s₁ + (μ₁ − μ)²)/s − 1], s the variances.
        const kl =
          0.5 *
          (Math.log(g.variance / g1.variance) +
            (g1.variance + (g1.mean - g.mean) ** 2) / g.variance -
            1);
        const w2 = (g.mean - g1.mean) ** 2 + (Math.sqrt(g.variance) - Math.sqrt(g1.variance)) ** 2;
        const at = (m: string) => r.values[m][chain * 7 + t];
        const where = `chain ${chain}, t=${t}`;
        if (t === 1) {
          expect(at("kl-gen1"), where).toBe(0);
          expect(at("w2-gen1"), where).toBe(0);
        } else {
          // Same formulas rearranged: a few ulps of the terms' magnitude.
          expect(Math.abs(at("kl-gen1") - kl), where).toBeLessThanOrEqual(
            64 * eps * (1 + Math.abs(kl) + g1.variance / g.variance),
          );
          expect(Math.abs(at("w2-gen1") - w2), where).toBeLessThanOrEqual(
            64 * eps * (1 + g.variance + g1.variance + g1.mean ** 2 + g.mean ** 2),
          );
        }
      }
    }
  });

  it("are undefined at generation 0 (no fit yet), with the reason recorded", () => {
    const r = runChains(config("gaussian-mle", 3, 1, 1));
    for (const m of ["kl-gen1", "w2-gen1"]) {
      expect(Number.isNaN(generationValues(r, m, 0)[0]), m).toBe(true);
    }
    expect(r.undefinedValues).toHaveLength(6);
    expect(r.undefinedValues[0].reason).toMatch(/generation 0 comes before the first fit/);
  });

  it("name the model kind they do not apply to (a mixture has no closed-form KL or W₂)", () => {
    expect(() => checkChainConfig(config("gmm", 1, 1, 1))).toThrow(
      /"kl-gen1" is not defined for mixture models/,
    );
  });

  it("Gaussian MLE replace: E W₂²(gen 1, gen t) = Σ_{i<t} c^i/M + c^t + c − 2c·g^(t−1) (K = 4000, α = 1e-4, seed 29)", () => {
    // μ_t − μ₁ = Σ_{1≤i<t} σ_i Z_i/√M and σ_t = σ₁Π_{1<i≤t}√S_i with S_i = χ²_{M−1}/M independent
    // of σ₁: E(μ_t − μ₁)² = Σ_{i<t} c^i/M, E(σ_t − σ₁)² = c^t + c − 2c·g^(t−1), where
    // c = E S = (M−1)/M and g = E√S = √(2/M)·Γ(M/2)/Γ((M−1)/2).
    const M = 10;
    const K = 4000;
    const seed = 29;
    const r = runChains(config("gaussian-mle", K, 8, seed, M));
    const c = (M - 1) / M;
    const g = Math.sqrt(2 / M) * Math.exp(lgamma(M / 2) - lgamma((M - 1) / 2));
    const ts = [2, 4, 8];
    const z = normalQuantile(1 - 1e-4 / (2 * ts.length));
    for (const t of ts) {
      let meanPart = 0;
      for (let i = 1; i < t; i++) meanPart += c ** i / M;
      const expected = meanPart + c ** t + c - 2 * c * g ** (t - 1);
      const v = generationValues(r, "w2-gen1", t);
      const mean = v.reduce((s, x) => s + x, 0) / K;
      const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (K - 1));
      const tolerance = (z * sd) / Math.sqrt(K);
      expect(
        Math.abs(mean - expected),
        `E W₂²(gen 1, gen ${t}), M=${M}, K=${K}, seed ${seed}: expected ${expected}, actual ${mean}, tolerance ${tolerance}`,
      ).toBeLessThanOrEqual(tolerance);
      // From the truth instead (generation 0, σ = 1) it would be Σ_{i<t} c^i/M + 1/M + c^t + 1
      // − 2g^t, larger by generation 1's own error: more than twice the tolerance away, so a
      // metric measured from the truth would fail the check.
      const fromTruth = meanPart + 1 / M + c ** t + 1 - 2 * g ** t;
      expect(fromTruth - expected).toBeGreaterThan(2 * tolerance);
    }
  });
});
