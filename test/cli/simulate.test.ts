import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { truthFromSpec } from "../../src/chain/specs.ts";
import { summarizeMetric } from "../../src/chain/summarize.ts";
import { runCliInProcess } from "./runInProcess.ts";

const bin = fileURLToPath(new URL("../../bin/collapse.js", import.meta.url));

/** The real binary, as a user runs it (one test keeps this whole path covered). */
function spawnCollapse(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: "utf8",
    env: { ...process.env, CI: "1" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI in process (what bin/collapse.js calls): the same output without a start-up per call. */
const collapse = (...args: string[]) => runCliInProcess(args);

const base = [
  "simulate",
  "--truth",
  "zipf:k=30,s=1.1",
  "--family",
  "categorical-mle",
  "--samples",
  "100",
  "--generations",
  "20",
  "--chains",
  "50",
  "--seed",
  "5",
];

describe("collapse simulate", () => {
  it("--json prints config, generations and per-metric summaries equal to the engine's", async () => {
    const r = spawnCollapse(...base, "--metrics", "support,tail-mass", "--json");
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.generations).toEqual(Array.from({ length: 21 }, (_, t) => t));
    expect(Object.keys(out.metrics)).toEqual(["support", "tail-mass"]);
    // A distribution reads no data set: no data key.
    expect(out.data).toBeUndefined();
    expect(Object.keys(out.metrics.support)).toEqual([
      "mean",
      "se",
      "median",
      "q05",
      "q95",
      "q25",
      "q75",
    ]);
    const engine = runChains(
      configFromSpec({
        truth: "zipf:k=30,s=1.1",
        family: "categorical-mle",
        regime: "replace",
        samples: 100,
        generations: 20,
        chains: 50,
        seed: 5,
        metrics: ["support"],
      }),
    );
    const summary = summarizeMetric(engine, "support");
    for (const k of ["mean", "median", "q05", "q25", "q75", "q95"] as const) {
      expect(out.metrics.support[k], k).toEqual(Array.from(summary[k]));
    }
  });

  it("--workers gives the same numbers as one thread", async () => {
    const one = await collapse(...base, "--metrics", "entropy", "--json");
    const two = await collapse(...base, "--metrics", "entropy", "--json", "--workers", "2");
    expect(two.code, two.stderr).toBe(0);
    expect(JSON.parse(two.stdout).metrics).toEqual(JSON.parse(one.stdout).metrics);
  });

  it("a project plug-in family (neural-lm, loaded in every worker thread) gives the same numbers with --workers 2", async () => {
    // Deterministic: every chain draws from its own derived stream, so the split over threads
    // cannot change a value.
    const args = [
      "simulate",
      "--truth",
      "text:corpus=gpl,k=0.1",
      "--family",
      "neural-lm:init=base",
      "--samples",
      "800",
      "--generations",
      "2",
      "--chains",
      "4",
      "--metrics",
      "support,perplexity",
      "--json",
    ];
    const one = await collapse(...args, "--workers", "1");
    const two = await collapse(...args, "--workers", "2");
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    const metrics = JSON.parse(one.stdout).metrics;
    expect(metrics.perplexity.mean.every((v: unknown) => typeof v === "number")).toBe(true);
    expect(JSON.parse(two.stdout).metrics).toEqual(metrics);
  });

  it("--csv prints one row per generation × metric; infinities are spelled out", async () => {
    const r = await collapse(...base, "--metrics", "support,kl", "--csv");
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("generation,metric,mean,se,median,q05,q95,q25,q75");
    expect(lines).toHaveLength(1 + 21 * 2);
    expect(r.stdout).not.toMatch(/NaN|null/);
    expect(r.stdout).toMatch(/Infinity/);
  });

  it("the default table shows selected generations", async () => {
    const r = await collapse(...base);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/truth zipf:k=30,s=1.1 · family categorical-mle · regime replace/);
    expect(r.stdout).toMatch(/\n\s+20\s/);
  });

  it("linear regression: ols on a regression truth reports test-error equal to the engine's", async () => {
    const regression = [
      "simulate",
      "--truth",
      "regression:d=5,sigma=1",
      "--family",
      "ols",
      "--samples",
      "50",
      "--generations",
      "5",
      "--chains",
      "20",
    ];
    const r = await collapse(...regression, "--metrics", "test-error", "--json");
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out.metrics)).toEqual(["test-error"]);
    expect(out.metrics["test-error"].mean[0]).toBe(0);
    const engine = runChains(
      configFromSpec({
        truth: "regression:d=5,sigma=1",
        family: "ols",
        regime: "replace",
        samples: 50,
        generations: 5,
        chains: 20,
        seed: 1,
        metrics: ["test-error"],
      }),
    );
    expect(out.metrics["test-error"].mean).toEqual(
      Array.from(summarizeMetric(engine, "test-error").mean),
    );
    const tooFew = await collapse(
      ...regression.slice(0, 4),
      "ols:noise=fitted",
      "--samples",
      "5",
      "--generations",
      "2",
    );
    expect(tooFew.code).toBe(2);
    expect(tooFew.stderr).toMatch(/ols: samples must be > d = 5 for noise=fitted.*got 5/);
  });

  it("n-gram on real text: support and held-out perplexity equal to the engine's", async () => {
    const text = [
      "simulate",
      "--truth",
      "text",
      "--family",
      "ngram:order=2,k=0.1",
      "--samples",
      "2000",
      "--generations",
      "5",
      "--chains",
      "4",
    ];
    const r = await collapse(...text, "--metrics", "support,perplexity", "--json");
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out.metrics)).toEqual(["support", "perplexity"]);
    // The corpus, its size and its split head the output.
    expect(out.data).toEqual([truthFromSpec("text").source]);
    expect(out.data[0]).toMatch(/^Brown Corpus .*500 documents.*every 10th held out/);
    const table = await collapse(...text, "--metrics", "support");
    expect(table.stdout.split("\n")[2]).toBe(`data: ${out.data[0]}`);
    // Generation 0 is the MLE bigram of the training text: held-out words it never saw get
    // probability 0, so its perplexity is honestly +∞; add-k generations are finite.
    expect(out.metrics.perplexity.mean[0]).toBe("Infinity");
    for (let t = 1; t <= 5; t++) expect(Number.isFinite(out.metrics.perplexity.mean[t])).toBe(true);
    const engine = runChains(
      configFromSpec({
        truth: "text",
        family: "ngram:order=2,k=0.1",
        regime: "replace",
        samples: 2000,
        generations: 5,
        chains: 4,
        seed: 1,
        metrics: ["support", "perplexity"],
      }),
    );
    expect(out.metrics.perplexity.mean.slice(1)).toEqual(
      Array.from(summarizeMetric(engine, "perplexity").mean).slice(1),
    );
    expect(out.metrics.support.mean).toEqual(Array.from(summarizeMetric(engine, "support").mean));
    const badOrder = await collapse(
      ...text.slice(0, 3),
      ...["--family", "ngram:order=4", "--samples", "10", "--generations", "2"],
    );
    expect(badOrder.code).toBe(2);
    expect(badOrder.stderr).toMatch(
      /family "ngram": order must be an integer >= 2 and <= 3 \(n\), got 4/,
    );
    const missing = await collapse(
      ...["simulate", "--truth", "text:file=/nonexistent/corpus.txt"],
      ...["--family", "ngram", "--samples", "10", "--generations", "2"],
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/text: file must be a readable file \(ENOENT\).*corpus\.txt/);
  });

  it("multivariate Gaussian: default metrics are finite and equal to the engine's", async () => {
    const mv = [
      ...["simulate", "--truth", "mv-gaussian:dim=3", "--family", "mv-gaussian"],
      ...["--samples", "20", "--generations", "10", "--chains", "50"],
    ];
    const r = await collapse(...mv, "--json");
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out.metrics)).toEqual([
      "entropy",
      "kl",
      "variance",
      "log-variance",
      "mean-error",
      "w2",
    ]);
    expect(out.metrics.variance.mean[0]).toBe(3);
    expect(out.metrics["mean-error"].mean[0]).toBe(0);
    for (const id of Object.keys(out.metrics)) {
      for (const v of out.metrics[id].mean) expect(Number.isFinite(v), `${id}: ${v}`).toBe(true);
    }
    const engine = runChains(
      configFromSpec({
        truth: "mv-gaussian:dim=3",
        family: "mv-gaussian",
        regime: "replace",
        samples: 20,
        generations: 10,
        chains: 50,
        seed: 1,
        metrics: ["kl", "variance"],
      }),
    );
    expect(out.metrics.kl.mean).toEqual(Array.from(summarizeMetric(engine, "kl").mean));
    expect(out.metrics.variance.mean).toEqual(Array.from(summarizeMetric(engine, "variance").mean));
    const tail = await collapse(...mv, "--metrics", "tail-mass");
    expect(tail.code).toBe(2);
    expect(tail.stderr).toMatch(/"tail-mass" is not defined for mv-gaussian models/);
  });

  it("unknown names, malformed parameters and incompatible pairs exit non-zero listing what is valid", async () => {
    const unknown = await collapse(
      "simulate",
      "--truth",
      "zipff:k=3",
      "--family",
      "categorical-mle",
      "--samples",
      "10",
      "--generations",
      "2",
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/truth: name must be one of: categorical, zipf, .*got "zipff"/);
    const pair = await collapse(
      "simulate",
      "--truth",
      "gaussian",
      "--family",
      "ngram",
      "--samples",
      "10",
      "--generations",
      "2",
    );
    expect(pair.code).toBe(2);
    expect(pair.stderr).toMatch(
      /family fits sequence data but truth "gaussian" gives real data \(incompatible pair\)/,
    );
    const incompatible = await collapse(
      "simulate",
      "--truth",
      "gaussian",
      "--family",
      "categorical-mle",
      "--samples",
      "10",
      "--generations",
      "2",
    );
    expect(incompatible.code).toBe(2);
    expect(incompatible.stderr).toMatch(/incompatible pair/);
    const badNumber = await collapse(
      "simulate",
      "--truth",
      "gaussian:sd=-1",
      "--family",
      "gaussian-mle",
      "--samples",
      "10",
      "--generations",
      "2",
    );
    expect(badNumber.code).toBe(2);
    expect(badNumber.stderr).toMatch(/gaussian: sd must be finite and > 0, got -1/);
    const badMetric = await collapse(...base, "--metrics", "variance");
    expect(badMetric.code).toBe(2);
    expect(badMetric.stderr).toMatch(/"variance" is not defined for categorical models/);
    const badSamples = await collapse(
      "simulate",
      "--truth",
      "gaussian",
      "--family",
      "gaussian-mle",
      "--samples",
      "0",
      "--generations",
      "2",
    );
    expect(badSamples.code).not.toBe(0);
    expect(badSamples.stderr).toMatch(/--samples must be an integer >= 1, got "0"/);
  });
});
