/**
 * `collapse verify-report` runs only claim files of the claims folders: a report naming any
 * other file (a path that climbs out, a link that points out, a non-claim file) is refused
 * before any code runs. The planted "evil" file would write a marker if it were ever imported.
 */
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ForeignClaimFileError, serializeReport } from "../../src/report/index.ts";
import { checkClaimFileOfSuite, verifyReport } from "../../src/report/run/run.ts";
import { emptyReport, ROOT } from "./fixtures.ts";

const outside = mkdtempSync(join(tmpdir(), "collapse-evil-"));
const marker = join(outside, "ran");
const evil = join(outside, "evil.test.ts");
writeFileSync(
  evil,
  `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "x");\n`,
);
const link = join(ROOT, "properties", `.tmp-link-${process.pid}.test.ts`);

afterAll(() => {
  rmSync(outside, { recursive: true, force: true });
  rmSync(link, { force: true });
});

function reportNaming(files: string[]): string {
  const report = emptyReport("evil", files);
  const file = join(outside, `report-${files.length}.json`);
  writeFileSync(file, serializeReport(report));
  return file;
}

describe("verify-report runs only the claims folders' claim files", () => {
  it("a path climbing out of the project is refused before anything runs", async () => {
    const climbing = `properties/../${relative(ROOT, evil)}`;
    await expect(verifyReport(reportNaming([climbing]), { progress: false })).rejects.toThrow(
      ForeignClaimFileError,
    );
    expect(existsSync(marker)).toBe(false);
  });

  it("a link inside properties/ that points outside is refused; so is a non-claim file", () => {
    symlinkSync(evil, link);
    expect(() => checkClaimFileOfSuite(relative(ROOT, link))).toThrow(/outside the claims folders/);
    expect(() => checkClaimFileOfSuite("package.json")).toThrow(/not a claim file/);
    expect(() => checkClaimFileOfSuite("test/layering.test.ts")).toThrow(
      /outside the claims folders/,
    );
    expect(existsSync(marker)).toBe(false);
  });

  it("the project's own claim files pass (control)", () => {
    expect(() => checkClaimFileOfSuite("properties/heterozygosity.test.ts")).not.toThrow();
    expect(() =>
      checkClaimFileOfSuite("properties/negative/absorption-time-diploid.test.ts"),
    ).not.toThrow();
  });
});
