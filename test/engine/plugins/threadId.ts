/**
 * A plug-in for the runChainsThreaded tests. Family `slow-probe-mle` fits a normal law by
 * maximum likelihood, 1 ms a fit (so a call lasts long enough for the workers to take part), into
 * model kind `thread-probe`: a normal law that also remembers the id of the thread that fitted it
 * (0 in a process's main thread). Metric `thread-id` reads that id and applies to this kind only,
 * so no other test's default metric list sees it (test files share registries). Their
 * `modelSize` (2n) and `cost` (the components) are there for the run size guard's test.
 */
import { threadId } from "node:worker_threads";
import {
  defineFamily,
  defineMetric,
  defineModelKind,
  fillNormal,
  type RealData,
} from "../../../src/engine.ts";

export interface ThreadProbe {
  readonly kind: "thread-probe";
  readonly mean: number;
  readonly variance: number;
  readonly thread: number;
}

defineModelKind<ThreadProbe>({
  kind: "thread-probe",
  description: "a normal law that remembers which thread fitted it (a test kind)",
  dataKind: "real",
  sample: (m, stream, n): RealData => ({
    kind: "real",
    values: fillNormal(stream, new Float64Array(n), m.mean, Math.sqrt(m.variance)),
  }),
  mean: (m) => m.mean,
  variance: (m) => m.variance,
});

/** The normal MLE of `data` as a thread-probe model of this thread. */
export function fitThreadProbe(data: RealData): ThreadProbe {
  const n = data.values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += data.values[i];
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (data.values[i] - mean) ** 2;
  return { kind: "thread-probe", mean, variance: variance / n, thread: threadId };
}

const pause = new Int32Array(new SharedArrayBuffer(4));

defineFamily({
  name: "slow-probe-mle",
  description: "the normal MLE into a thread-probe model, 1 ms a fit (a test family)",
  dataKind: "real",
  modelKind: "thread-probe",
  fitCost: () => 1e6,
  modelSize: (n) => 2 * n,
  fit: (data): ThreadProbe => {
    Atomics.wait(pause, 0, 0, 1);
    return fitThreadProbe(data);
  },
});

defineMetric({
  name: "thread-id",
  description: "the id of the thread that fitted the model (thread-probe models; a test metric)",
  supports: (kind) => kind.kind === "thread-probe",
  // Generation 0 is the truth (a normal law the test thread built): thread 0.
  supportsTruth: () => true,
  cost: ({ components }) => components,
  compute: (model) => (model.kind === "thread-probe" ? (model as ThreadProbe).thread : 0),
});
