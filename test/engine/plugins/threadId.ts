/**
 * A plug-in for the runChainsThreaded tests: metric `thread-id` is the id of the thread that
 * computed it (0 in a process's main thread), so a test can see which chains ran in a worker.
 * Family `slow-gaussian-mle` is the Gaussian MLE, 1 ms a fit, so a call lasts long enough for
 * the workers to take part.
 */
import { threadId } from "node:worker_threads";
import { defineFamily, defineMetric } from "../../../src/engine.ts";

defineMetric({
  name: "thread-id",
  description: "the id of the thread that computed it (a test metric)",
  compute: () => threadId,
});

const pause = new Int32Array(new SharedArrayBuffer(4));

defineFamily({
  name: "slow-gaussian-mle",
  description: "the Gaussian MLE, 1 ms a fit (a test family)",
  dataKind: "real",
  modelKind: "gaussian",
  fitCost: () => 1e6,
  fit: (data) => {
    Atomics.wait(pause, 0, 0, 1);
    const n = data.values.length;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += data.values[i];
    mean /= n;
    let variance = 0;
    for (let i = 0; i < n; i++) variance += (data.values[i] - mean) ** 2;
    return { kind: "gaussian" as const, mean, variance: variance / n };
  },
});
