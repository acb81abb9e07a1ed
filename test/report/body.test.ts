/**
 * The report body, schema, renderers and writer, in-process: determinism of buildBody, no NaN
 * or undefined ever reaching a report (non-finite values carry reasons), claim-supplied
 * trajectories, matrices and tables, atomic writes, and the field diff behind verify-report.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { truthFromSpec } from "../../src/chain/specs.ts";
import { generationValues } from "../../src/chain/summarize.ts";
import { checkClaim } from "../../src/claims/checkClaim.ts";
import { type Claim, defineClaim } from "../../src/claims/defineClaim.ts";
import { setRegisterOnly } from "../../src/claims/registry.ts";
import { runReplicates } from "../../src/claims/replicates.ts";
import { jsonSafe } from "../../src/claims/verifyClaim.ts";
import { SeedMismatchError } from "../../src/report/contract/errors.ts";
import {
  assembleReport,
  BodySchema,
  buildBody,
  type CollectedRun,
  type CollectedTest,
  collapseMatrix,
  diffJson,
  MalformedReportError,
  parseReport,
  type ReportBody,
  renderHtml,
  renderMarkdown,
  runCanonical,
  serializeReport,
  seriesFromResult,
  UnwritableOutputError,
  writeFileAtomic,
  writeReport,
} from "../../src/report/index.ts";
import { collectedRootSeed } from "../../src/report/run/run.ts";
import { meanAtMost, meanEquals } from "../../src/verdict/index.ts";
import { tinyClaims } from "./fixtures.ts";

const work = mkdtempSync(join(tmpdir(), "collapse-report-body-"));
const claims = tinyClaims("report-body");
let trueClaim: Claim<unknown>;
let falseClaim: Claim<unknown>;

beforeAll(async () => {
  setRegisterOnly(true);
  try {
    const load = async (f: string) =>
      ((await import(pathToFileURL(join(claims.abs, f)).href)) as { claim: Claim<unknown> }).claim;
    trueClaim = await load("tiny-true.test.ts");
    falseClaim = await load("tiny-false.test.ts");
  } finally {
    setRegisterOnly(false);
  }
});

afterAll(() => {
  claims.cleanup();
  rmSync(work, { recursive: true, force: true });
});

/** A collected test as the reporter records it from verifyClaim's meta. */
function collected(
  claim: Claim<unknown>,
  rootSeed: number,
  expect: "supported" | "refuted",
  file: string,
  durationMs: number,
): CollectedTest {
  const report = checkClaim(claim, { rootSeed });
  const passed = report.status === expect;
  return {
    file,
    name: `${claim.id}${expect === "refuted" ? " (planted false claim, must be refuted)" : ""}: ${claim.title}`,
    state: passed ? "passed" : "failed",
    meta: jsonSafe({ ...report, durationMs, expect }),
    errors: passed ? [] : ["claim failed"],
    durationMs,
  };
}

function run(tests: CollectedTest[]): CollectedRun {
  return {
    files: [...new Set(tests.map((t) => t.file))],
    tests,
    moduleErrors: [],
    unhandledErrors: [],
  };
}

function body(r: CollectedRun, rootSeed: number): ReportBody {
  const canonical = runCanonical(rootSeed, "small");
  return buildBody(r, {
    rootSeed,
    claims: [],
    preset: "small",
    chains: 24,
    generations: 8,
    trajectories: canonical.trajectories,
    fractions: canonical.fractions,
    histograms: canonical.histograms,
    matrix: canonical.matrix,
  });
}

describe("buildBody", () => {
  it("is identical whatever the order tests finished in and however long they took", () => {
    const a = collected(trueClaim, 7, "supported", "p/true.test.ts", 12.5);
    const b = collected(falseClaim, 7, "refuted", "p/false.test.ts", 99);
    const a2 = { ...collected(trueClaim, 7, "supported", "p/true.test.ts", 1234), durationMs: 1 };
    const one = JSON.stringify(body(run([b, a]), 7));
    const two = JSON.stringify(body(run([a2, b]), 7));
    expect(two).toBe(one);
    expect(one).not.toContain("durationMs");
    expect(JSON.parse(one).claims.map((c: { id: string }) => c.id)).toEqual([
      "tiny-heterozygosity",
      "tiny-planted-decay",
    ]);
  });

  it("changes with the root seed (claims and simulations)", () => {
    const at = (seed: number) =>
      body(
        run([
          collected(trueClaim, seed, "supported", "p/true.test.ts", 1),
          collected(falseClaim, seed, "refuted", "p/false.test.ts", 1),
        ]),
        seed,
      );
    const seven = at(7);
    const eight = at(8);
    expect(eight.claims[0].fcSeed).not.toBe(seven.claims[0].fcSeed);
    expect(eight.claims[0].scenarios).not.toEqual(seven.claims[0].scenarios);
    expect(eight.trajectories[0].series[0].mean).not.toEqual(seven.trajectories[0].series[0].mean);
  });

  it("records a test without a claim report as an error with its message", () => {
    const b = buildBody(
      run([
        {
          file: "p/x.test.ts",
          name: "broken-claim: does not run",
          state: "failed",
          meta: undefined,
          errors: ["InvalidParameterError: runChains: samples must be >= 1, got 0"],
          durationMs: 3,
        },
      ]),
      {
        rootSeed: 1,
        claims: [],
        preset: "none",
        chains: 0,
        generations: 0,
        trajectories: [],
        fractions: [],
        histograms: [],
        matrix: null,
      },
    );
    expect(b.claims[0]).toMatchObject({
      id: "broken-claim",
      status: "error",
      passed: false,
      error: "InvalidParameterError: runChains: samples must be >= 1, got 0",
    });
    expect(b.summary).toMatchObject({ claims: 1, error: 1, failed: 1 });
  });
});

describe("the run summary counts claims as shown", () => {
  it("a lenient claim whose every scenario ended inconclusive counts as inconclusive, not supported", () => {
    // meanEquals with a precision no 200 replicates can reach: inconclusive at the cap, which a
    // non-strict claim passes with status "supported" (deterministic at the fixed root seed).
    const lenient = defineClaim({
      id: "lenient-measurement",
      title: "A measurement that cannot reach its precision",
      citation: { source: "test", where: "test/report/body.test.ts" },
      statement: "The mean of the tail mass of one generation is its initial value.",
      kind: "in-expectation",
      assumptions: [],
      scenario: fc.constant({ M: 10 }),
      simulate: (s: { M: number }, range) => ({
        H: generationValues(
          runReplicates(
            {
              truth: "categorical:p=0.5/0.5",
              family: "categorical-mle",
              regime: "replace",
              samples: s.M,
              generations: 1,
              metrics: ["heterozygosity"],
            },
            range,
          ),
          "heterozygosity",
          1,
        ),
      }),
      checks: (s: { M: number }) => [meanEquals("H", (1 - 1 / s.M) * 0.5, { precision: 1e-9 })],
      budget: { scenarios: 1, replicates: 100, maxReplicates: 200, strict: false },
    });
    const test = collected(lenient as Claim<unknown>, 7, "supported", "p/lenient.test.ts", 1);
    const b = body(run([test, collected(trueClaim, 7, "supported", "p/true.test.ts", 1)]), 7);
    const entry = b.claims.find((c) => c.id === "lenient-measurement");
    expect(entry?.status).toBe("supported");
    expect(entry?.passed).toBe(true);
    expect(entry?.scenarios.map((sc) => sc.verdict.outcome)).toEqual(["inconclusive"]);
    expect(b.summary).toMatchObject({ claims: 2, supported: 1, inconclusive: 1, passed: 2 });
  });
});

describe("root seeds of collected runs", () => {
  it("are read from the claims' reports; runs under different seeds do not merge", () => {
    const a = collected(trueClaim, 7, "supported", "p/true.test.ts", 1);
    const b = collected(falseClaim, 8, "refuted", "p/false.test.ts", 1);
    expect(collectedRootSeed(run([a]))).toBe(7);
    expect(collectedRootSeed(run([]))).toBeUndefined();
    expect(() => collectedRootSeed(run([a, b]))).toThrow(SeedMismatchError);
    expect(() => collectedRootSeed(run([a, b]))).toThrow(/different root seeds \(7, 8\)/);
  });
});

describe("no NaN or undefined reaches a report", () => {
  it("non-finite evidence numbers become { value, reason }", () => {
    const t = collected(trueClaim, 7, "supported", "p/true.test.ts", 1);
    const meta = structuredClone(t.meta) as {
      scenarios: { verdict: { evidence: Record<string, unknown>[] } }[];
    };
    const e = meta.scenarios[0].verdict.evidence[0];
    e.statistic = "Infinity";
    e.estimate = "undefined";
    e.detectableEffect = "Infinity";
    const b = body(run([{ ...t, meta }]), 7);
    const ev = b.claims[0].scenarios[0].verdict.evidence[0];
    expect(ev.statistic).toEqual({
      value: "Infinity",
      reason:
        "zero standard error: every replicate gave the same value, which differs from the claimed one",
    });
    expect(ev.estimate).toMatchObject({ value: "undefined" });
    expect(ev.detectableEffect).toMatchObject({ value: "Infinity" });
    expect(BodySchema.safeParse(b).success).toBe(true);
    const md = renderMarkdown(assembleReport(b, run([]), reportRun()));
    expect(md).toContain("statistic ∞: zero standard error");
    expect(md).not.toMatch(/\bNaN\b/);
  });

  it("infinite and undefined metric summaries carry the engine's reasons", () => {
    const tInf = runChains(
      configFromSpec({
        truth: "zipf:k=30,s=1.1",
        family: "categorical-mle",
        regime: "replace",
        samples: 30,
        generations: 3,
        chains: 5,
        seed: 1,
        metrics: ["kl"],
      }),
    );
    const inf = seriesFromResult(tInf, "kl", "replace", null);
    expect(inf.mean[0]).toBe(0);
    expect(inf.mean[3]).toMatchObject({ value: "Infinity" });
    expect(JSON.stringify(inf.mean[3])).toContain("probability 0 to a symbol the truth has");

    const tUndef = runChains(
      configFromSpec({
        truth: "student-t:nu=1",
        family: "gaussian-mle",
        regime: "replace",
        samples: 20,
        generations: 2,
        chains: 5,
        seed: 1,
        metrics: ["variance"],
      }),
    );
    const undef = seriesFromResult(tUndef, "variance", "replace", null);
    expect(undef.mean[0]).toEqual({
      value: "undefined",
      reason:
        "no chain has a defined variance at generation 0: variance is undefined: Student-t with nu = 1 <= 1",
    });
    expect(undef.undefinedValues).toEqual([
      { generation: 0, chains: 5, reason: "variance is undefined: Student-t with nu = 1 <= 1" },
    ]);
    expect(typeof undef.mean[1]).toBe("number");
  });

  it("the schema refuses NaN and Infinity, so such a report is never written", () => {
    const b = body(run([collected(trueClaim, 7, "supported", "p/true.test.ts", 1)]), 7);
    const bad = structuredClone(b);
    (bad.claims[0].scenarios[0].verdict.evidence[0] as { estimate: number }).estimate = Number.NaN;
    expect(() => assembleReport(bad, run([]), reportRun())).toThrow(MalformedReportError);
    (bad.claims[0].scenarios[0].verdict.evidence[0] as { estimate: number }).estimate =
      Number.POSITIVE_INFINITY;
    expect(() => assembleReport(bad, run([]), reportRun())).toThrow(/estimate/);
  });
});

describe("data claims put in their report meta", () => {
  const result = runChains(
    configFromSpec({
      truth: "zipf:k=20,s=1.1",
      family: "categorical-mle",
      regime: "replace",
      samples: 50,
      generations: 4,
      chains: 10,
      seed: 3,
      metrics: ["support", "tail-mass"],
    }),
  );
  const chart = {
    id: "claim-support",
    title: "Support under replace",
    metric: "support",
    series: [seriesFromResult(result, "support", "replace", null)],
  };

  it("typed trajectories and matrix are charted and tabulated; free-form tables kept", async () => {
    const t = collected(trueClaim, 7, "supported", "p/true.test.ts", 1);
    const meta = {
      ...(t.meta as object),
      trajectories: jsonSafe([chart]),
      tables: {
        matrix: [{ setting: { k: 2 }, cells: [{ family: "gaussian-mle", measured: "collapses" }] }],
      },
    };
    const b = body(run([{ ...t, meta }]), 7);
    const c = b.claims[0];
    expect(c.trajectories[0].series[0].mean).toEqual(chart.series[0].mean);
    expect(c.tables.matrix).toEqual(meta.tables.matrix);
    const typed = {
      ...(t.meta as object),
      matrix: collapseMatrix([{ setting: "categorical-mle", regime: "replace", result }]),
    };
    const typedMatrix = body(run([{ ...t, meta: typed }]), 7).claims[0].matrix;
    expect(typedMatrix?.cells).toHaveLength(1);
    expect(typedMatrix?.cells[0].fraction?.chains).toBe(10);
    const report = assembleReport(b, run([]), reportRun());
    const md = renderMarkdown(report);
    expect(md).toContain("From claim tiny-heterozygosity:");
    expect(md).toContain("| family | measured |");
    expect(md).toContain("| gaussian-mle | collapses |");
    const html = await renderHtml(report);
    expect(html).toContain('data-chart="tiny-heterozygosity-claim-support"');
  });

  it("malformed trajectories are a named error in the body, not a crash", () => {
    const t = collected(trueClaim, 7, "supported", "p/true.test.ts", 1);
    const meta = { ...(t.meta as object), trajectories: [{ id: "Bad Id", series: [] }] };
    const b = body(run([{ ...t, meta }]), 7);
    expect(b.errors).toHaveLength(1);
    expect(b.errors[0].message).toMatch(
      /^InvalidClaimMetaError: tiny-heterozygosity: trajectories/,
    );
    expect(b.claims[0].trajectories).toEqual([]);
  });
});

describe("data sources", () => {
  it("a claim that simulates on text names the corpus, its size and split (JSON, Markdown, HTML)", async () => {
    const textClaim = defineClaim({
      id: "text-data-source",
      title: "a claim on the GPL text",
      citation: { source: "test", where: "test/report/body.test.ts" },
      statement: "held-out perplexity is finite with add-k",
      kind: "bound",
      scenario: fc.constant(0),
      simulate: (_s, range) => {
        const r = runReplicates(
          {
            truth: "text:corpus=gpl,k=0.1",
            family: "ngram:order=2,k=0.1",
            regime: "replace",
            samples: 100,
            generations: 1,
            metrics: ["perplexity"],
          },
          range,
        );
        return { ppl: generationValues(r, "perplexity", 1) };
      },
      // Perplexity ≤ V + 1 = 960 for any add-k bigram: decided at once, never refuted.
      checks: () => [meanAtMost("ppl", 1e6)],
      budget: { scenarios: 1, replicates: 4, maxReplicates: 4 },
    }) as Claim<unknown>;
    const report = checkClaim(textClaim, { rootSeed: 7 });
    const source = truthFromSpec("text:corpus=gpl").source ?? "";
    expect(source).toMatch(/GNU GPL v3.*split by sentence, every 10th held out/);
    expect(report.dataSources).toEqual([source]);
    // A claim on distributions only reads no data.
    expect(checkClaim(trueClaim, { rootSeed: 7 }).dataSources).toEqual([]);
    const t: CollectedTest = {
      file: "p/text.test.ts",
      name: `${textClaim.id}: ${textClaim.title}`,
      state: "passed",
      meta: jsonSafe({ ...report, durationMs: 1, expect: "supported" }),
      errors: [],
      durationMs: 1,
    };
    const assembled = assembleReport(body(run([t]), 7), run([]), reportRun());
    expect(assembled.body.claims[0].data).toEqual([source]);
    expect(renderMarkdown(assembled)).toContain(`- Data: ${source}`);
    expect(await renderHtml(assembled)).toContain(
      `<li>Data: ${source.replace("</s>", "&lt;/s&gt;")}</li>`,
    );
  });
});

function reportRun() {
  return {
    id: "test-run",
    started: new Date("2026-01-01T00:00:00Z"),
    simulationsMs: 1,
    command: ["collapse", "verify"],
    workers: 1,
    merged: null,
  };
}

describe("writing reports", () => {
  it("writes the three files atomically, report.json parseable, no temporary files left", async () => {
    const b = body(run([collected(falseClaim, 7, "refuted", "p/false.test.ts", 1)]), 7);
    const report = assembleReport(b, run([]), reportRun());
    const folder = join(work, "out", "nested");
    const written = await writeReport(folder, report);
    expect(readdirSync(folder).sort()).toEqual(["report.html", "report.json", "report.md"]);
    const text = readFileSync(written.json, "utf8");
    expect(text).toBe(serializeReport(report));
    expect(parseReport(text, written.json).body).toEqual(report.body);
  });

  it("a failed write leaves the previous file and no temporary file", () => {
    const folder = join(work, "atomic");
    mkdirSync(folder);
    const file = join(folder, "report.json");
    writeFileSync(file, "previous");
    // The rename target is a folder: the write fails after the temporary file was written.
    const blocked = join(folder, "blocked");
    mkdirSync(join(blocked, "inside"), { recursive: true });
    expect(() => writeFileAtomic(blocked, "new")).toThrow(UnwritableOutputError);
    expect(readdirSync(folder).sort()).toEqual(["blocked", "report.json"]);
    expect(readFileSync(file, "utf8")).toBe("previous");
    writeFileAtomic(file, "next");
    expect(readFileSync(file, "utf8")).toBe("next");
    expect(readdirSync(folder).sort()).toEqual(["blocked", "report.json"]);
  });
});

describe("diffJson", () => {
  it("names each differing leaf by its path, and length changes", () => {
    const a = { claims: [{ id: "x", e: [1, 2, { v: 3 }] }], s: "k" };
    const b = { claims: [{ id: "x", e: [1, 2.5, { v: 3 }, 4] }], s: "k", extra: true };
    expect(diffJson(a, b)).toEqual([
      { path: "body.claims[0].e.length", expected: "3", actual: "4" },
      { path: "body.claims[0].e[1]", expected: "2", actual: "2.5" },
      { path: "body.extra", expected: "(missing)", actual: "true" },
    ]);
    expect(diffJson(a, structuredClone(a))).toEqual([]);
  });
});
