/** Text truths read only regular files under a size limit (no FIFO, device or folder). */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { truthFromSpec } from "../../src/chain/specs.ts";

const dir = mkdtempSync(join(tmpdir(), "collapse-text-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  delete process.env.COLLAPSE_MAX_TEXT_BYTES;
});

describe("text:file= guards", () => {
  it("devices, folders and FIFOs are refused before any read", () => {
    const fifo = join(dir, "fifo");
    execFileSync("mkfifo", [fifo]);
    for (const file of ["/dev/zero", dir, fifo]) {
      expect(() => truthFromSpec(`text:file=${file}`), file).toThrow(
        /text: file must be a regular file/,
      );
    }
  });

  it("a file above the size limit is refused, naming the limit and its override", () => {
    const big = join(dir, "big.txt");
    writeFileSync(big, "A sentence here. ".repeat(200));
    process.env.COLLAPSE_MAX_TEXT_BYTES = "1000";
    expect(() => truthFromSpec(`text:file=${big}`)).toThrow(
      /is 3400 bytes, above the limit 1000 \(COLLAPSE_MAX_TEXT_BYTES raises it\)/,
    );
    delete process.env.COLLAPSE_MAX_TEXT_BYTES;
    expect(truthFromSpec(`text:file=${big}`).id).toBe("text");
  });
});
