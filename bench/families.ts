/**
 * Per-family throughput of the chain engine: chains × generations × samples per second for every
 * model family, each on a truth it fits, under replace, single-threaded. Run by hand:
 * `npm run bench:families` (add `-- --quick` for a 5x smaller run). Prints figures, asserts nothing.
 */
import { cpus, loadavg } from "node:os";
import { configFromSpec } from "../src/chain/chainSpec.ts";
import { runChains } from "../src/chain/runChains.ts";
import type { MetricId } from "../src/metrics/metric.ts";

const quick = process.argv.includes("--quick");
const scale = quick ? 5 : 1;

interface Case {
  family: string;
  truth: string;
  samples: number;
  generations: number;
  chains: number;
  metric: MetricId;
}

const cases: Case[] = [
  {
    family: "categorical-mle",
    truth: "zipf:k=100,s=1.1",
    samples: 1000,
    generations: 200,
    chains: 200,
    metric: "support",
  },
  {
    family: "categorical-smoothed:alpha=0.5",
    truth: "zipf:k=100,s=1.1",
    samples: 1000,
    generations: 200,
    chains: 200,
    metric: "support",
  },
  {
    family: "gaussian-mle",
    truth: "gaussian",
    samples: 100,
    generations: 500,
    chains: 400,
    metric: "variance",
  },
  {
    family: "gaussian-unbiased",
    truth: "gaussian",
    samples: 100,
    generations: 500,
    chains: 400,
    metric: "variance",
  },
  {
    family: "kde:bandwidth=0.1",
    truth: "gaussian",
    samples: 200,
    generations: 100,
    chains: 100,
    metric: "variance",
  },
  {
    family: "kde",
    truth: "gaussian",
    samples: 200,
    generations: 100,
    chains: 100,
    metric: "variance",
  },
  {
    family: "gmm:components=2",
    truth: "gmm:weights=0.9/0.1,means=0/4,sds=1/0.5",
    samples: 200,
    generations: 20,
    chains: 20,
    metric: "variance",
  },
  {
    family: "mv-gaussian",
    truth: "mv-gaussian:dim=10,rho=0.3",
    samples: 100,
    generations: 100,
    chains: 100,
    metric: "log-det",
  },
  {
    family: "ols",
    truth: "regression:d=10,sigma=1",
    samples: 100,
    generations: 100,
    chains: 100,
    metric: "test-error",
  },
  {
    family: "ngram:order=2,k=0",
    truth: "text",
    samples: 2000,
    generations: 10,
    chains: 10,
    metric: "support",
  },
  {
    family: "ngram:order=3,k=0",
    truth: "text",
    samples: 2000,
    generations: 10,
    chains: 10,
    metric: "support",
  },
];

console.log(`collapse-harness family benchmark${quick ? " (--quick)" : ""}: replace, one thread`);
console.log(
  `node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"}, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
const header = ["family", "truth", "K×T×M", "seconds", "samples/s", "chain-generations/s"];
const rows: string[][] = [];
for (const c of cases) {
  const chains = Math.max(1, Math.round(c.chains / scale));
  const config = configFromSpec({
    truth: c.truth,
    family: c.family,
    regime: "replace",
    samples: c.samples,
    generations: c.generations,
    chains,
    seed: 1,
    metrics: [c.metric],
  });
  const start = performance.now();
  runChains(config);
  const seconds = (performance.now() - start) / 1000;
  const gens = chains * c.generations;
  rows.push([
    c.family,
    c.truth,
    `${chains}×${c.generations}×${c.samples}`,
    seconds.toFixed(3),
    ((gens * c.samples) / seconds).toExponential(2),
    (gens / seconds).toExponential(2),
  ]);
}
const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
for (const r of [header, ...rows])
  console.log(r.map((cell, j) => cell.padEnd(widths[j])).join("  "));
