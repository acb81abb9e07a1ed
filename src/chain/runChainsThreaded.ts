import { availableParallelism } from "node:os";
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from "node:worker_threads";
import { assertInteger, InvalidParameterError } from "../util/validate.ts";
import { type ChainSpec, configFromSpec } from "./chainSpec.ts";
import { loadedPlugins, loadPlugins } from "./loadPlugins.ts";
import {
  type ChainConfig,
  type ChainResult,
  concatChainResults,
  estimateRun,
  runChains,
} from "./runChains.ts";

/*
 * Synchronous multi-threaded chains, for callers that cannot await (a claim's `simulate`).
 *
 * Work sharing: the chains of a call are taken in chunks from a shared counter (Atomics.add on a
 * SharedArrayBuffer) by this thread and by worker threads kept for the life of the process. A
 * worker posts each chunk's result on its own MessagePort; this thread, when no chunk is left,
 * blocks in Atomics.wait until no worker holds a chunk, then reads the results with
 * receiveMessageOnPort. A worker still starting (loading the engine and the plug-ins) takes no
 * chunk, so no call ever waits for one to start; it joins the calls after. Chain c draws from its
 * own stream derived from the seed and c, so the result is bit-identical to runChains in one
 * thread whatever the thread count, the chunking or which thread ran which chain.
 *
 * A worker knows only the built-in definitions and the plug-in modules this thread has loaded
 * (loadPlugins). A spec that names anything else (a family a claim file registers itself) fails
 * to build there: the worker then takes no chunk, and this thread runs them all. A chunk that
 * fails in a worker is run again here, where it throws its own error.
 */

/** Task message to a worker. */
export interface Task {
  readonly id: number;
  readonly spec: ChainSpec;
  readonly plugins: readonly string[];
  readonly chains: number;
  readonly chunk: number;
  /** [next chunk start, chunks held by workers]. */
  readonly control: Int32Array;
}

/** Messages from a worker. */
export type WorkerReply =
  | { readonly id: number; readonly kind: "result"; readonly result: ChainResult }
  | {
      readonly id: number;
      readonly kind: "failed";
      readonly first: number;
      readonly count: number;
    };

interface PooledWorker {
  readonly worker: Worker;
  readonly port: MessagePort;
}

const pool: PooledWorker[] = [];
let nextTaskId = 0;

/** Whether a worker thread has exited (its threadId is then −1). */
const stopped = (w: PooledWorker) => w.worker.threadId === -1;

/** Adds worker threads until the pool has `size`. */
function growPool(size: number): void {
  while (pool.length < size) {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(
      new URL(
        // Sources: a .mjs entry that registers tsx in the worker; built: the compiled module.
        import.meta.url.endsWith(".ts") ? "./threadWorker.mjs" : "./threadWorker.js",
        import.meta.url,
      ),
      // The plug-ins loaded so far load at once, while the worker waits for its first task.
      { workerData: { port: port2, plugins: loadedPlugins() }, transferList: [port2] },
    );
    // Idle workers never keep the process alive; a worker that dies leaves the pool.
    worker.unref();
    port1.unref();
    const entry = { worker, port: port1 };
    worker.on("error", () => {
      const at = pool.indexOf(entry);
      if (at >= 0) pool.splice(at, 1);
    });
    pool.push(entry);
  }
}

/**
 * Starts the worker threads of {@link runChainsThreaded} now (`threads − 1` of them, default
 * {@link replicateThreads}), so they have loaded the engine and the plug-ins loaded so far by
 * the time a run needs them. The preset's setup does this for claim files.
 */
export function startThreads(threads: number = replicateThreads()): void {
  assertInteger("startThreads", "threads", threads, 1, 1024);
  growPool(threads - 1);
}

/** Options of {@link runChainsThreaded}. */
export interface ThreadedConstraints {
  /**
   * Threads that run chains: this one and `threads − 1` worker threads. @defaultValue
   * {@link replicateThreads}()
   */
  threads?: number;
  /** Chains per chunk. @defaultValue ⌈K / (8·threads)⌉ */
  chunk?: number;
  /**
   * Runs estimated ({@link estimatedSeconds}) below this stay in this thread.
   * @defaultValue {@link THREADED_MIN_SECONDS}
   */
  minSeconds?: number;
}

/**
 * Threads for chains run synchronously ({@link runChainsThreaded}, and through it a claim's
 * `runReplicates`): the environment variable `COLLAPSE_THREADS` when set (an integer ≥ 1; 1 keeps
 * every chain in the calling thread), else the machine's available parallelism.
 */
export function replicateThreads(): number {
  const raw = process.env.COLLAPSE_THREADS;
  if (raw === undefined || raw === "") return availableParallelism();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1024) {
    throw new InvalidParameterError(
      "COLLAPSE_THREADS",
      "COLLAPSE_THREADS",
      "must be an integer in [1, 1024]",
      raw,
    );
  }
  return n;
}

/**
 * Threads each claim file gets when `files` claim files run on `workers` vitest workers (default:
 * one per core) on `cores` cores: the cores ÷ the files that run at once, at least 1.
 */
export function threadsPerClaimFile(
  cores: number,
  workers: number | undefined,
  files: number,
): number {
  const concurrent = Math.max(1, Math.min(workers ?? cores, files));
  return Math.max(1, Math.floor(cores / concurrent));
}

/**
 * Estimated seconds of a run, from {@link estimateRun}: ≈ 10 ns per draw and 1 ns per fit or
 * metric operation. Runs shorter than {@link THREADED_MIN_SECONDS} stay in the calling thread: sharing
 * them costs more than it gains.
 */
export function estimatedSeconds(config: ChainConfig): number {
  const e = estimateRun(config);
  return e.draws * 1e-8 + (e.fitOperations + e.metricOperations) * 1e-9;
}

/** See {@link estimatedSeconds}. */
export const THREADED_MIN_SECONDS = 0.2;

/**
 * Runs the chains of a spec over this thread and `threads − 1` worker threads, synchronously;
 * the result is bit-identical to `runChains(configFromSpec(spec))`. Chains run in this thread
 * alone when `threads` is 1, when there is one chain, or when the run is estimated to take less
 * than `minSeconds` ({@link THREADED_MIN_SECONDS}).
 *
 * @throws InvalidParameterError for a bad spec (as runChains), `threads`, `chunk` or
 * `minSeconds`; a chain's own error, as runChains throws it.
 */
export function runChainsThreaded(
  spec: ChainSpec,
  constraints: ThreadedConstraints = {},
): ChainResult {
  const api = "runChainsThreaded";
  const threads = constraints.threads ?? replicateThreads();
  assertInteger(api, "threads", threads, 1, 1024);
  const config = configFromSpec(spec);
  const K = spec.chains;
  const minSeconds = constraints.minSeconds ?? THREADED_MIN_SECONDS;
  if (!(minSeconds >= 0)) {
    throw new InvalidParameterError(api, "minSeconds", "must be a number ≥ 0", minSeconds);
  }
  if (threads === 1 || K <= 1 || estimatedSeconds(config) < minSeconds) {
    return runChains(config);
  }
  const chunk = constraints.chunk ?? Math.max(1, Math.ceil(K / (8 * threads)));
  assertInteger(api, "chunk", chunk, 1);
  growPool(threads - 1);
  const first = spec.firstChain ?? 0;
  const control = new Int32Array(new SharedArrayBuffer(8));
  const id = nextTaskId++;
  const plugins = [...loadedPlugins(), ...(spec.plugins ?? [])];
  const task: Task = { id, spec, plugins, chains: K, chunk, control };
  const workers = pool.slice(0, threads - 1);
  for (const w of workers) w.port.postMessage(task);
  const results: ChainResult[] = [];
  const runHere = (start: number, count: number) => {
    results.push(runChains({ ...config, firstChain: first + start, chains: count }));
  };
  let ownError: { error: unknown } | undefined;
  try {
    for (;;) {
      const start = Atomics.add(control, 0, chunk);
      if (start >= K) break;
      runHere(start, Math.min(chunk, K - start));
    }
  } catch (error) {
    ownError = { error };
  }
  // Whatever happened here, wait for the chunks workers hold (they read this call's spec).
  for (;;) {
    const held = Atomics.load(control, 1);
    if (held === 0) break;
    if (Atomics.wait(control, 1, held, 1000) === "timed-out" && workers.every(stopped)) {
      throw new Error(
        `${api}: every worker thread stopped while holding ${held} chunk(s) of chains`,
      );
    }
  }
  if (ownError !== undefined) throw ownError.error;
  const failed: { first: number; count: number }[] = [];
  for (const w of workers) {
    for (;;) {
      const m = receiveMessageOnPort(w.port);
      if (m === undefined) break;
      const reply = m.message as WorkerReply;
      if (reply.id !== id) continue;
      if (reply.kind === "result") results.push(reply.result);
      else failed.push({ first: reply.first, count: reply.count });
    }
  }
  // A chunk a worker could not run: run it here (it throws here if it fails here too).
  for (const f of failed) runHere(f.first, f.count);
  return concatChainResults(results);
}

/**
 * A worker's side of a task: load the plug-ins, build the spec (a spec it cannot build takes no
 * chunk), then take chunks until none is left or one fails, posting each result.
 *
 * @internal For threadWorker.ts.
 */
export async function serveTask(
  task: Task,
  reply: (r: WorkerReply, transfer: ArrayBuffer[]) => void,
): Promise<void> {
  const { control, chains: K, chunk, id } = task;
  let config: ChainConfig;
  try {
    await loadPlugins(task.plugins);
    config = configFromSpec(task.spec);
  } catch {
    return;
  }
  const first = task.spec.firstChain ?? 0;
  for (;;) {
    Atomics.add(control, 1, 1);
    const start = Atomics.add(control, 0, chunk);
    if (start >= K) {
      Atomics.sub(control, 1, 1);
      Atomics.notify(control, 1);
      return;
    }
    const count = Math.min(chunk, K - start);
    let failed = false;
    try {
      const result = runChains({ ...config, firstChain: first + start, chains: count });
      reply(
        { id, kind: "result", result },
        Object.values(result.values).map((v) => v.buffer as ArrayBuffer),
      );
    } catch {
      // The calling thread runs this chunk again; the rest of the task is left to it too.
      reply({ id, kind: "failed", first: start, count }, []);
      failed = true;
    } finally {
      Atomics.sub(control, 1, 1);
      Atomics.notify(control, 1);
    }
    if (failed) return;
  }
}
