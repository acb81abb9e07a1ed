/**
 * `--plugin` modules that cannot be loaded are named errors (exit 2, no stack trace), including
 * the common slip of a file path without `./`, which Node reads as a package name.
 */
import { describe, expect, it } from "vitest";
import { runCliInProcess } from "./runInProcess.ts";

const run = (plugin: string) =>
  runCliInProcess([
    "simulate",
    "--plugin",
    plugin,
    "--truth",
    "poisson:rate=1",
    "--family",
    "poisson-mle",
    "--samples",
    "10",
    "--generations",
    "2",
    "--chains",
    "2",
  ]);

describe("collapse simulate --plugin errors", () => {
  it("a file path without ./ is named, with the path to write instead", async () => {
    const r = await run("plugins/poisson.ts");
    expect(r.escaped).toBeUndefined();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^collapse: .*plugins: module must exist/);
    expect(r.stderr).toContain("a file path starts with ./ or /: ./plugins/poisson.ts");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a missing package or file is named, without the ./ hint", async () => {
    for (const plugin of ["no-such-package-xyz", "./plugins/no-such-file.ts"]) {
      const r = await run(plugin);
      expect(r.escaped, plugin).toBeUndefined();
      expect(r.code, plugin).toBe(2);
      expect(r.stderr, plugin).toMatch(/plugins: module must exist/);
      expect(r.stderr, plugin).not.toContain("a file path starts with");
    }
  });

  it("the same file with ./ loads and runs", async () => {
    const r = await run("./plugins/poisson.ts");
    expect(r.code, r.stderr).toBe(0);
  });
});
