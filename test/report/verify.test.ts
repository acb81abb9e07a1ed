/**
 * `collapse verify`, `collapse report --merge` and `collapse verify-report` end to end, through
 * the real `collapse` and vitest CLIs on a tiny temporary properties folder: the report files,
 * a body identical across reruns and worker counts, shard merging, tamper detection.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReport, type Report } from "../../src/report/index.ts";
import { collapse, type Ran, tinyClaims, vitest } from "./fixtures.ts";

const SEED = "7";
const work = mkdtempSync(join(tmpdir(), "collapse-report-cli-"));
const claims = tinyClaims("report-verify");

function verifyInto(out: string, ...extra: string[]): Ran {
  return collapse([
    "verify",
    claims.dir,
    "--seed",
    SEED,
    "--simulations",
    "small",
    "--out",
    join(work, out),
    ...extra,
  ]);
}

function read(out: string): { text: string; report: Report } {
  const text = readFileSync(join(work, out, "report.json"), "utf8");
  return { text, report: parseReport(text, out) };
}

/** The body exactly as written (JSON.parse keeps the file's key order). */
function bodyText(out: string): string {
  return JSON.stringify(JSON.parse(read(out).text).body);
}

let first: Ran;

beforeAll(() => {
  first = verifyInto("a", "--workers", "1");
}, 120_000);

afterAll(() => {
  claims.cleanup();
  rmSync(work, { recursive: true, force: true });
});

describe("collapse verify", () => {
  it("writes report.json, report.md and report.html atomically (no temporary files left)", () => {
    expect(first.code, first.stderr + first.stdout).toBe(0);
    expect(readdirSync(join(work, "a")).sort()).toEqual([
      "report.html",
      "report.json",
      "report.md",
    ]);
    expect(first.stdout).toMatch(/2 claim tests at root seed 7: 1 supported, 1 refuted/);
  });

  it("report.json validates against the schema, claims sorted, durations only in run", () => {
    const { text, report } = read("a");
    expect(text).not.toMatch(/\bNaN\b/);
    const body = report.body;
    expect(body.rootSeed).toBe(7);
    expect(body.prngAlgorithm).toBe("xor4096");
    expect(body.claims.map((c) => c.id)).toEqual(["tiny-heterozygosity", "tiny-planted-decay"]);
    expect(JSON.stringify(body)).not.toMatch(/durationMs/);
    expect(report.run.claims.map((c) => c.id)).toEqual([
      "tiny-heterozygosity",
      "tiny-planted-decay",
    ]);
    const [truth, planted] = body.claims;
    expect([truth.status, truth.passed, truth.expect]).toEqual(["supported", true, "supported"]);
    expect([planted.status, planted.passed, planted.expect]).toEqual(["refuted", true, "refuted"]);
    expect(truth.scenarios).toHaveLength(3);
    expect(planted.counterexample?.replay.collapse).toMatch(
      /^npx collapse replay tiny-planted-decay --seed=-?\d+ --path='[\d:]+'$/,
    );
    expect(body.selection.files).toEqual([
      `${claims.dir}/tiny-false.test.ts`,
      `${claims.dir}/tiny-true.test.ts`,
    ]);
    expect(body.trajectories.map((t) => t.id)).toEqual([
      "variance-unbiased",
      "variance-mle",
      "tail-mass",
      "support",
      "entropy",
      "heterozygosity",
    ]);
    // The quantities the collapse-matrix claim judges (variance ×2, tail mass) × 3 regimes.
    expect(body.matrix?.cells).toHaveLength(3 * 3);
    expect(body.fractions.map((f) => f.id)).toEqual([
      "collapsed-variance-unbiased",
      "collapsed-variance-mle",
      "collapsed-tail-mass",
      "collapsed-support",
    ]);
    const env = report.run.environment;
    expect(env.node).toBe(process.version);
    expect(env.packages.vitest).toMatch(/^4\./);
    expect(env.rootSeed).toBe(7);
    expect(typeof env.git.note).toBe("string");
  });

  it("report.md has the claims table, the counterexample's replay commands, matrix and environment", () => {
    const md = readFileSync(join(work, "a", "report.md"), "utf8");
    const planted = read("a").report.body.claims[1];
    expect(md).toContain("| claim | verdict | citation | statement | evidence |");
    expect(md).toContain(planted.counterexample?.replay.collapse);
    expect(md).toContain(planted.counterexample?.replay.vitest);
    expect(md).toContain("## Collapse matrix");
    expect(md).toContain(`| Node | ${process.version} |`);
    expect(md).toContain("| PRNG | xor4096 |");
    // Each claim row links to its section: the anchor is the heading's GitHub slug (derived by
    // hand from GitHub's rules: lower case, punctuation and symbols dropped, spaces to hyphens).
    expect(md).toContain(
      "[tiny-heterozygosity](#tiny-heterozygosity-eh_t--1--1mt-h_0-small-budget)",
    );
    expect(md).toContain("### tiny-heterozygosity: E[H_t] = (1 − 1/M)^t H_0 (small budget)\n");
  });

  it("the run section records the run's own settings (workers)", () => {
    expect(read("a").report.run.workers).toBe(1);
  });
});

describe("distributed runs", () => {
  it("shards 1/2 + 2/2 as vitest blobs merge into the body of the unsharded run", () => {
    const blobs = join(work, "blobs");
    for (const i of [1, 2]) {
      const r = vitest(
        [
          "run",
          claims.dir,
          `--shard=${i}/2`,
          "--reporter=blob",
          `--outputFile=${join(blobs, `blob-${i}.json`)}`,
        ],
        { COLLAPSE_SEED: SEED },
      );
      expect(r.code, r.stderr).toBe(0);
    }
    // The split is real: each shard ran one of the two files.
    const shardFiles = [1, 2].map((i) =>
      [
        ...readFileSync(join(blobs, `blob-${i}.json`), "utf8").matchAll(
          /tiny-(?:true|false)\.test\.ts/g,
        ),
      ]
        .map((m) => m[0])
        .filter((f, j, all) => all.indexOf(f) === j),
    );
    expect(shardFiles.map((f) => f.length)).toEqual([1, 1]);
    expect(shardFiles[0][0]).not.toBe(shardFiles[1][0]);

    const merged = collapse([
      "report",
      "--merge",
      blobs,
      "--simulations",
      "small",
      "--out",
      join(work, "merged"),
    ]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(bodyText("merged")).toBe(bodyText("a"));
    expect(read("merged").report.run.merged?.blobs).toEqual(["blob-1.json", "blob-2.json"]);
  });
});

describe("collapse verify-report", () => {
  it("reruns an untouched report with another worker count and prints reproduced (byte-identical body)", () => {
    // The report was made with one worker; the rerun uses two: the body (and its SHA-256) must
    // not depend on the worker count.
    const r = collapse(["verify-report", join(work, "a", "report.json"), "--workers", "2"]);
    expect(r.stdout.trim().split("\n").at(-1), r.stderr).toBe("reproduced");
    expect(r.code).toBe(0);
  });

  it("detects a tampered number, naming the field, with a non-zero exit", () => {
    const report = JSON.parse(read("a").text);
    const evidence = report.body.claims[0].scenarios[0].verdict.evidence[0];
    const original = evidence.estimate as number;
    evidence.estimate = original + 1e-9;
    const file = join(work, "tampered.json");
    writeFileSync(file, JSON.stringify(report, null, 2));
    const r = collapse(["verify-report", file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("not reproduced");
    expect(r.stdout).toContain(
      `body.claims[0].scenarios[0].verdict.evidence[0].estimate: report ${original + 1e-9}, rerun ${original}`,
    );
    expect(r.stdout).toContain("run.bodySha256");
  });
});
