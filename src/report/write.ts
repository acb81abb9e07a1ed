/**
 * Writing reports: each file goes to a temporary name in the output folder and is renamed into
 * place (atomic on POSIX within a folder), so a reader never sees a half-written report, and an
 * interrupted run leaves the previous files intact. report.json is written last.
 */
import { createHash } from "node:crypto";
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { UnwritableOutputError } from "./errors.ts";
import { renderHtml } from "./html.ts";
import { renderMarkdown } from "./markdown.ts";
import type { Report, ReportBody } from "./schema.ts";

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
    mkdirSync(folder, { recursive: true });
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
    rmSync(probe, { force: true });
  }
}

/** Writes a file atomically: a temporary sibling, then rename over the target. */
export function writeFileAtomic(file: string, content: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${counter++}.tmp`);
  try {
    writeFileSync(tmp, content, "utf8");
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UnwritableOutputError(dirname(file), describe(e));
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

/** Renders and writes report.md, report.html and report.json (last), each atomically. */
export async function writeReport(folder: string, report: Report): Promise<WrittenReport> {
  prepareOutputFolder(folder);
  const markdown = renderMarkdown(report);
  const html = await renderHtml(report);
  const files = {
    folder,
    json: join(folder, "report.json"),
    markdown: join(folder, "report.md"),
    html: join(folder, "report.html"),
  };
  writeFileAtomic(files.markdown, markdown);
  writeFileAtomic(files.html, html);
  writeFileAtomic(files.json, serializeReport(report));
  return files;
}
