/** What `collapse list`, `replay`, `new` and `calibrate` do (loaded when one of them runs). */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { loadPlugins, loadProjectPlugins } from "../chain/loadPlugins.ts";
import { type ClaimReport, checkClaim, type ScenarioRecord } from "../claims/checkClaim.ts";
import { MissingPathError, MissingSeedError, ScaffoldError } from "../report/errors.ts";
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
} from "../report/loader.ts";
import { vitestConfigFile } from "../report/vitestConfigFile.ts";
import { writeFileAtomic } from "../report/write.ts";
import { makeFolder } from "../util/makeFolder.ts";
import { projectConfig } from "../util/projectConfig.ts";
import { InvalidParameterError } from "../util/validate.ts";
import { describeEvidence, fmt } from "../verdict/index.ts";
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

/**
 * `collapse calibrate`: the project's vitest (its config, else the preset) over the claim files
 * with the calibration environment; returns vitest's exit code. The bundled suite runs from the
 * harness's own folder (vitest skips node_modules/ below a root).
 */
export function calibrate(
  files: readonly string[],
  o: {
    seeds: number;
    alpha?: number;
    firstSeed: number;
    scenarios?: number;
    testName?: string;
    suite: Suite;
  },
): number {
  const root = o.suite === "builtin" ? HARNESS_ROOT : projectRoot();
  const selected =
    files.length > 0 ? files.map((f) => resolve(f)) : [suiteFolder(o.suite, projectRoot())];
  return runVitest(root, selected, o.testName, {
    COLLAPSE_CALIBRATE: `${o.seeds}:${o.alpha ?? ""}:${o.scenarios ?? ""}`.replace(/:+$/, ""),
    COLLAPSE_SEED: String(o.firstSeed),
  });
}

/** Runs vitest's CLI in `root` on files with extra environment; returns its exit code. */
export function runVitest(
  root: string,
  files: readonly string[],
  testName: string | undefined,
  env: Record<string, string>,
): number {
  const require = createRequire(import.meta.url);
  const vitest = join(dirname(require.resolve("vitest/package.json")), "vitest.mjs");
  const args = [
    vitest,
    "run",
    "--root",
    root,
    "--config",
    vitestConfigFile(root),
    ...files.map((f) => relative(root, f) || "."),
    ...(testName ? ["-t", testName] : []),
  ];
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  return r.status ?? 1;
}
