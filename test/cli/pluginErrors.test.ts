/**
 * `--plugin` modules that cannot be loaded are named errors (exit 2, no stack trace), including
 * the common slip of a file path without `./`, which Node reads as a package name, and a plug-in
 * that loads a second copy of collapse-harness (its definitions would land in registries this run
 * never reads).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { registryCopies } from "../../src/util/registry.ts";
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

  describe("a plug-in that loads another copy of collapse-harness", () => {
    const dir = mkdtempSync(join(tmpdir(), "collapse-second-copy-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const copies = registryCopies().loaded as string[];

    it("the running registry module is listed once per evaluation, under its own URL", () => {
      expect(copies).toContain(registryCopies().running);
      expect(registryCopies().running).toMatch(/\/src\/util\/registry\.ts$/);
    });

    it("is named with both copies' URLs (exit 2), and the list is left as it was found", async () => {
      // What a second copy's registry module does when it is evaluated: it lists itself.
      const plugin = join(dir, "second-copy.mjs");
      writeFileSync(
        plugin,
        `globalThis[Symbol.for("collapse-harness.registry-copies")].push("file:///elsewhere/dist/util/registry.js");\n`,
      );
      const before = copies.length;
      try {
        const r = await run(plugin);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toContain(
          `plugins: module must register into the running collapse-harness (${registryCopies().running}), but it loaded another copy (file:///elsewhere/dist/util/registry.js)`,
        );
        expect(r.stderr).not.toMatch(/\n\s+at /);
      } finally {
        copies.length = before;
      }
    });
  });

  it("the same file with ./ loads and runs", async () => {
    const r = await run("./plugins/poisson.ts");
    expect(r.code, r.stderr).toBe(0);
  });
});
