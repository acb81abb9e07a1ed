/**
 * Command-line conventions of `collapse`: --version, --help listing every command with one line,
 * each command's own --help, and usage errors (unknown option or command, missing or malformed
 * value) as a named UsageError with exit code 2 — distinct from 1, "claims failed".
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collapse, type Ran, ROOT } from "../report/fixtures.ts";
import { runCliInProcess } from "./runInProcess.ts";

const COMMANDS = [
  "simulate",
  "calibrate",
  "verify",
  "report",
  "verify-report",
  "list",
  "replay",
  "new",
  "help",
];

function usageError(r: Ran, pattern: RegExp): void {
  expect(r.code, r.stdout + r.stderr).toBe(2);
  expect(r.stderr).toMatch(/^collapse: UsageError: /);
  expect(r.stderr).toMatch(pattern);
  expect(r.stdout).toBe("");
}

describe("collapse command-line conventions", () => {
  it("--version and -V print the package's version", () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    for (const flag of ["--version", "-V"]) {
      const r = collapse([flag]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
    }
  });

  // Help output through the same `main` in this process (as the binary calls it): a spawned
  // CLI costs ≈ 1.5 s; the version flags above exercise the real binary.
  it("--help lists every command with a one-line description", async () => {
    const r = await runCliInProcess(["--help"]);
    expect(r.code, r.stderr).toBe(0);
    const listing = r.stdout.slice(r.stdout.indexOf("Commands:\n") + "Commands:\n".length);
    const lines = listing.trimEnd().split("\n");
    expect(lines.map((l) => l.trim().split(" ")[0])).toEqual(COMMANDS);
    for (const line of lines) expect(line).toMatch(/^ {2}\S.*\s{2,}\S+/);
  });

  it("each command's --help shows its options", async () => {
    const verify = await runCliInProcess(["verify", "--help"]);
    expect(verify.code, verify.stderr).toBe(0);
    for (const option of ["--seed <S>", "--out <folder>", "--suite <name>", "--simulations"]) {
      expect(verify.stdout).toContain(option);
    }
    const simulate = await runCliInProcess(["help", "simulate"]);
    expect(simulate.code, simulate.stderr).toBe(0);
    expect(simulate.stdout).toContain("--truth <spec>");
    // The registered plug-ins, generated from their definitions.
    expect(simulate.stdout).toContain("exponential-mle");
  });

  it("usage errors are named and exit 2", async () => {
    // The real binary once; the rest through the same `main` in this process (as the binary calls it).
    usageError(collapse(["list", "--no-such-option"]), /unknown option '--no-such-option'/);
    usageError(await runCliInProcess(["frobnicate"]), /unknown command 'frobnicate'/);
    usageError(await runCliInProcess(["verify", "--seed"]), /option '--seed <S>' argument missing/);
    usageError(
      await runCliInProcess([
        "simulate",
        "--truth",
        "gaussian",
        "--family",
        "gaussian-mle",
        "--samples",
        "x",
      ]),
      /--samples must be an integer >= 1, got "x"/,
    );
    usageError(
      await runCliInProcess(["verify", "--workers", "0"]),
      /--workers must be an integer >= 1/,
    );
    usageError(await runCliInProcess(["replay"]), /missing required argument 'claim-id'/);
    usageError(
      await runCliInProcess(["list", "--suite", "mine"]),
      /--suite <name>' argument 'mine' is invalid/,
    );
    usageError(
      await runCliInProcess([
        "simulate",
        "--family",
        "gaussian-mle",
        "--samples",
        "5",
        "--generations",
        "1",
      ]),
      /required option '--truth <spec>' not specified/,
    );
  });
});
