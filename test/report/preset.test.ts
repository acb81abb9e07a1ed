/**
 * The vitest preset (`collapse-harness/vitest`): its set-up files exist next to it, its
 * timeouts, the evidence reporter; and the config `collapse` falls back to without a project
 * config. (The repository's own vitest.config.ts is built on it, so every test run exercises
 * its root-seed and plug-in set-up; test/package/install.test.ts checks it in a user's project.)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Vitest } from "vitest/node";
import { ThreadShareReporter } from "../../src/report/vitest/threadShareReporter.ts";
import { PRESET_CONFIG_FILE, vitestConfigFile } from "../../src/report/vitest/vitestConfigFile.ts";
import { CollapseReporter, collapsePreset, EvidenceReporter } from "../../src/vitest.ts";
import { ROOT } from "./fixtures.ts";

const work = mkdtempSync(join(tmpdir(), "collapse-preset-"));

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("collapsePreset", () => {
  it("sets the root-seed global setup, the plug-in setup file and statistical timeouts", () => {
    const { test } = collapsePreset();
    expect(test?.testTimeout).toBe(120_000);
    expect(test?.hookTimeout).toBe(60_000);
    const files = [test?.globalSetup, test?.setupFiles].flat() as string[];
    expect(files.map((f) => f.slice(ROOT.length))).toEqual([
      "/src/claims/vitestGlobalSetup.ts",
      "/src/claims/vitestSetup.ts",
    ]);
    for (const f of files) expect(existsSync(f), f).toBe(true);
    // vitest's default reporter, the claim evidence table (summary by default), then the core
    // share (a reporter that prints nothing: COLLAPSE_THREADS per run).
    const reporters = test?.reporters as unknown[];
    expect(reporters[0]).toBe("default");
    expect(reporters[1]).toBeInstanceOf(EvidenceReporter);
    expect(reporters[2]).toBeInstanceOf(ThreadShareReporter);
    expect(reporters).toHaveLength(3);
    expect(collapsePreset({ testTimeout: 5, hookTimeout: 6 }).test).toMatchObject({
      testTimeout: 5,
      hookTimeout: 6,
    });
  });

  it("evidence: vitest's default reporter and one that writes the claims' evidence", () => {
    const reporters = collapsePreset({ evidence: "out/evidence.json" }).test?.reporters;
    expect(Array.isArray(reporters) && reporters[0]).toBe("default");
    expect(Array.isArray(reporters) && reporters[1]).toBeInstanceOf(EvidenceReporter);
    expect(Array.isArray(reporters) && reporters[2]).toBeInstanceOf(ThreadShareReporter);
    expect(Array.isArray(reporters) && reporters[3]).toBeInstanceOf(CollapseReporter);
  });
});

describe("CollapseReporter outputFile", () => {
  it("writes the collected run as JSON, relative to the vitest root", async () => {
    const reporter = new CollapseReporter({ outputFile: "nested/evidence.json" });
    await reporter.onInit({ config: { root: work } } as unknown as Vitest);
    reporter.onTestRunEnd([], [{ name: "Error", message: `failed in ${work}/x.ts` }]);
    const written = JSON.parse(readFileSync(join(work, "nested/evidence.json"), "utf8"));
    expect(written).toEqual(reporter.result());
    // Absolute paths of the root are written relative (bodies stay machine-independent).
    expect(written.unhandledErrors).toEqual(["failed in ./x.ts"]);
  });
});

describe("vitestConfigFile", () => {
  it("is the project's own config when it has one, else the preset", () => {
    expect(vitestConfigFile(ROOT)).toBe(join(ROOT, "vitest.config.ts"));
    expect(vitestConfigFile(work)).toBe(PRESET_CONFIG_FILE);
    expect(existsSync(PRESET_CONFIG_FILE)).toBe(true);
    writeFileSync(join(work, "vite.config.mjs"), "export default {};\n");
    expect(vitestConfigFile(work)).toBe(join(work, "vite.config.mjs"));
  });
});
