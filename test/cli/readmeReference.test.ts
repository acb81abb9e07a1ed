import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readmeReference, spliceReadmeReference } from "../../src/cli/plugins.ts";

/**
 * The README's list of truths, families, regimes, transforms and metrics is generated from the
 * registered definitions (`npm run readme`), never kept by hand: this fails when it is stale.
 * The listing comes from a fresh `collapse list --markdown` process, exactly what `npm run readme`
 * runs: this worker's registries also hold what other test files registered (files share workers).
 */
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const listing = spawnSync(
  process.execPath,
  [fileURLToPath(new URL("../../bin/collapse.js", import.meta.url)), "list", "--markdown"],
  { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
);
const formatPluginsMarkdown = () => {
  if (listing.status !== 0) throw new Error(`collapse list --markdown failed: ${listing.stderr}`);
  return listing.stdout;
};

describe("README reference: generated from the plug-in definitions", () => {
  it("the README's block is exactly `collapse list --markdown` (run `npm run readme` if not)", () => {
    expect(readmeReference(readme)).toBe(formatPluginsMarkdown().trim());
  });

  it("names every registered metric and family with its parameters", () => {
    const block = readmeReference(readme);
    for (const name of ["`variance`", "`w2`", "`kde:bandwidth?`", "`exponential-mle`"]) {
      expect(block).toContain(name);
    }
    expect(block).toContain("  - `fraction`: number >= 0 and <= 1, default 0.1");
  });

  it("a stale block is detected, and splicing restores it (planted)", () => {
    const stale = readme.replace("— empirical frequencies", "— frequencies (edited by hand)");
    expect(stale).not.toBe(readme);
    expect(readmeReference(stale)).not.toBe(formatPluginsMarkdown().trim());
    expect(spliceReadmeReference(stale, formatPluginsMarkdown())).toBe(readme);
    expect(() => readmeReference("# no block")).toThrow(/reference:start/);
  });
});
