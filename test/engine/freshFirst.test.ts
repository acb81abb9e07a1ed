/**
 * `fresh:first=n₀`: the number of real samples generation 1 is fitted to, separate from M (He,
 * Xu & Cheng 2025 fit the first model to the n real samples of one generation, then every later
 * one to n fresh real plus m synthetic samples, M = n + m). Checked exactly on the sizes of the
 * training sets and against the exact E[σ²_t] recursion for the Gaussian MLE
 * (docs/theory.md#fresh-data-contraction).
 */
import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { ChainStepper } from "../../src/chain/chainStepper.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { generationValues } from "../../src/chain/summarize.ts";
import { dataSize } from "../../src/model/data.ts";
import { normalQuantile } from "../../src/numeric/index.ts";
import { firstRealCount, regimeRegistry } from "../../src/regimes/regime.ts";
import { derive } from "../../src/rng/index.ts";
import { freshDataGaussianVariance } from "../../src/theory/index.ts";

/** Training-set sizes of generations 1…T of one chain. */
function trainingSizes(regime: string, M: number, T: number): number[] {
  const c = configFromSpec({
    truth: "gaussian",
    family: "gaussian-mle",
    regime,
    samples: M,
    generations: T,
    chains: 1,
    seed: 1,
    metrics: [],
  });
  const stepper = new ChainStepper(
    { truth: c.truth, family: c.family, regime: c.regime, samples: M },
    derive(1, "fresh-first"),
  );
  const sizes: number[] = [];
  for (let t = 1; t <= T; t++) {
    stepper.step();
    sizes.push(dataSize(stepper.data ?? { kind: "real", values: new Float64Array(0) }));
  }
  return sizes;
}

describe("fresh:first — the size of D₁ separate from M", () => {
  it("sizes generation 1's training set only; later ones hold M (n_real real + the rest synthetic)", () => {
    expect(trainingSizes("fresh:real=3,first=4", 10, 3)).toEqual([4, 10, 10]);
    expect(trainingSizes("fresh:real=3", 10, 3)).toEqual([10, 10, 10]);
    expect(trainingSizes("fresh:lambda=1,first=1", 10, 2)).toEqual([1, 10]);
  });

  it("is M by default, for fresh and for every regime without a firstSize", () => {
    // Every built-in regime whose parameters all have defaults (`downstream` requires `after`);
    // plug-in regimes other test files registered in this worker are theirs to test.
    const defaults = regimeRegistry
      .list()
      .filter((r) => r.builtin && Object.values(r.params).every((p) => !p.required));
    expect(defaults.map((r) => r.name)).toContain("fresh");
    for (const { name } of defaults) {
      expect(firstRealCount({ kind: name }, 12), name).toBe(12);
    }
    expect(firstRealCount({ kind: "downstream", after: 2, size: 30 }, 12)).toBe(12);
    expect(firstRealCount({ kind: "fresh", real: 5, first: 5 }, 20)).toBe(5);
  });

  it("names the parameter and the value when first is not an integer in [1, M]", () => {
    expect(() => firstRealCount({ kind: "fresh", first: 11 }, 10)).toThrow(/fresh: first .*got 11/);
    expect(() => firstRealCount({ kind: "fresh", first: 0 }, 10)).toThrow(/first.*got 0/);
    expect(() => firstRealCount({ kind: "fresh", first: 2.5 }, 10)).toThrow(/first.*got 2\.5/);
    expect(() =>
      configFromSpec({
        truth: "gaussian",
        family: "gaussian-mle",
        regime: "fresh:first=x",
        samples: 10,
        generations: 1,
        chains: 1,
        seed: 1,
        metrics: [],
      }),
    ).toThrow(/first/);
  });

  it("Gaussian MLE: E[σ²_t] follows the exact recursion started from a fit to n₀ real samples (K = 4000, α = 1e-4, seed 17)", () => {
    // He et al.'s setting with n = 5 real and m = 15 synthetic samples per generation.
    const M = 20;
    const real = 5;
    const first = 5;
    const T = 8;
    const K = 4000;
    const seed = 17;
    const r = runChains(
      configFromSpec({
        truth: "gaussian",
        family: "gaussian-mle",
        regime: `fresh:real=${real},first=${first}`,
        samples: M,
        generations: T,
        chains: K,
        seed,
        metrics: ["variance", "mean-error"],
      }),
    );
    // Generation 1: σ²_1 = σ²χ²_{n₀−1}/n₀ and (μ_1 − μ)² = σ²Z²/n₀ exactly, so
    // E σ²_1 = (n₀ − 1)/n₀, E δ²_1 = 1/n₀ with Var δ²_1 = 2/n₀²; from there the recursion.
    const a = freshDataGaussianVariance(M, real, T - 1, {
      variance: (first - 1) / first,
      meanError: 1 / first,
    }).variance;
    const ts = [1, 2, 4, 8];
    const alpha = 1e-4;
    const z = normalQuantile(1 - alpha / (2 * (ts.length + 1)));
    const tolerances: number[] = [];
    for (const t of ts) {
      const v = generationValues(r, "variance", t);
      const mean = v.reduce((s, x) => s + x, 0) / K;
      const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (K - 1));
      const tolerance = (z * sd) / Math.sqrt(K);
      tolerances.push(tolerance);
      expect(
        Math.abs(mean - a[t - 1]),
        `E σ²_${t}, M=${M}, real=${real}, first=${first}, K=${K}, seed ${seed}: expected ${a[t - 1]}, actual ${mean}, tolerance ${tolerance}`,
      ).toBeLessThanOrEqual(tolerance);
    }
    const d = generationValues(r, "mean-error", 1);
    const meanError = d.reduce((s, x) => s + x, 0) / K;
    const tolerance = (z * Math.sqrt(2) * (1 / first)) / Math.sqrt(K);
    expect(
      Math.abs(meanError - 1 / first),
      `E δ²_1, first=${first}, K=${K}, seed ${seed}: expected ${1 / first}, actual ${meanError}, tolerance ${tolerance}`,
    ).toBeLessThanOrEqual(tolerance);
    // Without first, generation 1 would have E σ²_1 = (M − 1)/M = 0.95, not 0.8: about four
    // tolerances (seventeen standard errors) away, so the check separates the two.
    expect(Math.abs((M - 1) / M - a[0])).toBeGreaterThan(3 * tolerances[0]);
  });
});
