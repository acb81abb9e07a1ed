/**
 * The report commands' engine: run vitest programmatically over claim files with the
 * CollapseReporter (or replay shard blobs through it), run the canonical simulations, build the
 * body, and assemble and write the report; rerun a report and compare bodies.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { isAbsolute, join, resolve, sep } from "node:path";
import type { TestCase } from "vitest/node";
import { threadsPerClaimFile } from "../../chain/runChainsThreaded.ts";
import { resolveRootSeed } from "../../claims/rootSeed.ts";
import { buildBody, testClaimId } from "../contract/body.ts";
import { type Difference, diffJson } from "../contract/compare.ts";
import { environment, host } from "../contract/environment.ts";
import {
  ForeignClaimFileError,
  MalformedReportError,
  MissingSeedError,
  NoClaimFilesError,
  SeedMismatchError,
  UnwritableOutputError,
} from "../contract/errors.ts";
import {
  parseReport,
  REPORT_SCHEMA,
  REPORT_VERSION,
  type Report,
  type ReportBody,
  type SimulationPreset,
  validateReport,
} from "../contract/schema.ts";
import { PRESET_SIZES, runCanonical } from "../simulations/canonical.ts";
import { CollapseReporter, type CollectedRun } from "../vitest/reporter.ts";
import { vitestConfigFile } from "../vitest/vitestConfigFile.ts";
import {
  claimById,
  findClaimFiles,
  loadClaims,
  projectPath,
  projectRoot,
  type Suite,
  suiteFolder,
} from "./loader.ts";
import {
  bodyDigest,
  lockReportFolder,
  prepareOutputFolder,
  type WrittenReport,
  writeReport,
} from "./write.ts";

/** What to run: claim files (project-relative) and optional claim ids within them. */
export interface Selection {
  readonly files: readonly string[];
  readonly claims: readonly string[];
}

const CLAIM_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Resolves `collapse verify` arguments: existing files and folders select claim files; other
 * kebab-case words are claim ids, looked up among the given files (by default the suite's:
 * the project's claims folder, or the harness's bundled claims). Files are returned relative to
 * the project root. Throws UnknownClaimError for an id no file defines, NoClaimFilesError for a
 * missing path or a file outside the project.
 */
export async function resolveSelection(
  args: readonly string[],
  cwd = process.cwd(),
  suite: Suite = "project",
): Promise<Selection> {
  const root = projectRoot(cwd);
  const paths: string[] = [];
  const ids: string[] = [];
  for (const a of args) {
    if (existsSync(isAbsolute(a) ? a : resolve(cwd, a))) paths.push(a);
    else if (CLAIM_ID.test(a)) ids.push(a);
    else throw new NoClaimFilesError(`no such file or folder: ${a}`);
  }
  const searched =
    paths.length > 0 ? findClaimFiles(paths, cwd) : findClaimFiles([suiteFolder(suite, root)]);
  const outside = searched.filter((f) => projectPath(f, root).startsWith("../"));
  if (outside.length > 0) {
    throw new NoClaimFilesError(
      `claim files must be inside the project (${root}, the folder of the nearest package.json): ${outside.join(", ")}`,
    );
  }
  if (ids.length === 0) return { files: searched.map((f) => projectPath(f, root)), claims: [] };
  const claims = await loadClaims(searched);
  const files = new Set(ids.map((id) => projectPath(claimById(claims, id).file, root)));
  return { files: [...files].sort(), claims: [...new Set(ids)].sort() };
}

/**
 * Throws {@link ForeignClaimFileError} unless `file` (relative to the project root) is, after
 * following links, a `*.test.ts` file inside the project's claims folder or the bundled suite's
 * — the only files a report may make this tool run.
 */
export function checkClaimFileOfSuite(file: string, root: string = projectRoot()): void {
  const abs = resolve(root, file);
  if (!existsSync(abs)) throw new ForeignClaimFileError(file, "no such file");
  const real = realpathSync(abs);
  if (!/\.test\.ts$/.test(real))
    throw new ForeignClaimFileError(file, "not a claim file (*.test.ts)");
  const folders = (["project", "builtin"] as const)
    .map((suite) => suiteFolder(suite, root))
    .filter((dir) => existsSync(dir))
    .map((dir) => realpathSync(dir));
  if (!folders.some((dir) => real.startsWith(`${dir}${sep}`))) {
    throw new ForeignClaimFileError(
      file,
      `it resolves to ${real}, outside the claims folders (${folders.join(", ")})`,
    );
  }
}

function globEscape(path: string): string {
  return path.replace(/[[\]{}()*?!+@]/g, "\\$&");
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Runs vitest in this process over the selection (files relative to the root: the project's, or
 * `o.root`), with the root's vitest config or else the preset's; returns what the reporter
 * collected. `o.testName` is vitest's -t filter (used when the selection names no claim ids).
 */
export async function runClaims(
  selection: Selection,
  o: {
    workers?: number;
    progress: boolean;
    root?: string;
    testName?: string;
    /** Called as each test ends, with its name, state and `task.meta.collapse` (for a log line). */
    onTestEnd?: (test: { name: string; state: string; meta: unknown }) => void;
  },
): Promise<CollectedRun> {
  const root = o.root ?? projectRoot();
  for (const f of selection.files) {
    if (!existsSync(join(root, f))) throw new NoClaimFilesError(`no such claim file: ${f}`);
  }
  const reporter = new CollapseReporter({ progress: o.progress });
  const testNamePattern =
    selection.claims.length > 0
      ? new RegExp(
          `^(?:${selection.claims.map(escapeRegExp).join("|")})(?: \\(planted false claim, must be refuted\\))?: `,
        )
      : o.testName;
  const previousExitCode = process.exitCode;
  // Threads per claim file (runReplicates, through COLLAPSE_THREADS in the test workers, which
  // inherit this environment): the cores the concurrent files leave, so a single claim uses
  // every core and a whole catalog one per file. A COLLAPSE_THREADS the user set is kept.
  const previousThreads = process.env.COLLAPSE_THREADS;
  if (previousThreads === undefined) {
    process.env.COLLAPSE_THREADS = String(
      threadsPerClaimFile(availableParallelism(), o.workers, selection.files.length),
    );
  }
  // Loaded on demand: vitest's node API costs a second to import, and most commands never run it.
  const { startVitest } = await import("vitest/node");
  const ctx = await startVitest("test", [], {
    root,
    config: vitestConfigFile(root),
    run: true,
    watch: false,
    include: selection.files.map(globEscape),
    // The bundled claims live under node_modules/collapse-harness/, which vitest skips by default.
    ...(selection.files.some((f) => f.split("/").includes("node_modules"))
      ? { exclude: ["**/.git/**"] }
      : {}),
    reporters: [
      reporter,
      ...(o.onTestEnd === undefined
        ? []
        : [
            {
              onTestCaseResult: (t: TestCase) =>
                o.onTestEnd?.({ name: t.name, state: t.result().state, meta: t.meta().collapse }),
            },
          ]),
    ],
    ...(testNamePattern ? { testNamePattern } : {}),
    ...(o.workers !== undefined ? { maxWorkers: o.workers } : {}),
  });
  await ctx.close();
  if (previousThreads === undefined) delete process.env.COLLAPSE_THREADS;
  // vitest sets the exit code for failed tests; the report commands decide their own.
  process.exitCode = previousExitCode;
  try {
    return reporter.result();
  } catch {
    throw new NoClaimFilesError(
      `vitest ran none of the claim files (${selection.files.join(", ")}): see its output above`,
    );
  }
}

/** Replays the blob reports in a folder (shards) through the reporter. */
export async function mergeBlobs(folder: string): Promise<{ run: CollectedRun; blobs: string[] }> {
  const abs = resolve(folder);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new NoClaimFilesError(`no such folder of blob reports: ${folder}`);
  }
  const blobs = readdirSync(abs).sort();
  if (blobs.length === 0) throw new NoClaimFilesError(`no blob reports in ${folder}`);
  const reporter = new CollapseReporter({ progress: false });
  const previousExitCode = process.exitCode;
  const { startVitest } = await import("vitest/node");
  const root = projectRoot();
  const ctx = await startVitest("test", [], {
    root,
    config: vitestConfigFile(root),
    run: true,
    watch: false,
    mergeReports: abs,
    reporters: [reporter],
  });
  await ctx.close();
  process.exitCode = previousExitCode;
  try {
    return { run: reporter.result(), blobs };
  } catch {
    throw new NoClaimFilesError(
      `${folder} holds no readable vitest blob reports (run shards with --reporter=blob)`,
    );
  }
}

/** The root seed the claims of a collected run were checked under (undefined if none says). */
export function collectedRootSeed(run: CollectedRun): number | undefined {
  const seeds = new Set<number>();
  for (const t of run.tests) {
    const m = t.meta;
    if (m !== null && typeof m === "object" && "rootSeed" in m && typeof m.rootSeed === "number") {
      seeds.add(m.rootSeed);
    }
  }
  if (seeds.size > 1) throw new SeedMismatchError([...seeds].sort((a, b) => a - b));
  return seeds.size === 1 ? [...seeds][0] : undefined;
}

/** Builds the body of a collected run: canonical simulations at the root seed, then claims. */
export function bodyOf(
  run: CollectedRun,
  rootSeed: number,
  claims: readonly string[],
  preset: SimulationPreset,
): { body: ReportBody; simulationsMs: number } {
  const seen = collectedRootSeed(run);
  if (seen !== undefined && seen !== rootSeed) throw new SeedMismatchError([rootSeed, seen]);
  const started = performance.now();
  const canonical = runCanonical(rootSeed, preset);
  const simulationsMs = performance.now() - started;
  const size = PRESET_SIZES[preset];
  const body = buildBody(run, {
    rootSeed,
    claims,
    preset,
    chains: size.chains,
    generations: size.generations,
    trajectories: canonical.trajectories,
    fractions: canonical.fractions,
    histograms: canonical.histograms,
    matrix: canonical.matrix,
  });
  return { body, simulationsMs };
}

/** A run id: UTC time to the second and the root seed, e.g. `20261126T045010Z-seed20261126`. */
export function runId(started: Date, rootSeed: number): string {
  const iso = started
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
  return `${iso}-seed${rootSeed}`;
}

/** The default output folder of a run: reports/<run id> in the project (suffixed if it exists). */
export function defaultOutputFolder(id: string, root: string = projectRoot()): string {
  let folder = join(root, "reports", id);
  for (let i = 2; existsSync(folder); i++) folder = join(root, "reports", `${id}-${i}`);
  return folder;
}

/**
 * A validated report of a body and the collected run: the run section (timestamps, per-claim
 * durations, host, environment) and the body's digest. Throws MalformedReportError if anything
 * would not fit the schema (so no such report is ever written).
 */
export function assembleReport(
  body: ReportBody,
  collected: CollectedRun,
  o: {
    id: string;
    started: Date;
    simulationsMs: number;
    command: readonly string[];
    workers: number | null;
    merged: { folder: string; blobs: string[] } | null;
  },
): Report {
  const finished = new Date();
  const claims = collected.tests
    .filter((t) => t.state === "passed" || t.state === "failed")
    .map((t) => ({ id: testClaimId(t), file: t.file, durationMs: Math.max(0, t.durationMs) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.file < b.file ? -1 : 1));
  const report = {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    body,
    run: {
      id: o.id,
      command: [...o.command],
      startedAt: o.started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - o.started.getTime(),
      claims,
      simulationsMs: o.simulationsMs,
      workers: o.workers,
      merged: o.merged,
      bodySha256: "0".repeat(64),
      host: host(),
      environment: environment(projectRoot(), body.rootSeed),
    },
  } satisfies Report;
  // The schema is the contract: a report that does not validate is never written. The digest is
  // of the validated body, in the key order the file will have.
  const valid = validateReport(report, "report.json (about to be written)");
  return { ...valid, run: { ...valid.run, bodySha256: bodyDigest(valid.body) } };
}

/**
 * The output folder, checked writable before any work: `--out` is created now; the default
 * reports/<run id> only when the report is written (reports/ itself is checked now), so a run
 * that fails early leaves no empty folder behind.
 */
function outputFolder(out: string | undefined, id: string): string {
  // Locked from the start, so a second run into the same folder fails before it runs anything.
  if (out !== undefined) {
    // resolve("") is the current folder: an empty --out is a mistake, not a request for it.
    if (out.trim() === "") throw new UnwritableOutputError('""', "--out must name a folder");
    const folder = resolve(out);
    prepareOutputFolder(folder);
    lockReportFolder(folder);
    return folder;
  }
  const folder = defaultOutputFolder(id);
  prepareOutputFolder(join(folder, ".."));
  lockReportFolder(folder);
  return folder;
}

/** Options of {@link verify}. */
export interface VerifyOptions {
  /** Claim files, folders and claim ids (default: the suite's claims). */
  readonly args: readonly string[];
  /** Where claim ids and the default selection come from. @defaultValue "project" */
  readonly suite?: Suite;
  /** Root seed (default: COLLAPSE_SEED, else the harness default). */
  readonly seed?: number;
  /** Output folder (default: reports/<run id>). */
  readonly out?: string;
  /** vitest workers. */
  readonly workers?: number;
  readonly preset: SimulationPreset;
  readonly progress: boolean;
  /** The command line, recorded in the run section. */
  readonly command: readonly string[];
}

/** The outcome of a report command. */
export interface ReportOutcome {
  readonly report: Report;
  readonly written: WrittenReport;
}

function clearRunModes(): void {
  // A report is of an ordinary run: no replay of one counterexample, no calibration sweep.
  delete process.env.COLLAPSE_REPLAY;
  delete process.env.COLLAPSE_CALIBRATE;
  delete process.env.COLLAPSE_CALIBRATE_SHARD;
}

/** `collapse verify`: runs the claims and the canonical simulations, writes the report. */
export async function verify(o: VerifyOptions): Promise<ReportOutcome> {
  const started = new Date();
  const rootSeed = o.seed ?? resolveRootSeed(process.env);
  process.env.COLLAPSE_SEED = String(rootSeed);
  clearRunModes();
  const id = runId(started, rootSeed);
  const selection = await resolveSelection(o.args, process.cwd(), o.suite ?? "project");
  const folder = outputFolder(o.out, id);
  const collected = await runClaims(selection, { workers: o.workers, progress: o.progress });
  const { body, simulationsMs } = bodyOf(collected, rootSeed, selection.claims, o.preset);
  const report = assembleReport(body, collected, {
    id,
    started,
    simulationsMs,
    command: o.command,
    workers: o.workers ?? null,
    merged: null,
  });
  return { report, written: await writeReport(folder, report) };
}

/** Options of {@link mergeReport}. */
export interface MergeOptions {
  /** Folder of vitest blob reports (one per shard). */
  readonly folder: string;
  readonly out?: string;
  /** Root seed; needed only when no claim in the blobs records one. */
  readonly seed?: number;
  readonly preset: SimulationPreset;
  readonly command: readonly string[];
}

/** `collapse report --merge`: one report from shard blobs, body equal to a single run's. */
export async function mergeReport(o: MergeOptions): Promise<ReportOutcome> {
  const started = new Date();
  const { run: collected, blobs } = await mergeBlobs(o.folder);
  const recorded = collectedRootSeed(collected);
  if (recorded !== undefined && o.seed !== undefined && recorded !== o.seed) {
    throw new SeedMismatchError([o.seed, recorded]);
  }
  const rootSeed = recorded ?? o.seed;
  if (rootSeed === undefined) {
    throw new MissingSeedError(
      `no claim in ${o.folder} records its root seed: pass the shards' COLLAPSE_SEED with --seed`,
    );
  }
  const id = runId(started, rootSeed);
  const folder = outputFolder(o.out, id);
  const { body, simulationsMs } = bodyOf(collected, rootSeed, [], o.preset);
  const report = assembleReport(body, collected, {
    id,
    started,
    simulationsMs,
    command: o.command,
    workers: null,
    merged: { folder: o.folder, blobs },
  });
  return { report, written: await writeReport(folder, report) };
}

/** Reads and validates a report file (named errors for missing, malformed, wrong version). */
export function readReport(file: string): Report {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new MalformedReportError(file, `cannot read: ${(e as Error).message}`);
  }
  return parseReport(text, file);
}

/** The outcome of {@link verifyReport}. */
export interface VerifyReportOutcome {
  readonly reproduced: boolean;
  readonly differences: readonly Difference[];
}

/**
 * `collapse verify-report`: reruns what a report ran — the same claim files and ids, root seed
 * and simulation preset — and compares the new body with the report's, field by field.
 */
export async function verifyReport(
  file: string,
  o: { workers?: number; progress: boolean },
): Promise<VerifyReportOutcome> {
  const report = readReport(file);
  const b = report.body;
  if (b.selection.files.length === 0) {
    throw new NoClaimFilesError(`${file} ran no claim files: nothing to rerun`);
  }
  // A report is data from anywhere: check every file it names before any code runs.
  for (const f of b.selection.files) checkClaimFileOfSuite(f);
  process.env.COLLAPSE_SEED = String(b.rootSeed);
  clearRunModes();
  const collected = await runClaims(
    { files: b.selection.files, claims: b.selection.claims },
    { workers: o.workers, progress: o.progress },
  );
  const { body } = bodyOf(collected, b.rootSeed, b.selection.claims, b.simulations.preset);
  const differences = [...diffJson(b, body)];
  const digest = bodyDigest(b);
  if (digest !== report.run.bodySha256) {
    differences.push({
      path: "run.bodySha256",
      expected: JSON.stringify(report.run.bodySha256),
      actual: `${JSON.stringify(digest)} (the body in the file was edited after it was written)`,
    });
  }
  return { reproduced: differences.length === 0, differences };
}
