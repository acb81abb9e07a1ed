/**
 * Chain-simulation benchmark: the TypeScript kernels against numpy on the same two workloads,
 * in one invocation. Run by hand: `npm run bench` (add `-- --quick` for a 10x smaller run).
 *
 * 1. Gaussian chains: K chains × T generations × M samples; each generation draws M normals from
 *    N(μ_t, σ_t²) and refits the mean and the unbiased variance.
 * 2. Categorical chains: K chains, Zipf(s) over k symbols, M samples per generation by
 *    multinomial resampling, refit by frequencies, T generations.
 *
 * Always the real procedure (draw the samples, refit); no sufficient-statistic shortcut. The
 * TypeScript side is single-threaded; numpy is single-threaded for these operations too.
 */
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { meanVariance } from "../src/numeric/index.ts";
import { derive } from "../src/rng/index.ts";
import { fillNormal, multinomial, zipfProbabilities } from "../src/sample/index.ts";

const quick = process.argv.includes("--quick");
const scale = quick ? 10 : 1;
const G = { K: 1000 / scale, T: 1000, M: 100 };
const C = { K: 1000 / scale, T: 500, M: 1000, k: 100, s: 1.1 };
const SEED = 1;

function gaussianChains(): { seconds: number; meanSd: number } {
  const x = new Float64Array(G.M);
  let sdSum = 0;
  const start = performance.now();
  for (let c = 0; c < G.K; c++) {
    const stream = derive(SEED, "bench", "gaussian", c);
    let mu = 0;
    let sd = 1;
    for (let t = 0; t < G.T; t++) {
      fillNormal(stream, x, mu, sd);
      const fit = meanVariance(x, 1); // refit: mean and unbiased variance
      mu = fit.mean;
      sd = Math.sqrt(fit.variance);
    }
    sdSum += sd;
  }
  return { seconds: (performance.now() - start) / 1000, meanSd: sdSum / G.K };
}

function categoricalChains(): { seconds: number; meanSupport: number } {
  const p0 = zipfProbabilities(C.k, C.s);
  const p = new Float64Array(C.k);
  const counts = new Int32Array(C.k);
  let supportSum = 0;
  const start = performance.now();
  for (let c = 0; c < C.K; c++) {
    const stream = derive(SEED, "bench", "categorical", c);
    p.set(p0);
    for (let t = 0; t < C.T; t++) {
      multinomial(stream, C.M, p, counts);
      for (let i = 0; i < C.k; i++) p[i] = counts[i] / C.M;
    }
    for (let i = 0; i < C.k; i++) if (p[i] > 0) supportSum++;
  }
  return { seconds: (performance.now() - start) / 1000, meanSupport: supportSum / C.K };
}

interface NumpyResult {
  numpy: string;
  gaussian: number;
  categorical: number;
}

function runNumpy(): NumpyResult | string {
  const script = fileURLToPath(new URL("./chains_numpy.py", import.meta.url));
  const args = [
    script,
    `K=${G.K}`,
    `T=${G.T}`,
    `M=${G.M}`,
    `CK=${C.K}`,
    `CT=${C.T}`,
    `CM=${C.M}`,
    `k=${C.k}`,
    `s=${C.s}`,
  ];
  const r = spawnSync("python3", args, { encoding: "utf8" });
  if (r.error) return `python3 not available (${r.error.message})`;
  if (r.status !== 0) return `numpy run failed: ${r.stderr.trim().split("\n").slice(-1)[0]}`;
  return JSON.parse(r.stdout) as NumpyResult;
}

function fmt(seconds: number, samples: number): string {
  return `${seconds.toFixed(3)} s  (${(samples / seconds / 1e6).toFixed(1)} M samples/s)`;
}

const gSamples = G.K * G.T * G.M;
const cSamples = C.K * C.T * C.M;
console.log(`collapse-harness chain benchmark${quick ? " (--quick)" : ""}`);
console.log(`node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"}`);
console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
const g = gaussianChains();
console.log(
  `gaussian    K=${G.K} T=${G.T} M=${G.M}: TS ${fmt(g.seconds, gSamples)}  mean σ_T=${g.meanSd.toFixed(4)}`,
);
const cat = categoricalChains();
console.log(
  `categorical K=${C.K} T=${C.T} M=${C.M} k=${C.k} zipf(${C.s}): TS ${fmt(cat.seconds, cSamples)}  mean support=${cat.meanSupport.toFixed(2)}`,
);
const np = runNumpy();
if (typeof np === "string") {
  console.log(`numpy comparison skipped: ${np}`);
} else {
  console.log(`numpy ${np.numpy}: gaussian ${fmt(np.gaussian, gSamples)}`);
  console.log(`numpy ${np.numpy}: categorical ${fmt(np.categorical, cSamples)}`);
  console.log(
    `ratio TS/numpy: gaussian ${(g.seconds / np.gaussian).toFixed(2)}x, categorical ${(cat.seconds / np.categorical).toFixed(2)}x (≤ 1.00 means TS is as fast or faster)`,
  );
}
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
