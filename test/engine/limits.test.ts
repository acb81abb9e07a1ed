/** Size guards: runs too large for the machine are refused up front, naming what to change. */
import { describe, expect, it } from "vitest";
import { type ChainSpec, configFromSpec } from "../../src/chain/chainSpec.ts";
import { checkChainConfig, estimateRun, RUN_LIMITS } from "../../src/chain/runChains.ts";
import { truthFromSpec } from "../../src/chain/specs.ts";

const spec: ChainSpec = {
  truth: "gaussian",
  family: "gaussian-mle",
  regime: "replace",
  samples: 100,
  generations: 10,
  chains: 10,
  seed: 1,
  metrics: ["variance"],
};
const check = (s: Partial<ChainSpec>) => () => checkChainConfig(configFromSpec({ ...spec, ...s }));

describe("run size limits", () => {
  it("estimates what the run holds and draws", () => {
    const e = estimateRun(
      configFromSpec({ ...spec, regime: "accumulate", transforms: ["select:fraction=0.25"] }),
    );
    // 8 bytes × 10 chains × 11 generations × 1 metric; pool of T·M = 1000 values (the
    // oversampled set is 400); draws 10·10·100 × 4.
    // Gaussian fits cost nothing beyond reading the data: no fit operations counted.
    expect(e).toEqual({
      resultBytes: 880,
      trainingSetValues: 1000,
      draws: 40_000,
      fitOperations: 0,
      metricOperations: 0,
    });
  });

  it("counts keep-original's (1 + λ)·|kept| training sets (Bertrand's loop)", () => {
    const e = estimateRun(configFromSpec({ ...spec, regime: "keep-original:fraction=1,lambda=4" }));
    // Training sets of 100 + 400 points; 400 synthetic draws per chain and generation.
    expect(e).toMatchObject({ trainingSetValues: 500, draws: 10 * 10 * 400 });
    expect(check({ regime: "keep-original:fraction=1,lambda=1e7" })).toThrow(
      /values in one training set/,
    );
  });

  it("counts d values per point and the fits' arithmetic (fitCost) for d-dimensional data", () => {
    const e = estimateRun(
      configFromSpec({
        ...spec,
        truth: "mv-gaussian:dim=50",
        family: "mv-gaussian",
        metrics: ["variance"],
      }),
    );
    // 10 chains × 10 generations × 100 points × 50 values; each fit 2·100·50² + 50³.
    expect(e).toMatchObject({
      trainingSetValues: 5000,
      draws: 500_000,
      fitOperations: 100 * (2 * 100 * 2500 + 125_000),
    });
    // GMM: 200 EM sweeps × k densities × n points × 20 (an exp each) per fit.
    const g = estimateRun(configFromSpec({ ...spec, family: "gmm:components=3" }));
    expect(g.fitOperations).toBe(100 * 200 * 3 * 100 * 20);
  });

  it("refuses runs whose fits would take hours: mv-gaussian at its largest dimension", () => {
    expect(
      check({
        truth: "mv-gaussian:dim=1000",
        family: "mv-gaussian",
        samples: 1000,
        generations: 20,
        chains: 100,
        metrics: ["variance"],
      }),
    ).toThrow(
      /6\.00e\+12 arithmetic operations of the run's fits, above the limit 4\.00e\+12 .*dimension 1000/,
    );
    expect(
      check({ family: "gmm:components=1000", samples: 2000, generations: 20, chains: 100 }),
    ).toThrow(/arithmetic operations of the run's fits/);
  });

  it("costs metrics that visit every component of a KDE (nll, l2) and refuses hour-long ones", () => {
    const kde = { truth: "gaussian", family: "kde", samples: 100_000, generations: 100 };
    // nll: every held-out point (mcSamples 4000) against every centre (n = 1e5), (d + 1)² each,
    // at 101 recorded generations of 10 chains.
    const nll = estimateRun(configFromSpec({ ...spec, ...kde, metrics: ["nll"] }));
    expect(nll.metricOperations).toBe(10 * 101 * 4000 * 100_000 * 4);
    // l2: every pair among the n centres and the truth's single component, (d + 1)³ each.
    const l2 = estimateRun(configFromSpec({ ...spec, ...kde, metrics: ["l2"] }));
    expect(l2.metricOperations).toBe(10 * 101 * 100_001 ** 2 * 8);
    // recordAt: only the recorded generations are costed.
    const few = estimateRun(
      configFromSpec({ ...spec, ...kde, metrics: ["l2"], recordAt: [1, 100] }),
    );
    expect(few.metricOperations).toBe(10 * 2 * 100_001 ** 2 * 8);
    // A GMM has k components whatever n: nothing to guard.
    const gmm = estimateRun(
      configFromSpec({ ...spec, family: "gmm:components=3", metrics: ["l2"] }),
    );
    expect(gmm.metricOperations).toBe(10 * 11 * 16 * 8);
    expect(check({ ...kde, metrics: ["l2"] })).toThrow(
      /runChains: samples .*8\.08e\+13 arithmetic operations of the run's metric values, above the limit 4\.00e\+12 .*allowLarge: true/,
    );
    expect(check({ ...kde, metrics: ["nll"] })).not.toThrow();
    expect(check({ ...kde, samples: 1_000_000, metrics: ["nll"] })).toThrow(
      /arithmetic operations of the run's metric values/,
    );
    expect(check({ ...kde, metrics: ["l2"], allowLarge: true })).not.toThrow();
  });

  it("a plug-in family's modelSize and a plug-in metric's cost enter the estimate", async () => {
    await import("./plugins/threadId.ts");
    const e = estimateRun(
      configFromSpec({ ...spec, family: "slow-probe-mle", metrics: ["thread-id"] }),
    );
    // cost = components = modelSize(100) = 200 per value, 10 chains × 11 generations.
    expect(e.metricOperations).toBe(10 * 11 * 200);
  });

  it("refuses too many results, too large a training set, too many draws — naming the parameter, the estimate and the override", () => {
    expect(check({ chains: 1e9, generations: 10 })).toThrow(
      /runChains: chains .*8\.80e\+10 chains × \(generations \+ 1\) × metrics × 8 bytes of results, above the limit 2\.15e\+9.*allowLarge: true \(CLI --allow-large\)/,
    );
    expect(check({ samples: 1e6, generations: 1000, regime: "accumulate", chains: 1 })).toThrow(
      /runChains: samples .*1\.00e\+9 values in one training set/,
    );
    expect(check({ samples: 1000, transforms: ["select:fraction=1e-6"] })).toThrow(
      /runChains: samples .*1\.00e\+9 values in one training set/,
    );
    expect(check({ samples: 1e8, generations: 1e4, chains: 10, metrics: [] })).toThrow(
      /runChains: samples .*random draws in the whole run .*above the limit 1\.00e\+11/,
    );
  });

  it("Monte Carlo metrics count their draws: --mc-samples 1e9 is refused", () => {
    expect(check({ metrics: ["kl"], mcSamples: 1e9 })).toThrow(
      /random draws in the whole run \(Monte Carlo metrics included\)/,
    );
    expect(check({ metrics: ["variance"], mcSamples: 1e9 })).not.toThrow();
  });

  it("allowLarge lifts the guard; ordinary runs are far below it", () => {
    expect(check({ chains: 1e9, generations: 10, allowLarge: true })).not.toThrow();
    const ordinary = estimateRun(configFromSpec({ ...spec, chains: 1000, generations: 500 }));
    expect(ordinary.resultBytes).toBeLessThan(RUN_LIMITS.resultBytes / 100);
  });

  it("dimensions have documented maxima", () => {
    expect(() => truthFromSpec("mv-gaussian:dim=5000")).toThrow(/mv-gaussian.*dim.*1000/);
    expect(() => truthFromSpec("regression:d=1000000,sigma=1")).toThrow(/regression.*d.*2000/);
  });
});

describe("collapse simulate --allow-large", () => {
  it("the CLI spec refuses the large run and passes it with allowLarge", async () => {
    const { simulateSpec } = await import("../../src/cli/simulate.ts");
    const o = {
      truth: "gaussian",
      family: "gaussian-mle",
      regime: "replace",
      samples: 1e8,
      generations: 1e4,
      chains: 10,
      seed: 1,
      metrics: "variance",
      format: "table" as const,
      progress: false,
    };
    expect(() => simulateSpec(o)).toThrow(/--allow-large/);
    expect(simulateSpec({ ...o, allowLarge: true }).allowLarge).toBe(true);
  });
});
