import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { ChainStepper } from "../../src/chain/chainStepper.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { runChainsUntil } from "../../src/chain/runChainsUntil.ts";
import { generationValues } from "../../src/chain/summarize.ts";
import { categoricalAbsorbed, categoricalModel } from "../../src/model/categorical.ts";
import type { AnyModel } from "../../src/model/kinds.ts";
import { expectModel } from "../../src/model/models.ts";
import { gaussianModel } from "../../src/model/univariate.ts";
import { derive } from "../../src/rng/index.ts";

const categorical = (p0: number, samples: number, chains: number, seed: number) => ({
  ...configFromSpec({
    truth: `categorical:p=${1 - p0}/${p0}`,
    family: "categorical-mle",
    regime: "replace",
    samples,
    generations: 1,
    chains,
    seed,
    metrics: [],
  }),
});

const absorbed = (m: AnyModel) => {
  const p = expectModel(m, "categorical").p[1];
  return p === 0 || p === 1;
};

describe("runChainsUntil: chains run to a stopping time", () => {
  it("a chain stopped at generation s holds exactly runChains' model at s (same draws)", () => {
    const config = categorical(0.3, 10, 40, 11);
    const T = 60;
    const fits = new Map<string, AnyModel>();
    runChains({
      ...config,
      generations: T,
      onFit: (c, t, model) => fits.set(`${c}:${t}`, model),
    });
    const until = runChainsUntil(config, { stop: absorbed, maxGenerations: T });
    for (let c = 0; c < until.chains; c++) {
      const s = until.generation[c];
      expect(until.models[c]).toEqual(fits.get(`${c}:${s}`));
      expect(until.stopped[c]).toBe(absorbed(until.models[c]) ? 1 : 0);
      // Not absorbed before s: the chain stopped at the first absorbed generation.
      for (let t = 1; t < s; t++) expect(absorbed(fits.get(`${c}:${t}`) as AnyModel)).toBe(false);
    }
    expect(until.stopped.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it("M = 2, p₀ = ½: the absorption time is Geometric(½), E[T] = 2, Var[T] = 2 (seed 5)", () => {
    // From one copy in two, the next count is Binomial(2, ½): absorbed with probability ½ each
    // generation. K = 20,000 chains: se of the mean = √(2/K) = 0.01; |z| ≤ 5 has false-alarm
    // probability 5.7e-7.
    const K = 20_000;
    const until = runChainsUntil(categorical(0.5, 2, K, 5), {
      stop: absorbed,
      maxGenerations: 1000,
    });
    let sum = 0;
    let fixedOnOne = 0;
    for (let c = 0; c < K; c++) {
      sum += until.generation[c];
      fixedOnOne += expectModel(until.models[c], "categorical").p[1];
    }
    const meanT = sum / K;
    const z = (meanT - 2) / Math.sqrt(2 / K);
    expect(Math.abs(z), `mean absorption time ${meanT}, expected 2, z = ${z}`).toBeLessThan(5);
    // Fixation on symbol 1 with probability p₀ = ½: se = √(¼/K); |z| ≤ 5 as above.
    const zFix = (fixedOnOne / K - 0.5) / Math.sqrt(0.25 / K);
    expect(Math.abs(zFix), `fixation frequency ${fixedOnOne / K}, expected 0.5`).toBeLessThan(5);
    expect(until.stopped.every((s) => s === 1)).toBe(true);
  });

  it("a chain that never stops ends at maxGenerations with stopped = 0", () => {
    const until = runChainsUntil(categorical(0.5, 50, 3, 2), {
      stop: () => false,
      maxGenerations: 7,
    });
    expect([...until.generation]).toEqual([7, 7, 7]);
    expect([...until.stopped]).toEqual([0, 0, 0]);
  });

  it("names bad options", () => {
    const config = categorical(0.5, 5, 2, 1);
    expect(() => runChainsUntil(config, { stop: absorbed, maxGenerations: 0 })).toThrow(
      /runChainsUntil.*maxGenerations/,
    );
    expect(() =>
      runChainsUntil(config, { stop: 1 as unknown as () => boolean, maxGenerations: 3 }),
    ).toThrow(/runChainsUntil.*stop/);
    expect(() =>
      runChainsUntil(config, { stop: () => 1 as unknown as boolean, maxGenerations: 3 }),
    ).toThrow(/runChainsUntil.*stop.*boolean/);
  });
});

describe("ChainConfig.initialModel and observe", () => {
  const gaussian = configFromSpec({
    truth: "gaussian:mean=0,sd=1",
    family: "gaussian-mle",
    regime: "replace",
    samples: 20,
    generations: 1,
    chains: 4000,
    seed: 9,
    metrics: ["variance"],
  });

  it("a chain started at N(3, 4) is fitted to its samples: E[μ₁] = 3, Var[μ₁] = 4/M (seed 9)", () => {
    const result = runChains({
      ...gaussian,
      initialModel: gaussianModel(3, 4),
      observe: { mu: (m) => expectModel(m, "gaussian").mean },
    });
    expect(generationValues(result, "mu", 0).every((m) => m === 3)).toBe(true);
    expect(generationValues(result, "variance", 0).every((v) => v === 4)).toBe(true);
    const mu = generationValues(result, "mu", 1);
    const mean = mu.reduce((a, b) => a + b, 0) / mu.length;
    // se = √(4/20/4000) ≈ 0.00707; |z| ≤ 5: false-alarm probability 5.7e-7.
    const z = (mean - 3) / Math.sqrt(4 / 20 / 4000);
    expect(Math.abs(z), `mean of μ₁ ${mean}, expected 3, z = ${z}`).toBeLessThan(5);
  });

  it("the stepper draws exactly what runChains draws (same chain stream)", () => {
    const T = 5;
    const fits: AnyModel[] = [];
    runChains({ ...gaussian, chains: 1, generations: T, onFit: (_c, _t, m) => fits.push(m) });
    const stepper = new ChainStepper(gaussian, derive(9, "chain", 0));
    for (let t = 1; t <= T; t++) expect(stepper.step()).toEqual(fits[t - 1]);
    expect(stepper.generation).toBe(T);
  });

  it("observations are stored like metrics; NaN, clashing names and wrong data kinds are refused", () => {
    const result = runChains({
      ...gaussian,
      chains: 50,
      generations: 3,
      observe: { doubled: (m) => 2 * expectModel(m, "gaussian").variance },
    });
    for (let t = 0; t <= 3; t++) {
      const variance = generationValues(result, "variance", t);
      expect(generationValues(result, "doubled", t)).toEqual(variance.map((v) => 2 * v));
    }
    expect(result.observed).toEqual(["doubled"]);
    expect(() => runChains({ ...gaussian, observe: { bad: () => Number.NaN } })).toThrow(
      /observe\.bad.*NaN/,
    );
    expect(() => runChains({ ...gaussian, observe: { variance: () => 1 } })).toThrow(
      /observe.*metric ids/,
    );
    expect(() => runChains({ ...gaussian, initialModel: categoricalModel([0.5, 0.5]) })).toThrow(
      /initialModel.*categorical data/,
    );
  });
});

describe("categoricalAbsorbed", () => {
  it("is true exactly when one symbol holds all the mass", () => {
    expect(categoricalAbsorbed(categoricalModel([0, 1]))).toBe(true);
    expect(categoricalAbsorbed(categoricalModel([1, 0, 0]))).toBe(true);
    expect(categoricalAbsorbed(categoricalModel([0.5, 0.5]))).toBe(false);
    expect(categoricalAbsorbed(categoricalModel([1e-3, 1 - 1e-3]))).toBe(false);
    expect(() => categoricalAbsorbed(gaussianModel(0, 1))).toThrow(
      /categoricalAbsorbed.*model\.kind/,
    );
  });

  it("agrees with the two-symbol test p₁ ∈ {0, 1} on fitted chains (seed 11)", () => {
    const fits: AnyModel[] = [];
    runChains({
      ...categorical(0.3, 10, 40, 11),
      generations: 40,
      onFit: (_c, _t, m) => fits.push(m),
    });
    for (const m of fits) expect(categoricalAbsorbed(m)).toBe(absorbed(m));
    expect(fits.some((m) => categoricalAbsorbed(m))).toBe(true);
  });
});
