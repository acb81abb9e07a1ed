/** makeFolder: mkdir -p that fails at once where Node's recursive mkdir retries forever. */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeFolder } from "../../src/util/makeFolder.ts";

const dir = mkdtempSync(join(tmpdir(), "collapse-mkdir-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("makeFolder", () => {
  it("creates missing parents and accepts an existing folder", () => {
    const deep = join(dir, "a", "b", "c");
    makeFolder(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    expect(() => makeFolder(deep)).not.toThrow();
  });

  it("throws the system's error at the first level it cannot create", () => {
    const file = join(dir, "file");
    writeFileSync(file, "");
    expect(() => makeFolder(join(file, "sub"))).toThrow(/ENOTDIR/);
  });

  it.runIf(existsSync("/proc/self"))("/proc/x fails with ENOENT instead of hanging", () => {
    expect(() => makeFolder("/proc/x/y")).toThrow(/ENOENT/);
  });
});
