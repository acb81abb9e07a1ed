import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { summarizeMetric } from "../../src/chain/summarize.ts";

const bin = fileURLToPath(new URL("../../bin/collapse.js", import.meta.url));

function collapse(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: "utf8",
    env: { ...process.env, CI: "1" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

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
  it("--json prints config, generations and per-metric summaries equal to the engine's", () => {
    const r = collapse(...base, "--metrics", "support,tail-mass", "--json");
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.generations).toEqual(Array.from({ length: 21 }, (_, t) => t));
    expect(Object.keys(out.metrics)).toEqual(["support", "tail-mass"]);
    expect(Object.keys(out.metrics.support)).toEqual(["mean", "se", "median", "q05", "q95"]);
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
    expect(out.metrics.support.mean).toEqual(Array.from(summarizeMetric(engine, "support").mean));
  });

  it("--workers gives the same numbers as one thread", () => {
    const one = collapse(...base, "--metrics", "entropy", "--json");
    const two = collapse(...base, "--metrics", "entropy", "--json", "--workers", "2");
    expect(two.code, two.stderr).toBe(0);
    expect(JSON.parse(two.stdout).metrics).toEqual(JSON.parse(one.stdout).metrics);
  });

  it("--csv prints one row per generation × metric; infinities are spelled out", () => {
    const r = collapse(...base, "--metrics", "support,kl", "--csv");
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("generation,metric,mean,se,median,q05,q95");
    expect(lines).toHaveLength(1 + 21 * 2);
    expect(r.stdout).not.toMatch(/NaN|null/);
    expect(r.stdout).toMatch(/Infinity/);
  });

  it("the default table shows selected generations", () => {
    const r = collapse(...base);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/truth zipf:k=30,s=1.1 · family categorical-mle · regime replace/);
    expect(r.stdout).toMatch(/\n\s+20\s/);
  });

  it("unknown names, malformed parameters and incompatible pairs exit non-zero listing what is valid", () => {
    const unknown = collapse(
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
    expect(unknown.stderr).toMatch(
      /truth: name must be one of: categorical:p; zipf:k,s;.*got "zipff"/,
    );
    const pair = collapse(
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
    expect(pair.stderr).toMatch(/family: name must be one of: categorical-mle; /);
    const incompatible = collapse(
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
    const badNumber = collapse(
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
    const badMetric = collapse(...base, "--metrics", "variance");
    expect(badMetric.code).toBe(2);
    expect(badMetric.stderr).toMatch(/"variance" is not defined for categorical models/);
    const badSamples = collapse(
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
