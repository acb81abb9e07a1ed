/**
 * `collapse replay`, `list` and `new`, the named errors of the report commands and the exit code
 * of a failing verify, through the real CLI on a tiny temporary properties folder.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { checkClaim } from "../../src/claims/checkClaim.ts";
import type { Claim } from "../../src/claims/defineClaim.ts";
import { setRegisterOnly } from "../../src/claims/registry.ts";
import { parseReport } from "../../src/report/index.ts";
import { describeEvidence } from "../../src/verdict/index.ts";
import { runCliInProcess } from "../cli/runInProcess.ts";
import { collapse, type Ran, ROOT, tinyClaims, vitest } from "./fixtures.ts";

const work = mkdtempSync(join(tmpdir(), "collapse-report-commands-"));
const claims = tinyClaims("report-commands");

afterAll(() => {
  claims.cleanup();
  rmSync(work, { recursive: true, force: true });
});

/** Imports a claim file in this worker without declaring a test (register-only mode). */
async function importClaim(file: string): Promise<Claim<unknown>> {
  setRegisterOnly(true);
  try {
    const m = (await import(pathToFileURL(file).href)) as { claim: Claim<unknown> };
    return m.claim;
  } finally {
    setRegisterOnly(false);
  }
}

describe("collapse replay", () => {
  it("reruns a counterexample from its seed and path and prints its evidence", async () => {
    // The counterexample a run at root seed 7 finds, computed here in-process.
    const claim = await importClaim(join(claims.abs, "tiny-false.test.ts"));
    const run = checkClaim(claim, { rootSeed: 7 });
    const c = run.counterexample;
    if (c === undefined) throw new Error("the planted false claim was not refuted");
    const r = collapse([
      "replay",
      claim.id,
      `--seed=${c.fcSeed}`,
      `--path=${c.path}`,
      "--in",
      claims.dir,
    ]);
    // Refuted again, as the planted claim's test requires: exit 0.
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      `Replay of tiny-planted-decay (fast-check seed ${c.fcSeed}, path ${c.path}): REFUTED (planted false claim, must be refuted)`,
    );
    expect(r.stdout).toContain(`Setting ${c.scenario} with scenario seed ${c.seed}`);
    for (const e of c.verdict.evidence) expect(r.stdout).toContain(describeEvidence(e));
  });

  it("replays a scenario of a supported run (path 0: the run's first scenario), exit 0", async () => {
    const claim = await importClaim(join(claims.abs, "tiny-true.test.ts"));
    const run = checkClaim(claim, { rootSeed: 7 });
    expect(run.status).toBe("supported");
    // Any path of a supported run replays a supported scenario: exit 0.
    const ok = collapse([
      "replay",
      claim.id,
      `--seed=${run.fcSeed}`,
      "--path=0",
      "--in",
      claims.dir,
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(": SUPPORTED");
  });
});

describe("collapse list", () => {
  it("prints the claims with their kinds and citations", () => {
    const r = collapse(["list", claims.dir, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        id: "tiny-heterozygosity",
        kind: "in-expectation",
        expect: "supported",
        citation: "Wright–Fisher; Seddik et al. 2024, docs/theory.md#heterozygosity",
        title: "E[H_t] = (1 − 1/M)^t H_0 (small budget)",
        file: `${claims.dir}/tiny-true.test.ts`,
      },
      {
        id: "tiny-planted-decay",
        kind: "in-expectation",
        expect: "refuted",
        citation: "planted error in Wright–Fisher, docs/theory.md#heterozygosity",
        title: "E[H_t] = (1 − 1/M)^(2t) H_0 (planted false claim, small budget)",
        file: `${claims.dir}/tiny-false.test.ts`,
      },
    ]);
    const text = collapse(["list", claims.dir]);
    expect(text.stdout).toContain("tiny-planted-decay  [in-expectation, planted false claim]");
    expect(text.stdout).toContain("planted error in Wright–Fisher, docs/theory.md#heterozygosity");
    expect(text.stdout.trim().split("\n").at(-1)).toBe("2 claims");
  });
});

describe("collapse new", () => {
  it("scaffolds a claim file that passes under vitest as generated", async () => {
    const dir = `properties/.tmp-new-${process.pid}`;
    try {
      // `collapse new` in process (a spawned CLI costs ≈ 1.5 s); the scaffold runs under vitest.
      const r = await runCliInProcess(["new", "scaffolded-claim", "--dir", dir]);
      expect(r.code, r.stderr).toBe(0);
      const file = join(ROOT, dir, "scaffolded-claim.test.ts");
      const text = readFileSync(file, "utf8");
      expect(text).toContain('id: "scaffolded-claim"');
      expect(text).toContain("scenario: fc.record(");
      expect(text).toContain('checks: (s) => [\n    meanEquals("variance", 1, {\n      variance:');
      const run = vitest(["run", `${dir}/scaffolded-claim.test.ts`]);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/Tests\s+\S*1 passed/);
      // An existing file or a bad name is refused.
      const again = await runCliInProcess(["new", "scaffolded-claim", "--dir", dir]);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/^collapse: ScaffoldError: .*already exists/);
      const bad = await runCliInProcess(["new", "Not_Kebab", "--dir", dir]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^collapse: ScaffoldError: .*kebab-case/);
    } finally {
      rmSync(join(ROOT, dir), { recursive: true, force: true });
    }
  });
});

describe("named errors and non-zero exits", () => {
  // The real binary prints a named error in the first case; the rest run the same `main` in
  // this process (as bin/collapse.js calls it), which is what they test, at a fraction of the cost.
  const cli = runCliInProcess;
  const named = (r: Ran, name: string) => {
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^collapse: ${name}: `));
  };

  it("an unknown claim id", async () => {
    const verify = collapse(["verify", "no-such-claim", claims.dir]);
    named(verify, "UnknownClaimError");
    expect(verify.stderr).toContain("known claims: tiny-heterozygosity, tiny-planted-decay");
    named(
      await cli(["replay", "no-such-claim", "--seed=1", "--path=0", "--in", claims.dir]),
      "UnknownClaimError",
    );
  });

  it("a replay without a seed or a path", async () => {
    named(await cli(["replay", "tiny-planted-decay", "--path=0"]), "MissingSeedError");
    named(await cli(["replay", "tiny-planted-decay", "--seed=3"]), "MissingPathError");
  });

  it("a malformed, wrong-version or missing report file", async () => {
    const bad = join(work, "bad.json");
    writeFileSync(bad, "{ not json");
    named(await cli(["verify-report", bad]), "MalformedReportError");
    writeFileSync(bad, JSON.stringify({ schema: "something-else", version: 1 }));
    named(await cli(["verify-report", bad]), "MalformedReportError");
    writeFileSync(bad, JSON.stringify({ schema: "collapse-harness/report", version: 3, body: {} }));
    const invalid = await cli(["verify-report", bad]);
    named(invalid, "MalformedReportError");
    expect(invalid.stderr).toContain("does not match the report schema v3");
    // Reports of previous versions (1: before quantile bands and collapse fractions; 2: before
    // per-generation histograms) are named as such, not as a list of missing fields.
    for (const version of [1, 2]) {
      writeFileSync(bad, JSON.stringify({ schema: "collapse-harness/report", version, body: {} }));
      named(await cli(["verify-report", bad]), "ReportVersionError");
    }
    writeFileSync(bad, JSON.stringify({ schema: "collapse-harness/report", version: 99 }));
    const wrong = await cli(["verify-report", bad]);
    named(wrong, "ReportVersionError");
    expect(wrong.stderr).toContain("version 99");
    named(await cli(["verify-report", join(work, "missing.json")]), "MalformedReportError");
  });

  it("an unwritable output folder, before anything runs", async () => {
    const file = join(work, "a-file");
    writeFileSync(file, "");
    const r = await cli(["verify", claims.dir, "--out", join(file, "sub")]);
    named(r, "UnwritableOutputError");
    expect(r.stdout).not.toContain("root seed");
  });

  it("a merge of a folder without blob reports, or of a missing folder", async () => {
    const empty = join(work, "empty");
    mkdirSync(empty);
    named(await cli(["report", "--merge", empty]), "NoClaimFilesError");
    named(await cli(["report", "--merge", join(work, "nowhere")]), "NoClaimFilesError");
  });

  it("a failing claim or a broken file: exit 1 (not 2), failures printed, the report still written", () => {
    const broken = join(ROOT, `properties/.tmp-report-broken-${process.pid}`);
    mkdirSync(broken, { recursive: true });
    try {
      writeFileSync(
        join(broken, "wrong.test.ts"),
        readFileSync(join(claims.abs, "tiny-false.test.ts"), "utf8").replace(
          'verifyClaim(claim, { expect: "refuted" });',
          "verifyClaim(claim);",
        ),
      );
      // A file whose claim definition throws: a module error, reported with its message.
      writeFileSync(
        join(broken, "bad-definition.test.ts"),
        readFileSync(join(claims.abs, "tiny-true.test.ts"), "utf8").replace(
          'id: "tiny-heterozygosity"',
          'id: "Not Kebab"',
        ),
      );
      const out = join(work, "failing");
      const r = collapse(["verify", broken, "--seed", "7", "--simulations", "none", "--out", out]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toMatch(/FAIL tiny-planted-decay .*: refuted/);
      expect(r.stdout).toMatch(/replay: npx collapse replay tiny-planted-decay --seed=/);
      expect(existsSync(join(out, "report.html"))).toBe(true);
      const body = parseReport(readFileSync(join(out, "report.json"), "utf8"), "failing").body;
      expect(body.summary).toMatchObject({ claims: 1, refuted: 1, passed: 0, failed: 1 });
      expect(body.claims[0].expect).toBe("supported");
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].file).toMatch(/bad-definition\.test\.ts$/);
      expect(body.errors[0].message).toMatch(/^ClaimDefinitionError: .*kebab-case/);
      expect(r.stdout).toMatch(/ERROR .*bad-definition\.test\.ts: ClaimDefinitionError/);
      expect(body.trajectories).toEqual([]);
      expect(body.matrix).toBeNull();
      // Replaying its counterexample fails the claim's test again: exit 1.
      const c = body.claims[0].counterexample;
      if (c === null) throw new Error("no counterexample in the report");
      const replay = collapse([
        "replay",
        "tiny-planted-decay",
        `--seed=${c.fcSeed}`,
        `--path=${c.path}`,
        "--in",
        join(broken, "wrong.test.ts"),
      ]);
      expect(replay.code, replay.stderr).toBe(1);
      expect(replay.stdout).toContain(": REFUTED");
      // Searching the folder loads the broken file too: a named error, exit 2.
      const loading = collapse(["list", broken]);
      expect(loading.code).toBe(2);
      expect(loading.stderr).toMatch(
        /^collapse: ClaimFileError: .*bad-definition\.test\.ts failed to load: ClaimDefinitionError: /,
      );
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
