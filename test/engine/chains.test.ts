import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ChainSpec } from "../../src/chain/chainSpec.ts";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { concatChainResults, runChains } from "../../src/chain/runChains.ts";
import { runChainsParallel } from "../../src/chain/runChainsParallel.ts";
import { fractionBelow, summarizeMetric } from "../../src/chain/summarize.ts";
import { expectModel } from "../../src/model/models.ts";

const spec: ChainSpec = {
  truth: "zipf:k=20,s=1.1",
  family: "categorical-mle",
  regime: "replace",
  samples: 50,
  generations: 30,
  chains: 12,
  seed: 3,
  metrics: ["support", "tail-mass", "entropy"],
};

describe("chains: results depend only on the seed and chain index", () => {
  it("any slicing of the chain range gives the same values", () => {
    const whole = runChains(configFromSpec(spec));
    const parts = [
      runChains(configFromSpec({ ...spec, chains: 5 })),
      runChains(configFromSpec({ ...spec, firstChain: 5, chains: 4 })),
      runChains(configFromSpec({ ...spec, firstChain: 9, chains: 3 })),
    ];
    const joined = concatChainResults([parts[2], parts[0], parts[1]]);
    for (const id of spec.metrics) expect(joined.values[id]).toEqual(whole.values[id]);
  });

  it("selecting fewer metrics does not change the trajectories", () => {
    const whole = runChains(configFromSpec(spec));
    const one = runChains(configFromSpec({ ...spec, metrics: ["support"] }));
    expect(one.values.support).toEqual(whole.values.support);
  });

  it("worker threads give bit-identical results to one thread", async () => {
    const gauss: ChainSpec = {
      truth: "gaussian:mean=0,sd=1",
      family: "kde:bandwidth=0.1",
      regime: "accumulate-subsample",
      samples: 20,
      generations: 10,
      chains: 9,
      seed: "parallel",
      metrics: ["variance", "entropy", "w2"],
      mcSamples: 200,
    };
    const serial = runChains(configFromSpec(gauss));
    const parallel = await runChainsParallel(gauss, { workers: 2, chunk: 2 });
    for (const id of gauss.metrics) expect(parallel.values[id]).toEqual(serial.values[id]);
  });

  it("an error in a worker or in this thread rejects the run with it", async () => {
    const failing = (family: string): ChainSpec => ({
      truth: "gaussian",
      family,
      regime: "replace",
      samples: 20,
      generations: 5,
      // 400 chains × 5 fits × 2 ms in this thread: the workers start long before it is done.
      chains: 400,
      seed: 1,
      metrics: ["variance"],
      plugins: [fileURLToPath(new URL("./plugins/failInWorker.ts", import.meta.url))],
    });
    // Every chain fails in a worker (this thread's own pieces succeed): the worker's error.
    await expect(
      runChainsParallel(failing("fail-in-worker"), { workers: 2, chunk: 4 }),
    ).rejects.toThrow("fail-in-worker: fitted in a worker thread");
    // This thread's first piece fails before any worker has started.
    await expect(
      runChainsParallel(failing("fail-everywhere"), { workers: 2, chunk: 4 }),
    ).rejects.toThrow("fail-everywhere: no fit");
  });

  it("however the chains are split between this thread and the workers", async () => {
    // This thread takes ⌈chunk/4⌉ chains at a time, the workers chunks that shrink near the end:
    // uneven pieces, whose order of completion varies from run to run.
    const wide: ChainSpec = { ...spec, chains: 23, firstChain: 7 };
    const serial = runChains(configFromSpec(wide));
    for (const [workers, chunk] of [
      [2, 1],
      [3, 5],
      [2, undefined],
      [3, 40],
    ] as const) {
      const progress: number[] = [];
      const parallel = await runChainsParallel(wide, {
        workers,
        ...(chunk === undefined ? {} : { chunk }),
        onProgress: (done, total) => {
          expect(total).toBe(23);
          progress.push(done);
        },
      });
      expect(parallel.firstChain).toBe(7);
      expect(parallel.chains).toBe(23);
      for (const id of wide.metrics) expect(parallel.values[id]).toEqual(serial.values[id]);
      // Progress rises to K, one report per finished piece.
      expect(progress.at(-1)).toBe(23);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
    }
  });

  it("onFit sees every fit (chain, generation, model, training set) and changes nothing", () => {
    const seen: string[] = [];
    let consistent = true;
    const observed = runChains({
      ...configFromSpec({ ...spec, firstChain: 4, chains: 3 }),
      onFit: (chain, t, model, data) => {
        seen.push(`${chain}:${t}`);
        if (model.kind !== "categorical" || data.kind !== "categorical") consistent = false;
        else if (
          expectModel(model, "categorical").p.some((p, i) => p !== data.counts[i] / data.size)
        )
          consistent = false;
      },
    });
    const plain = runChains(configFromSpec({ ...spec, firstChain: 4, chains: 3 }));
    expect(seen).toHaveLength(3 * spec.generations);
    expect(seen[0]).toBe("4:1");
    expect(seen.at(-1)).toBe(`6:${spec.generations}`);
    expect(consistent).toBe(true);
    for (const id of spec.metrics) expect(observed.values[id]).toEqual(plain.values[id]);
  });

  it("summaries: generation 0 is the truth; quantiles and fractions are consistent", () => {
    const r = runChains(configFromSpec(spec));
    const s = summarizeMetric(r, "support");
    expect(s.mean[0]).toBe(20);
    expect(s.se[0]).toBe(0);
    for (let t = 0; t <= spec.generations; t++) {
      expect(s.q05[t]).toBeLessThanOrEqual(s.median[t]);
      expect(s.median[t]).toBeLessThanOrEqual(s.q95[t]);
    }
    const f = fractionBelow(r, "support", 21);
    expect(Array.from(f).every((v) => v === 1)).toBe(true);
  });

  it("rejects incompatible pairs and unknown names with messages listing what is valid", () => {
    expect(() => configFromSpec({ ...spec, family: "gaussian-mle" })).not.toThrow();
    expect(() => runChains(configFromSpec({ ...spec, family: "gaussian-mle" }))).toThrow(
      /runChains: family fits real data but truth "zipf" gives categorical data \(incompatible pair\)/,
    );
    expect(() => configFromSpec({ ...spec, truth: "zipff:k=3" })).toThrow(
      /truth: name must be one of: categorical, zipf, dirichlet, /,
    );
    expect(() => configFromSpec({ ...spec, truth: "zipf:k=3" })).toThrow(
      /truth "zipf": s is required/,
    );
    expect(() => configFromSpec({ ...spec, truth: "zipf:k=3,s=x" })).toThrow(
      /truth "zipf": s must be a finite number/,
    );
    expect(() => configFromSpec({ ...spec, regime: "fresh:foo=1" })).toThrow(
      /regime "fresh": parameter must be one of: real, lambda, first, got "foo"/,
    );
    expect(() => runChains(configFromSpec({ ...spec, metrics: ["variance"] }))).toThrow(
      /"variance" is not defined for categorical models/,
    );
    expect(() =>
      runChains(
        configFromSpec({
          ...spec,
          truth: "gaussian",
          family: "gaussian-mle",
          transforms: ["top-k:k=3"],
          metrics: ["variance"],
        }),
      ),
    ).toThrow(/"top-k" does not apply to gaussian models/);
    expect(() => runChains(configFromSpec({ ...spec, samples: 0 }))).toThrow(
      /runChains: samples must be an integer in \[1, .*got 0/,
    );
  });
});
