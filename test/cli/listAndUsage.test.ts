/** `collapse list` output formats and the bare-command usage error (found by the CLI fuzz). */
import { describe, expect, it } from "vitest";
import { formatPlugins } from "../../src/cli/plugins.ts";
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
