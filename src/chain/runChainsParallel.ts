import { availableParallelism } from "node:os";
import Tinypool from "tinypool";
import { assertInteger } from "../util/validate.ts";
import { type ChainSpec, configFromSpec } from "./chainSpec.ts";
import { loadPlugins } from "./loadPlugins.ts";
import { type ChainResult, checkChainConfig, concatChainResults, runChains } from "./runChains.ts";

/** Options of {@link runChainsParallel}. */
export interface ParallelConstraints {
  /**
   * Threads that run chains: this one and `workers − 1` worker threads; 1 runs everything in
   * this thread. @defaultValue os.availableParallelism()
   */
  workers?: number;
  /**
   * Chains per worker task (fewer near the end; this thread takes a quarter of it at a time).
   * @defaultValue ⌈K / (8·workers)⌉
   */
  chunk?: number;
  /** Called as chunks finish with (chains done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** Lets pending messages (finished worker tasks) be handled between this thread's chunks. */
const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs the chains of a spec over threads: chunks of consecutive chains are taken, in order, by
 * whichever thread is free — this thread and `workers − 1` worker threads (tinypool). This
 * thread starts at once, while the workers load the engine (≈ 0.2 s each), and hands finished
 * work on between its chunks. Every chain draws from its own derived stream, so the result is
 * bit-identical to {@link runChains} in one thread, whatever the worker count or chunking.
 */
export async function runChainsParallel(
  spec: ChainSpec,
  constraints: ParallelConstraints = {},
): Promise<ChainResult> {
  const workers = constraints.workers ?? availableParallelism();
  assertInteger("runChainsParallel", "workers", workers, 1, 1024);
  await loadPlugins(spec.plugins);
  checkChainConfig(configFromSpec(spec));
  const K = spec.chains;
  const first = spec.firstChain ?? 0;
  if (workers === 1 || K <= 1) {
    return runChains({ ...configFromSpec(spec), onProgress: constraints.onProgress });
  }
  const chunk = constraints.chunk ?? Math.max(1, Math.ceil(K / (8 * workers)));
  assertInteger("runChainsParallel", "chunk", chunk, 1);
  const threads = Math.min(workers - 1, Math.ceil(K / chunk) - 1);
  const pool =
    threads > 0
      ? new Tinypool({
          // Sources: a .mjs entry that registers tsx in the worker; built: the compiled task itself.
          filename: new URL(
            import.meta.url.endsWith(".ts") ? "./chainWorker.mjs" : "./chainWorker.js",
            import.meta.url,
          ).href,
          // Every worker from the start: each loads the engine (and any plug-ins) once, in parallel.
          minThreads: threads,
          maxThreads: threads,
          // Two tasks in hand per worker: the next one is already there when one ends.
          concurrentTasksPerWorker: 2,
        })
      : undefined;
  // The chains not yet taken are next…K − 1 (relative to `first`). A worker takes a chunk (less
  // near the end, so the threads finish together); this thread takes a quarter chunk at a time,
  // so it hands finished worker tasks their successors often.
  let next = 0;
  const take = (size: number) => {
    const n = Math.min(size, K - next);
    const range = { firstChain: first + next, chains: n };
    next += n;
    return range;
  };
  const ownChunk = Math.max(1, Math.ceil(chunk / 4));
  const workerChunk = () =>
    Math.max(ownChunk, Math.min(chunk, Math.ceil((K - next) / (2 * workers))));
  const results: ChainResult[] = [];
  let done = 0;
  const finished = (r: ChainResult) => {
    results.push(r);
    done += r.chains;
    constraints.onProgress?.(done, K);
  };
  // The first error of any thread: once set, no thread takes more work and the run rejects with it.
  let failure: { error: unknown } | undefined;
  // Worker tasks under way: awaited once this thread has nothing left to take.
  const inflight = new Set<Promise<void>>();
  const inWorker = async (p: Tinypool) => {
    // A task of no chains: resolves once the worker has loaded the engine and the plug-ins, so
    // no chunk waits in the queue of a worker still starting (a short run ends without them).
    // A worker that fails to start only leaves its share to the other threads.
    await p.run({ ...spec, firstChain: first, chains: 0, cwd: process.cwd() });
    while (next < K && failure === undefined) {
      const range = take(workerChunk());
      const task = (p.run({ ...spec, ...range, cwd: process.cwd() }) as Promise<ChainResult>).then(
        finished,
        (error: unknown) => {
          failure ??= { error };
        },
      );
      inflight.add(task);
      await task;
      inflight.delete(task);
    }
  };
  try {
    if (pool !== undefined) {
      for (let w = 0; w < 2 * threads; w++) inWorker(pool).catch(() => {});
    }
    // Let the workers take their first message before this thread blocks on its own chunks.
    await yieldToEvents();
    while (next < K && failure === undefined) {
      try {
        finished(runChains(configFromSpec({ ...spec, ...take(ownChunk) })));
      } catch (error) {
        failure ??= { error };
      }
      await yieldToEvents();
    }
    while (inflight.size > 0) await Promise.all(inflight);
    if (failure !== undefined) throw failure.error;
    return concatChainResults(results);
  } finally {
    await pool?.destroy();
  }
}
