/**
 * runChainsThreaded: chains shared synchronously between this thread and worker threads give
 * exactly runChains' values (each chain has its own stream), whatever the thread count and
 * chunking; workers do take chains; a spec a worker cannot build (a family registered in this
 * file only) and a chunk that fails in a worker run here instead; a chain's error is this
 * thread's own. runReplicates goes through it. Deterministic values; which thread runs which
 * chain varies, the values never do.
 */
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { runReplicates } from "../../src/claims/replicates.ts";
import {
  type ChainSpec,
  configFromSpec,
  defineFamily,
  loadPlugins,
  replicateThreads,
  runChains,
  runChainsThreaded,
} from "../../src/engine.ts";
import { fitThreadProbe } from "./plugins/threadId.ts";

const plugin = (name: string) => fileURLToPath(new URL(`./plugins/${name}.ts`, import.meta.url));
await loadPlugins([plugin("threadId"), plugin("failInWorker")]);

// A family only this file registers: worker threads never see it.
defineFamily({
  name: "threaded-test-local-mle",
  description: "the normal MLE into a thread-probe model, registered by a test file only",
  dataKind: "real",
  modelKind: "thread-probe",
  fit: fitThreadProbe,
});

const serial = (spec: ChainSpec) => runChains(configFromSpec(spec));

/** Runs until the workers have taken part (they start once, for the process), at most 60 s. */
function threadIdsOnceWorkersJoin(spec: ChainSpec): Float64Array {
  const until = Date.now() + 60_000;
  for (;;) {
    const ids = runChainsThreaded(spec, { threads: 2, chunk: 1 }).values["thread-id"];
    if (ids.some((id) => id !== 0) || Date.now() > until) return ids;
  }
}

const slow: ChainSpec = {
  truth: "gaussian",
  family: "slow-probe-mle",
  regime: "replace",
  samples: 20,
  generations: 10,
  chains: 40,
  seed: 11,
  metrics: ["variance", "thread-id"],
};

// The run's own value (the preset sets it for every test worker), restored after each test.
const runThreads = process.env.COLLAPSE_THREADS;
afterEach(() => {
  if (runThreads === undefined) delete process.env.COLLAPSE_THREADS;
  else process.env.COLLAPSE_THREADS = runThreads;
});

describe("runChainsThreaded", () => {
  it("gives runChains' values for any thread count and chunking (built-in families, metrics, offsets)", () => {
    const specs: ChainSpec[] = [
      {
        truth: "gaussian",
        family: "gaussian-unbiased",
        regime: "replace",
        samples: 50,
        generations: 30,
        chains: 23,
        firstChain: 7,
        seed: 3,
        metrics: ["variance", "w2"],
      },
      {
        truth: "zipf:k=30,s=1.1",
        family: "categorical-mle",
        regime: "keep-original:fraction=0.2",
        samples: 200,
        generations: 20,
        chains: 17,
        seed: "s",
        metrics: ["support", "entropy", "tail-mass"],
      },
      {
        truth: "gmm:weights=0.7/0.3,means=-2/2,sds=1/0.5",
        family: "kde",
        regime: "accumulate",
        samples: 40,
        generations: 8,
        chains: 9,
        seed: 5,
        metrics: ["variance", "nll"],
        mcSamples: 200,
      },
    ];
    for (const spec of specs) {
      const expected = serial(spec);
      for (const [threads, chunk] of [
        [2, 1],
        [3, 4],
        [2, undefined],
      ] as const) {
        const got = runChainsThreaded(spec, { threads, chunk, minSeconds: 0 });
        expect(got, `${spec.family} threads ${threads} chunk ${chunk}`).toEqual(expected);
      }
    }
  });

  it("worker threads take chains, with the same values", () => {
    const ids = threadIdsOnceWorkersJoin(slow);
    expect(
      ids.some((id) => id !== 0),
      "no chain ran in a worker thread within 60 s",
    ).toBe(true);
    const got = runChainsThreaded(slow, { threads: 2, chunk: 1 });
    expect(got.values.variance).toEqual(serial(slow).values.variance);
  });

  it("runs here what a worker cannot: a family registered by this file only, a chunk that fails in a worker", () => {
    threadIdsOnceWorkersJoin(slow);
    const local: ChainSpec = { ...slow, family: "threaded-test-local-mle" };
    const got = runChainsThreaded(local, { threads: 2, chunk: 1, minSeconds: 0 });
    expect(got).toEqual(serial(local));
    expect(got.values["thread-id"].every((id) => id === 0)).toBe(true);
    // fail-in-worker throws in a worker thread only (2 ms a fit): those chunks run here again.
    const failing: ChainSpec = {
      ...slow,
      family: "fail-in-worker",
      chains: 30,
      metrics: ["variance"],
    };
    expect(runChainsThreaded(failing, { threads: 2, chunk: 1, minSeconds: 0 })).toEqual(
      serial(failing),
    );
  });

  it("throws a chain's own error, and validates its options", () => {
    const everywhere: ChainSpec = { ...slow, family: "fail-everywhere", metrics: ["variance"] };
    expect(() => runChainsThreaded(everywhere, { threads: 2, minSeconds: 0 })).toThrow(
      "fail-everywhere: no fit",
    );
    expect(() => runChainsThreaded(slow, { threads: 0 })).toThrow(/runChainsThreaded.*threads/);
    expect(() => runChainsThreaded(slow, { threads: 2, chunk: 0 })).toThrow(
      /runChainsThreaded.*chunk/,
    );
    expect(() => runChainsThreaded(slow, { minSeconds: -1 })).toThrow(
      /runChainsThreaded.*minSeconds/,
    );
    expect(() => runChainsThreaded({ ...slow, family: "no-such-family" }, { threads: 2 })).toThrow(
      /no-such-family/,
    );
  });

  it("COLLAPSE_THREADS sets the default thread count; a bad value is a named error", () => {
    process.env.COLLAPSE_THREADS = "3";
    expect(replicateThreads()).toBe(3);
    process.env.COLLAPSE_THREADS = "1";
    // One thread: every chain here.
    expect(runChainsThreaded(slow).values["thread-id"].every((id) => id === 0)).toBe(true);
    for (const bad of ["0", "two", "1.5"]) {
      process.env.COLLAPSE_THREADS = bad;
      expect(() => replicateThreads(), bad).toThrow(/COLLAPSE_THREADS.*integer in \[1, 1024\]/);
    }
  });

  it("runReplicates shares plain specs with workers (same values) and keeps observe in this thread", () => {
    threadIdsOnceWorkersJoin(slow);
    process.env.COLLAPSE_THREADS = "2";
    const { chains: _chains, seed: _seed, ...spec } = slow;
    const range = { seed: "replicates", first: 4, count: 40 };
    const threaded = runReplicates(spec, range);
    const expected = serial({ ...slow, seed: "replicates", firstChain: 4, chains: 40 });
    expect(threaded).toEqual({
      ...expected,
      values: { ...expected.values, "thread-id": threaded.values["thread-id"] },
    });
    expect(threaded.values.variance).toEqual(expected.values.variance);
    const observed = runReplicates(spec, range, { observe: { one: () => 1 } });
    expect(observed.values["thread-id"].every((id) => id === 0)).toBe(true);
    expect(observed.values.variance).toEqual(expected.values.variance);
  });
});
