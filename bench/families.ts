/**
 * Per-family × regime throughput of the chain engine, on the path users run (`runChains` from a
 * spec, metrics included): chains × generations × samples per second for every model family,
 * each on a truth it fits, under each regime, single-threaded — next to the same chains in numpy
 * (bench/families_numpy.py, vectorised over chains, replace only) where a reference exists.
 * Run by hand: `npm run bench:families` (add `-- --quick` for a 5x smaller run). Prints figures,
 * asserts nothing.
 */
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
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
  /** Case name of bench/families_numpy.py, when it has one. */
  numpy?: string;
}

const REGIMES = ["replace", "accumulate", "fresh", "keep-original", "accumulate-subsample"];
const numpyScript = fileURLToPath(new URL("./families_numpy.py", import.meta.url));

/** Seconds of the numpy reference (replace), or why there is none. */
function numpySeconds(c: Case, chains: number): number | string {
  if (c.numpy === undefined) return "no reference";
  const r = spawnSync(
    "python3",
    [numpyScript, c.numpy, String(chains), String(c.generations), String(c.samples)],
    { encoding: "utf8" },
  );
  if (r.status !== 0) return `numpy failed: ${r.stderr.trim().split("\n").at(-1)}`;
  const out = JSON.parse(r.stdout);
  return typeof out.seconds === "number" ? out.seconds : String(out.skipped);
}

const cases: Case[] = [
  {
    family: "categorical-mle",
    numpy: "categorical-mle",
    truth: "zipf:k=100,s=1.1",
    samples: 1000,
    generations: 200,
    chains: 200,
    metric: "support",
  },
  {
    family: "categorical-smoothed:alpha=0.5",
    numpy: "categorical-smoothed",
    truth: "zipf:k=100,s=1.1",
    samples: 1000,
    generations: 200,
    chains: 200,
    metric: "support",
  },
  {
    family: "gaussian-mle",
    numpy: "gaussian-mle",
    truth: "gaussian",
    samples: 100,
    generations: 500,
    chains: 400,
    metric: "variance",
  },
  {
    family: "gaussian-unbiased",
    numpy: "gaussian-unbiased",
    truth: "gaussian",
    samples: 100,
    generations: 500,
    chains: 400,
    metric: "variance",
  },
  {
    family: "kde:bandwidth=0.1",
    numpy: "kde-fixed",
    truth: "gaussian",
    samples: 200,
    generations: 100,
    chains: 100,
    metric: "variance",
  },
  {
    family: "kde",
    numpy: "kde-silverman",
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
    truth: "text:corpus=gpl",
    samples: 2000,
    generations: 10,
    chains: 10,
    metric: "support",
  },
  {
    family: "ngram:order=3,k=0",
    truth: "text:corpus=gpl",
    samples: 2000,
    generations: 10,
    chains: 10,
    metric: "support",
  },
  {
    family: "ngram:order=2,k=0",
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
const header = ["family", "regime", "truth", "K×T×M", "seconds", "samples/s", "numpy s", "ratio"];
const rows: string[][] = [];
for (const c of cases) {
  const chains = Math.max(1, Math.round(c.chains / scale));
  const reference = numpySeconds(c, chains);
  for (const regime of REGIMES) {
    const config = configFromSpec({
      truth: c.truth,
      family: c.family,
      regime,
      samples: c.samples,
      generations: c.generations,
      chains,
      seed: 1,
      metrics: [c.metric],
    });
    // Warm up the JIT on a tenth of the chains (untimed), as numpy needs no warm-up.
    runChains({ ...config, chains: Math.max(1, Math.round(chains / 10)) });
    const start = performance.now();
    runChains(config);
    const seconds = (performance.now() - start) / 1000;
    const gens = chains * c.generations;
    const np = regime === "replace" ? reference : "";
    rows.push([
      c.family,
      regime,
      c.truth,
      `${chains}×${c.generations}×${c.samples}`,
      seconds.toFixed(3),
      ((gens * c.samples) / seconds).toExponential(2),
      typeof np === "number" ? np.toFixed(3) : np,
      typeof np === "number" ? `${(seconds / np).toFixed(2)}×` : "",
    ]);
  }
}
const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
for (const r of [header, ...rows])
  console.log(r.map((cell, j) => cell.padEnd(widths[j])).join("  "));
console.log(
  "ratio = engine seconds / numpy seconds (numpy vectorised over chains, replace only; GMM needs scikit-learn, not installed here)",
);
