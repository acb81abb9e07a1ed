/**
 * A report folder is replaced whole or not at all: a writer killed with SIGKILL at 20 moments
 * (during its 2nd or 3rd write, at phases from a fixed LCG, seed 20261206, spread over rendering,
 * writing and swapping) never
 * leaves a folder holding a mix of two reports or a partial one; the next writer takes over the
 * dead one's lock and cleans its leftovers. Concurrent writers get a named error; a folder with
 * foreign files is refused. Deterministic apart from where the kills land; it asserts only what
 * must hold wherever they land.
 */
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/report/contract/schema.ts";
import {
  ForeignFilesError,
  ReportFolderBusyError,
  serializeReport,
  writeReport,
} from "../../src/report/index.ts";
import { lockReportFolder, releaseReportFolder } from "../../src/report/run/write.ts";
import { childEnv, emptyReport, ROOT } from "./fixtures.ts";

const work = mkdtempSync(join(tmpdir(), "collapse-kill-"));
let report: Report;
let reportFile: string;

beforeAll(() => {
  report = emptyReport("seed-report");
  reportFile = join(work, "report-in.json");
  writeFileSync(reportFile, serializeReport(report));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Whether the folder holds one complete report: the three files, all of one write. */
function consistent(folder: string): { ok: boolean; id?: string; why?: string } {
  const files = readdirSync(folder).sort();
  if (files.join() !== "report.html,report.json,report.md") return { ok: false, why: files.join() };
  const id = (JSON.parse(readFileSync(join(folder, "report.json"), "utf8")) as Report).run.id;
  if (!readFileSync(join(folder, "report.md"), "utf8").includes(`# Collapse report ${id}`)) {
    return { ok: false, why: `report.md is not of ${id}` };
  }
  if (!readFileSync(join(folder, "report.html"), "utf8").includes(id)) {
    return { ok: false, why: `report.html is not of ${id}` };
  }
  return { ok: true, id };
}

/**
 * Starts a writer and kills it with SIGKILL during write number `writes` (0-based), at the
 * fraction `phase` ∈ [0, 1) of the time one write took so far — so kills spread over rendering,
 * writing the temporary folder and swapping it in, whatever the machine's load.
 */
function killDuring(folder: string, writes: number, phase: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(ROOT, "test/report/fixtures/writeLoop.ts"), reportFile, folder],
      { cwd: ROOT, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    let last = 0;
    let buffered = "";
    child.stdout.on("data", (d) => {
      buffered += d;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        const now = performance.now();
        const took = now - last;
        last = now;
        if (line === (writes === 0 ? "ready" : `wrote ${writes - 1}`)) {
          // One write takes about as long as the previous one (the first: as long as start-up).
          setTimeout(() => child.kill("SIGKILL"), Math.max(1, phase * (writes === 0 ? 400 : took)));
        }
      }
    });
    child.on("exit", (_code, signal) =>
      signal === "SIGKILL" ? resolve() : reject(new Error(`writer exited early: ${stderr}`)),
    );
  });
}

describe("report folders are replaced whole", () => {
  it("20 SIGKILLs at spread moments never leave a mixed or partial folder", async () => {
    const folder = join(work, "reports", "run");
    let state = 20261206;
    const lcg = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    const seen = new Set<string>();
    let absent = 0;
    for (let k = 0; k < 20; k++) {
      await killDuring(folder, 1 + (k % 2), lcg());
      if (!existsSync(folder)) {
        absent++;
        continue;
      }
      const c = consistent(folder);
      expect(c.ok, `kill ${k}: ${c.why}`).toBe(true);
      if (c.id) seen.add(c.id);
    }
    console.log(
      `kills: 20; folder absent ${absent} times; distinct complete reports seen ${seen.size}`,
    );
    // Every writer completed at least one write before its kill, so a report is always there
    // except when a kill fell between the two renames of a swap.
    expect(seen.size).toBeGreaterThan(1);
  }, 120_000);

  it("a live writer's lock is a named error; a dead one's is taken over", () => {
    const folder = join(work, "locked", "run");
    mkdirSync(join(work, "locked"), { recursive: true });
    const lock = join(work, "locked", ".run.lock");
    writeFileSync(lock, String(process.ppid)); // a live process that is not this one
    expect(() => lockReportFolder(folder)).toThrow(ReportFolderBusyError);
    writeFileSync(lock, "2147483646"); // no such process
    lockReportFolder(folder);
    expect(readFileSync(lock, "utf8")).toBe(String(process.pid));
    releaseReportFolder(folder);
    expect(existsSync(lock)).toBe(false);
  });

  it("a folder with foreign files is refused, and left as it was", async () => {
    const folder = join(work, "foreign");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "notes.txt"), "mine");
    await expect(writeReport(folder, report)).rejects.toThrow(ForeignFilesError);
    expect(readdirSync(folder)).toEqual(["notes.txt"]);
  });
});
