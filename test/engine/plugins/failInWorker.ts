/**
 * A plug-in for the worker-thread tests: family `fail-in-worker` fits the Gaussian MLE in the
 * main thread, slowly (2 ms a fit, so the workers start before this thread has run every chain),
 * and throws in a worker thread; `fail-everywhere` always throws.
 */
import { isMainThread } from "node:worker_threads";
import { defineFamily } from "../../../src/engine.ts";

interface Gaussian {
  readonly kind: "gaussian";
  readonly mean: number;
  readonly variance: number;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

defineFamily({
  name: "fail-in-worker",
  description: "the Gaussian MLE, which throws in a worker thread",
  dataKind: "real",
  modelKind: "gaussian",
  fit: (data): Gaussian => {
    if (!isMainThread) throw new Error("fail-in-worker: fitted in a worker thread");
    Atomics.wait(pause, 0, 0, 2);
    const n = data.values.length;
    const mean = data.values.reduce((a, b) => a + b, 0) / n;
    const variance = data.values.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    return { kind: "gaussian", mean, variance };
  },
});

defineFamily({
  name: "fail-everywhere",
  description: "a family whose fit always throws",
  dataKind: "real",
  modelKind: "gaussian",
  fit: (): Gaussian => {
    throw new Error("fail-everywhere: no fit");
  },
});
