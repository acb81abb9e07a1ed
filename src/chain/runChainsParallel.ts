import { availableParallelism } from "node:os";
import Tinypool from "tinypool";
import { assertInteger } from "../util/validate.ts";
import { type ChainSpec, configFromSpec } from "./chainSpec.ts";
import { loadPlugins } from "./loadPlugins.ts";
import { type ChainResult, checkChainConfig, concatChainResults, runChains } from "./runChains.ts";

/** Options of {@link runChainsParallel}. */
export interface ParallelConstraints {
  /** Worker threads; 1 runs in this thread. @defaultValue os.availableParallelism() */
  workers?: number;
  /** Chains per task (smaller balances load better). @defaultValue ⌈K / (4·workers)⌉ */
  chunk?: number;
  /** Called as chunks finish with (chains done, total). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Runs the chains of a spec over worker threads (tinypool). Every chain draws from its own
 * derived stream, so the result is bit-identical to {@link runChains} in one thread, whatever
 * the worker count or chunking.
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
  const chunk = constraints.chunk ?? Math.max(1, Math.ceil(K / (4 * workers)));
  assertInteger("runChainsParallel", "chunk", chunk, 1);
  const pool = new Tinypool({
    // Sources: a .mjs entry that registers tsx in the worker; built: the compiled task itself.
    filename: new URL(
      import.meta.url.endsWith(".ts") ? "./chainWorker.mjs" : "./chainWorker.js",
      import.meta.url,
    ).href,
    // Every worker from the start: each loads the engine (and any plug-ins) once, in parallel.
    minThreads: Math.min(workers, Math.ceil(K / chunk)),
    maxThreads: workers,
  });
  let done = 0;
  try {
    const tasks: Promise<ChainResult>[] = [];
    for (let c = 0; c < K; c += chunk) {
      const n = Math.min(chunk, K - c);
      tasks.push(
        (
          pool.run({
            ...spec,
            firstChain: first + c,
            chains: n,
            cwd: process.cwd(),
          }) as Promise<ChainResult>
        ).then((r) => {
          done += n;
          constraints.onProgress?.(done, K);
          return r;
        }),
      );
    }
    return concatChainResults(await Promise.all(tasks));
  } finally {
    await pool.destroy();
  }
}
