/** What `collapse list`, `replay`, `new` and `calibrate` do (loaded when one of them runs). */
import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { loadPlugins, loadProjectPlugins } from "../chain/loadPlugins.ts";
import { type ClaimReport, checkClaim, type ScenarioRecord } from "../claims/checkClaim.ts";
import type { CalibrationReport } from "../report/contract/calibrationSchema.ts";
import {
  MissingPathError,
  MissingSeedError,
  NoClaimFilesError,
  ScaffoldError,
  UnwritableOutputError,
} from "../report/contract/errors.ts";
import { writeCalibrationReport } from "../report/render/calibrationHtml.ts";
import { calibrationTable, mergeShards, readShardFolder } from "../report/run/calibrationMerge.ts";
import {
  harnessVersion,
  runCalibrationShard,
  writeShardFile,
} from "../report/run/calibrationRun.ts";
import {
  claimById,
  findClaimFiles,
  HARNESS_ROOT,
  loadClaims,
  projectPath,
  projectRoot,
  type Suite,
  suiteFolder,
  suitePluginRoot,
} from "../report/run/loader.ts";
import { lockReportFolder, prepareOutputFolder, writeFileAtomic } from "../report/run/write.ts";
import { makeFolder } from "../util/makeFolder.ts";
import { projectConfig } from "../util/projectConfig.ts";
import { InvalidParameterError } from "../util/validate.ts";
import { describeEvidence, fmt } from "../verdict/index.ts";
import { showProgress } from "./options.ts";
import {
  formatPlugins,
  formatPluginsJson,
  formatPluginsMarkdown,
  PLUGIN_SECTIONS,
  spliceReadmeReference,
} from "./plugins.ts";
import { scaffoldClaim } from "./scaffold.ts";

/** The claim files of the given paths (relative to the working directory), else the suite's. */
function claimFiles(paths: readonly string[], suite: Suite): string[] {
  return findClaimFiles(paths.length > 0 ? paths : [suiteFolder(suite)]);
}

/** The replayed scenario, in words: setting, evidence, verdict. */
export function describeReplay(
  report: ClaimReport,
  fcSeed: number,
  path: string,
  expect: "supported" | "refuted",
): string {
  const record: ScenarioRecord | undefined = report.counterexample ?? report.scenarios.at(-1);
  const lines = [
    `Replay of ${report.claim.id} (fast-check seed ${fcSeed}, path ${path}): ${report.status.toUpperCase()}${expect === "refuted" ? " (planted false claim, must be refuted)" : ""}`,
    `  ${report.claim.title}`,
    `  ${report.claim.citation.source}, ${report.claim.citation.where}`,
  ];
  if (record !== undefined) {
    lines.push(
      `  Setting ${record.scenario} with scenario seed ${record.seed}, ${record.verdict.replicates} replicates, ${record.verdict.looks} look(s)`,
      ...record.verdict.evidence.map((e) => `  ${describeEvidence(e)}`),
    );
  }
  lines.push(`  α = ${fmt(report.alpha)} per run`);
  return lines.join("\n");
}

/** `collapse list`. */
export async function list(
  paths: readonly string[],
  o: {
    json?: boolean;
    markdown?: boolean;
    readme?: string;
    plugin?: string[];
    suite: Suite;
  } & Record<string, unknown>,
): Promise<void> {
  if (o.readme !== undefined && !o.markdown) {
    throw new InvalidParameterError(
      "list",
      "--readme",
      "needs --markdown (it rewrites the Markdown reference block of the file)",
      o.readme,
    );
  }
  await loadProjectPlugins(suitePluginRoot(o.suite, projectRoot()));
  await loadPlugins(o.plugin);
  const sections = PLUGIN_SECTIONS.filter((s) => o[s]);
  if (sections.length > 0 || o.markdown) {
    const chosen = sections.length > 0 ? sections : PLUGIN_SECTIONS;
    if (o.markdown && o.readme !== undefined) {
      const text = readFileSync(o.readme, "utf8");
      writeFileAtomic(o.readme, spliceReadmeReference(text, formatPluginsMarkdown(chosen)));
      return;
    }
    process.stdout.write(
      o.markdown
        ? formatPluginsMarkdown(chosen)
        : o.json
          ? formatPluginsJson(chosen)
          : formatPlugins(chosen),
    );
    return;
  }
  const claims = await loadClaims(claimFiles(paths, o.suite));
  const rows = [...claims.values()].map((c) => ({
    id: c.claim.id,
    kind: c.claim.kind,
    expect: c.expect,
    citation: `${c.claim.citation.source}, ${c.claim.citation.where}`,
    title: c.claim.title,
    file: projectPath(c.file),
  }));
  if (o.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const lines = rows.map(
    (r) =>
      `${r.id}  [${r.kind}${r.expect === "refuted" ? ", planted false claim" : ""}]  ${r.title}\n    ${r.citation}\n    ${r.file}`,
  );
  process.stdout.write(
    `${lines.join("\n")}\n${rows.length} claim${rows.length === 1 ? "" : "s"}\n`,
  );
}

/** `collapse replay`; returns the exit code (0: the claim's test would pass). */
export async function replay(
  id: string,
  o: { seed?: number; path?: string; in?: string[]; suite: Suite },
): Promise<number> {
  if (o.seed === undefined) {
    throw new MissingSeedError(
      `collapse replay ${id} needs --seed <S>: the counterexample's fast-check seed (in its replay command)`,
    );
  }
  if (o.path === undefined) {
    throw new MissingPathError(
      `collapse replay ${id} needs --path <P>: the counterexample's fast-check path (in its replay command)`,
    );
  }
  await loadProjectPlugins(suitePluginRoot(o.suite, projectRoot()));
  const loaded = claimById(await loadClaims(claimFiles(o.in ?? [], o.suite)), id);
  const report = checkClaim(loaded.claim, { replay: { fcSeed: o.seed, path: o.path } });
  process.stdout.write(`${describeReplay(report, o.seed, o.path, loaded.expect)}\n`);
  return report.status === loaded.expect ? 0 : 1;
}

/** Longest claim name `collapse new` accepts. */
const MAX_CLAIM_NAME = 100;

/** `collapse new`: writes <name>.test.ts into the project's claims folder (or --dir). */
export function scaffold(name: string, o: { dir?: string }): void {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name)) {
    throw new ScaffoldError(
      `the claim name must be kebab-case (a-z, 0-9, -), got ${JSON.stringify(name)}`,
    );
  }
  // The file name <name>.test.ts and its temporary sibling must fit a 255-byte file name.
  if (name.length > MAX_CLAIM_NAME) {
    throw new ScaffoldError(
      `the claim name must be at most ${MAX_CLAIM_NAME} characters (it names a file), got ${name.length}`,
    );
  }
  if (o.dir !== undefined && o.dir.trim() === "") {
    // resolve("") is the working directory: an empty --dir is a mistake, not a request for it.
    throw new ScaffoldError(`--dir must name a folder, got ${JSON.stringify(o.dir)}`);
  }
  const root = projectRoot();
  const claimsFolder = join(root, projectConfig(root).claims);
  const folder = o.dir !== undefined ? resolve(o.dir) : claimsFolder;
  const file = join(folder, `${name}.test.ts`);
  if (existsSync(file)) throw new ScaffoldError(`${relative(process.cwd(), file)} already exists`);
  // Ids are string literals in the claim blocks: a text search finds a clash without
  // loading every claim file (each load validates its claim by sampling scenarios).
  const literal = new RegExp(`\\bid:\\s*["'\`]${name}["'\`]`);
  for (const f of existsSync(claimsFolder) ? findClaimFiles([claimsFolder]) : []) {
    if (literal.test(readFileSync(f, "utf8"))) {
      throw new ScaffoldError(`claim id ${name} is already defined in ${projectPath(f, root)}`);
    }
  }
  try {
    makeFolder(folder);
  } catch (e) {
    throw new ScaffoldError(
      `cannot create ${folder}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  writeFileAtomic(file, scaffoldClaim(name));
  process.stdout.write(
    `${relative(process.cwd(), file)}: claim ${name} (passes as generated; edit the claim block, scenario, simulation and checks)\n`,
  );
}

/** Options of `collapse calibrate`. */
export interface CalibrateOptions {
  seeds: number;
  alpha?: number;
  firstSeed: number;
  scenarios?: number;
  testName?: string;
  suite: Suite;
  shard?: { index: number; count: number };
  out?: string;
  merge?: string;
  workers?: number;
}

function display(path: string): string {
  const r = relative(process.cwd(), path);
  return r === "" || r.startsWith("..") ? path : r;
}

/** Prints a sweep's table, writes its folder when asked; returns the exit code (1: not calibrated). */
async function finish(report: CalibrationReport, out: string | undefined): Promise<number> {
  process.stdout.write(calibrationTable(report));
  if (out !== undefined) {
    const written = await writeCalibrationReport(out, report);
    process.stdout.write(
      `calibration: ${display(written.json)}\n             ${display(written.html)}\n`,
    );
  }
  return report.passed ? 0 : 1;
}

/**
 * `collapse calibrate`: the project's vitest (its config, else the preset) over the claim files
 * in calibration mode; each claim test stores its per-seed records in its task meta, which the
 * CollapseReporter brings back. With --shard i/n only shard i's root seeds run and the shard file
 * is written into --out; without, every seed runs, the table is printed and, with --out, the
 * calibration folder written. --merge merges a folder of shard files instead of running. The
 * bundled suite runs from the harness's own folder (vitest skips node_modules/ below a root).
 * Returns the exit code: 1 when a true claim's interval lies above its α, a planted claim was
 * missed or a claim test errored; `usage` reports a usage error (exit 2).
 */
export async function calibrate(
  files: readonly string[],
  o: CalibrateOptions,
  usage: (message: string) => never,
): Promise<number> {
  const outFolder = (out: string): string => {
    // resolve("") is the current folder: an empty --out is a mistake, not a request for it.
    if (out.trim() === "") throw new UnwritableOutputError('""', "--out must name a folder");
    return resolve(out);
  };
  if (o.merge !== undefined) {
    if (files.length > 0) usage("--merge takes no claim files (the shards name theirs)");
    // Read and checked before the output folder is touched: a wrong --merge creates nothing.
    const report = mergeShards(readShardFolder(o.merge));
    const out = outFolder(o.out ?? join(o.merge, "report"));
    lockReportFolder(out);
    return finish(report, out);
  }
  if (o.shard !== undefined && o.out === undefined) {
    usage("--shard needs --out <folder>: the folder every shard of the sweep writes its file into");
  }
  if (o.shard !== undefined && o.shard.count > o.seeds) {
    usage(
      `--shard ${o.shard.index}/${o.shard.count}: more shards than root seeds (--seeds ${o.seeds}), so a shard would run none`,
    );
  }
  const root = o.suite === "builtin" ? HARNESS_ROOT : projectRoot();
  const selected = findClaimFiles(files.length > 0 ? files : [suiteFolder(o.suite, projectRoot())]);
  const outside = selected.filter((f) => projectPath(f, root).startsWith("../"));
  if (outside.length > 0) {
    throw new NoClaimFilesError(
      `claim files must be inside ${root} (the folder of the nearest package.json): ${outside.join(", ")}`,
    );
  }
  const out = o.out === undefined ? undefined : outFolder(o.out);
  // Checked before the sweep runs (it may run for hours): a bad --out fails at once.
  if (out !== undefined) {
    prepareOutputFolder(o.shard === undefined ? join(out, "..") : out);
    if (o.shard === undefined) lockReportFolder(out);
  }
  const shard = await runCalibrationShard({
    root,
    settings: {
      files: selected.map((f) => projectPath(f, root)),
      testName: o.testName ?? null,
      seeds: o.seeds,
      firstSeed: o.firstSeed,
      alpha: o.alpha ?? null,
      scenarios: o.scenarios ?? null,
      shards: o.shard?.count ?? 1,
      harnessVersion: harnessVersion(),
    },
    index: o.shard?.index ?? 1,
    workers: o.workers,
    // A bar for one process on a terminal; shards (often run side by side, or in the background)
    // and runs without a terminal log one line per claim on stderr instead.
    progress: o.shard === undefined && showProgress(),
    ...(o.shard === undefined && showProgress()
      ? {}
      : {
          onClaimEnd: (() => {
            const started = performance.now();
            let done = 0;
            const label = o.shard === undefined ? "" : ` shard ${o.shard.index}/${o.shard.count}`;
            return (test: { name: string; state: string; meta: unknown }) => {
              // Tests left out by -t end as skipped: they ran nothing.
              if (test.state !== "passed" && test.state !== "failed") return;
              done++;
              const seconds = ((performance.now() - started) / 1000).toFixed(0);
              const c = (test.meta as { calibration?: { failures?: number; runs?: number } })
                ?.calibration;
              const outcome =
                c === undefined ? "no calibration (error)" : `${c.failures}/${c.runs} runs failed`;
              process.stderr.write(
                `collapse calibrate${label}: ${done} claim${done === 1 ? "" : "s"} done, ${seconds} s: ${test.name.split(":")[0]}: ${outcome}\n`,
              );
            };
          })(),
        }),
  });
  if (o.shard === undefined || out === undefined) {
    return finish(mergeShards([{ file: "(unsharded run)", shard }]), out);
  }
  const file = writeShardFile(out, shard);
  const claims = shard.claims.length;
  process.stdout.write(
    `collapse calibrate: shard ${o.shard.index}/${o.shard.count}: ${claims} claim${claims === 1 ? "" : "s"} × ${shard.shard.rootSeeds.length} root seed${shard.shard.rootSeeds.length === 1 ? "" : "s"} in ${(shard.shard.wallMs / 1000).toFixed(1)} s → ${display(file)}\n${shard.errors
      .map(
        (e) =>
          `ERROR ${e.file}${e.test === null ? "" : ` (${e.test})`}: ${e.message.split("\n")[0]}\n`,
      )
      .join("")}`,
  );
  return shard.errors.length === 0 ? 0 : 1;
}
