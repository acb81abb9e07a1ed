/**
 * Writing reports. A report folder is replaced whole: its three files are written into a
 * temporary sibling folder, which is then swapped in by renames, so a crash at any moment leaves
 * the previous report or the new one — never a mix of the two, never a partial one. A lock file
 * beside the folder keeps two runs from writing the same folder.
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { makeFolder } from "../../util/makeFolder.ts";
import {
  ForeignFilesError,
  ReportFolderBusyError,
  UnwritableOutputError,
} from "../contract/errors.ts";
import type { Report, ReportBody } from "../contract/schema.ts";
import { renderHtml } from "../render/html.ts";
import { renderMarkdown } from "../render/markdown.ts";

let counter = 0;

function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ? `${err.code} (${err.message})` : String(err.message ?? e);
}

/**
 * Creates the output folder (and parents) and checks a file can be written there; throws
 * {@link UnwritableOutputError} otherwise. Called before a run, so a bad --out fails at once.
 */
export function prepareOutputFolder(folder: string): void {
  try {
    makeFolder(folder);
    if (!statSync(folder).isDirectory()) throw new Error("not a folder");
  } catch (e) {
    throw new UnwritableOutputError(folder, describe(e));
  }
  const probe = join(folder, `.write-probe.${process.pid}.${counter++}.tmp`);
  try {
    writeFileSync(probe, "");
  } catch (e) {
    throw new UnwritableOutputError(folder, describe(e));
  } finally {
    removeQuietly(probe);
  }
}

/** Writes a file atomically: a temporary sibling, then rename over the target. */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${counter++}.tmp`);
  try {
    writeFileSync(tmp, content, "utf8");
    renameSync(tmp, file);
  } catch (e) {
    removeQuietly(tmp);
    throw new UnwritableOutputError(dirname(file), describe(e));
  }
}

/**
 * Removes a temporary file on an error path. A failure here (the name too long to exist, a
 * read-only folder) must not replace the error that is being reported.
 */
function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Nothing was created, or nothing can be removed: the original error says why.
  }
}

/** SHA-256 of a body's compact JSON (the run section records it). */
export function bodyDigest(body: ReportBody): string {
  return createHash("sha256").update(JSON.stringify(body)).digest("hex");
}

/** report.json text: 2-space JSON with a trailing newline. */
export function serializeReport(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The three report files written into a folder. */
export interface WrittenReport {
  readonly folder: string;
  readonly json: string;
  readonly markdown: string;
  readonly html: string;
}

/** Temporary and retired copies of `folder` left beside it by this module. */
function scratchSiblings(folder: string): string[] {
  const parent = dirname(folder);
  const name = basename(folder);
  if (!existsSync(parent)) return [];
  return readdirSync(parent)
    .filter((f) => f.startsWith(`.${name}.`) && (f.endsWith(".tmp") || f.endsWith(".old")))
    .map((f) => join(parent, f));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const held = new Set<string>();
process.once("exit", () => {
  for (const lock of held) rmSync(lock, { force: true });
});

/**
 * Takes the lock of a report folder (a `.<name>.lock` file beside it holding this process's
 * pid), or throws {@link ReportFolderBusyError} when a live process holds it; a lock left by a
 * dead process is taken over. Released by {@link releaseReportFolder} or when the process exits.
 */
export function lockReportFolder(folder: string): void {
  const lock = join(dirname(folder), `.${basename(folder)}.lock`);
  if (held.has(lock)) return;
  makeFolder(dirname(folder));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: "wx" });
      held.add(lock);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new UnwritableOutputError(dirname(folder), describe(e));
      }
      const pid = Number(readFileSync(lock, "utf8"));
      if (Number.isSafeInteger(pid) && pid > 0 && alive(pid)) {
        throw new ReportFolderBusyError(folder, `pid ${pid}`);
      }
      rmSync(lock, { force: true }); // stale: its process is gone
    }
  }
  throw new ReportFolderBusyError(folder, "a lock that could not be taken over");
}

/** Releases a lock taken by {@link lockReportFolder}. */
export function releaseReportFolder(folder: string): void {
  const lock = join(dirname(folder), `.${basename(folder)}.lock`);
  if (held.delete(lock)) rmSync(lock, { force: true });
}

/**
 * Replaces `folder` whole with the given files (name → content): they go into
 * `.<name>.<pid>.<n>.tmp` beside it; then the old folder (if any) is renamed to
 * `.<name>.<pid>.<n>.old`, the new one renamed into place, and the old one removed. A crash before
 * the second rename leaves the old folder complete (at its name, or, between the two renames, at
 * the `.old` name with no folder at `folder`); after it, the new one. Leftovers are removed by the
 * next write. A folder holding anything but files of these names is refused
 * ({@link ForeignFilesError}). The caller holds the folder's lock ({@link lockReportFolder}).
 */
export function replaceFolder(folder: string, files: Readonly<Record<string, string>>): void {
  const allowed = new Set(Object.keys(files));
  if (existsSync(folder)) {
    const foreign = readdirSync(folder).filter((f) => !allowed.has(f));
    if (foreign.length > 0) throw new ForeignFilesError(folder, foreign);
  } else if (scratchSiblings(folder).some((f) => f.endsWith(".old"))) {
    // A crash between the two renames: put the previous folder back before replacing it.
    const old = scratchSiblings(folder).filter((f) => f.endsWith(".old"));
    renameSync(old[0], folder);
  }
  for (const f of scratchSiblings(folder)) rmSync(f, { recursive: true, force: true });
  const stem = join(dirname(folder), `.${basename(folder)}.${process.pid}.${counter++}`);
  const tmp = `${stem}.tmp`;
  try {
    makeFolder(tmp);
    for (const [name, content] of Object.entries(files)) {
      writeFileSync(join(tmp, name), content, "utf8");
    }
    if (existsSync(folder)) {
      renameSync(folder, `${stem}.old`);
      renameSync(tmp, folder);
      rmSync(`${stem}.old`, { recursive: true, force: true });
    } else {
      renameSync(tmp, folder);
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(folder) && existsSync(`${stem}.old`)) renameSync(`${stem}.old`, folder);
    throw new UnwritableOutputError(dirname(folder), describe(e));
  }
}

/**
 * Renders the report and replaces `folder` whole with report.md, report.html and report.json
 * (see {@link replaceFolder}); a folder holding anything but report files is refused
 * ({@link ForeignFilesError}).
 */
export async function writeReport(folder: string, report: Report): Promise<WrittenReport> {
  lockReportFolder(folder);
  try {
    const markdown = renderMarkdown(report);
    const html = await renderHtml(report);
    replaceFolder(folder, {
      "report.md": markdown,
      "report.html": html,
      "report.json": serializeReport(report),
    });
    return {
      folder,
      json: join(folder, "report.json"),
      markdown: join(folder, "report.md"),
      html: join(folder, "report.html"),
    };
  } finally {
    releaseReportFolder(folder);
  }
}
