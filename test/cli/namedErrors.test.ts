/**
 * Failures the audit and the CLI fuzz found, each a named error with exit 2 now: `collapse list`
 * output formats, the bare command, over-long claim names.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatPlugins } from "../../src/cli/plugins.ts";
import { UnwritableOutputError } from "../../src/report/contract/errors.ts";
import { writeFileAtomic } from "../../src/report/run/write.ts";
import { runCliInProcess } from "./runInProcess.ts";

describe("collapse list --json for plug-in sections", () => {
  it("prints the registered entries as JSON with their schemas (not the text listing)", async () => {
    const r = await runCliInProcess(["list", "--families", "--metrics", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["families", "metrics"]);
    // The same entries, in the same order, as the text listing.
    const text = formatPlugins(["families"]);
    for (const f of out.families) expect(text).toContain(`  ${f.name}`);
    const gmm = out.families.find((f: { name: string }) => f.name === "gmm");
    expect(gmm.params.components).toMatchObject({ type: "integer", default: 2 });
    const kl = out.metrics.find((m: { name: string }) => m.name === "kl");
    expect(kl.appliesTo).toContain("gaussian");
  });

  it("--json with --markdown, and --readme without --markdown, are usage errors (exit 2)", async () => {
    const both = await runCliInProcess(["list", "--truths", "--json", "--markdown"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(
      /UsageError: option '--json' cannot be used with option '--markdown'/,
    );
    const readme = await runCliInProcess(["list", "--readme", "README.md"]);
    expect(readme.code).toBe(2);
    expect(readme.stderr).toMatch(/collapse: list: --readme needs --markdown.*"README\.md"/);
  });
});

describe("bare collapse", () => {
  it("prints the overview and a named usage error, exit 2", async () => {
    const r = await runCliInProcess([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Usage: collapse/);
    expect(r.stderr).toMatch(/collapse: UsageError: missing command/);
  });
});

describe("collapse new with a 300-character name", () => {
  it("is a named ScaffoldError (not ENAMETOOLONG from the clean-up), and nothing is written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "collapse-new-"));
    try {
      const r = await runCliInProcess(["new", "a".repeat(300), "--dir", dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /^collapse: ScaffoldError: the claim name must be at most 100 characters .*got 300/,
      );
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("writeFileAtomic reports the write's own error when even its clean-up fails", () => {
    const dir = mkdtempSync(join(tmpdir(), "collapse-atomic-"));
    try {
      const file = join(dir, `${"b".repeat(300)}.txt`);
      expect(() => writeFileAtomic(file, "x")).toThrow(UnwritableOutputError);
      expect(() => writeFileAtomic(file, "x")).toThrow(/ENAMETOOLONG/);
      expect(existsSync(file)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('collapse new --dir ""', () => {
  it("is a named ScaffoldError, not a claim file written into the working directory", async () => {
    const r = await runCliInProcess(["new", "empty-dir-probe", "--dir", ""]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^collapse: ScaffoldError: --dir must name a folder, got ""/);
    expect(existsSync("empty-dir-probe.test.ts")).toBe(false);
  });
});

describe("collapse new --dir <a regular file>", () => {
  it("is a named ScaffoldError (not EEXIST)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "collapse-new-file-"));
    try {
      const file = join(dir, "plain");
      writeFileAtomic(file, "x");
      const r = await runCliInProcess(["new", "probe", "--dir", file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^collapse: ScaffoldError: cannot create .*plain: (ENOTDIR|EEXIST)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
