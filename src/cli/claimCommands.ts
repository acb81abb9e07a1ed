/** `collapse list`, `collapse replay` and `collapse new`. */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import { loadPlugins, loadProjectPlugins } from "../chain/loadPlugins.ts";
import { type ClaimReport, checkClaim, type ScenarioRecord } from "../claims/checkClaim.ts";
import { MissingPathError, MissingSeedError, ScaffoldError } from "../report/errors.ts";
import {
  claimById,
  DEFAULT_CLAIMS_FOLDER,
  findClaimFiles,
  loadClaims,
  PROJECT_ROOT,
  projectPath,
} from "../report/loader.ts";
import { writeFileAtomic } from "../report/write.ts";
import { describeEvidence, fmt } from "../verdict/index.ts";
import {
  formatPlugins,
  formatPluginsMarkdown,
  PLUGIN_SECTIONS,
  spliceReadmeReference,
} from "./plugins.ts";
import { scaffoldClaim } from "./scaffold.ts";

function claimFiles(paths: readonly string[]): string[] {
  return findClaimFiles(paths.length > 0 ? paths : [join(PROJECT_ROOT, DEFAULT_CLAIMS_FOLDER)]);
}

function fcSeedOption(raw: string): number {
  const v = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(v) || v < -(2 ** 31) || v >= 2 ** 32) {
    throw new InvalidArgumentError(
      `--seed must be the counterexample's fast-check seed (a 32-bit integer), got ${JSON.stringify(raw)}`,
    );
  }
  return v;
}

function pathOption(raw: string): string {
  if (!/^\d+(?::\d+)*$/.test(raw.trim())) {
    throw new InvalidArgumentError(
      `--path must be fast-check's counterexample path (integers separated by ':'), got ${JSON.stringify(raw)}`,
    );
  }
  return raw.trim();
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

function collectValues(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Adds the claim commands to the program. */
export function addClaimCommands(program: Command): void {
  program
    .command("list")
    .description("list the claims with their kinds and citations")
    .argument("[paths...]", "claim files or folders (default: properties/)")
    .option("--json", "print a JSON array")
    .option("--truths", "list the registered truths and their parameters instead")
    .option("--families", "list the registered model families and their parameters instead")
    .option("--regimes", "list the registered regimes and their parameters instead")
    .option("--transforms", "list the registered sampling transforms instead")
    .option("--metrics", "list the registered metrics and the model kinds they apply to instead")
    .option("--markdown", "print the registered plug-ins as Markdown (the README's reference)")
    .option("--readme <file>", "with --markdown: rewrite the reference block of <file> instead")
    .option("--plugin <module>", "load a plug-in module first (repeatable)", collectValues)
    .action(async (paths: string[], o) => {
      await loadProjectPlugins();
      await loadPlugins(o.plugin);
      const sections = PLUGIN_SECTIONS.filter((s) => o[s]);
      if (sections.length > 0 || o.markdown) {
        const chosen = sections.length > 0 ? sections : PLUGIN_SECTIONS;
        if (o.markdown && o.readme !== undefined) {
          const text = readFileSync(o.readme, "utf8");
          writeFileAtomic(o.readme, spliceReadmeReference(text, formatPluginsMarkdown(chosen)));
          return;
        }
        process.stdout.write(o.markdown ? formatPluginsMarkdown(chosen) : formatPlugins(chosen));
        return;
      }
      const claims = await loadClaims(claimFiles(paths));
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
    });

  program
    .command("replay")
    .description(
      "rerun one counterexample (fast-check seed and path from a failure message or report) and print it; exits 1 when the claim fails its test again",
    )
    .argument("<claim-id>", "the claim's id")
    .option("--seed <S>", "the counterexample's fast-check seed", fcSeedOption)
    .option("--path <P>", "the counterexample's fast-check path, e.g. 0:1:0", pathOption)
    .option("--in <paths...>", "claim files or folders to search (default: properties/)")
    .action(async (id: string, o) => {
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
      const loaded = claimById(await loadClaims(claimFiles(o.in ?? [])), id);
      const report = checkClaim(loaded.claim, { replay: { fcSeed: o.seed, path: o.path } });
      process.stdout.write(`${describeReplay(report, o.seed, o.path, loaded.expect)}\n`);
      process.exitCode = report.status === loaded.expect ? 0 : 1;
    });

  program
    .command("new")
    .description(
      "scaffold a claim file <name>.test.ts (claim block, scenario arbitrary, decision rule) that passes as generated",
    )
    .argument("<name>", "claim id and file name, kebab-case")
    .option("--dir <folder>", "where to write it", DEFAULT_CLAIMS_FOLDER)
    .action((name: string, o) => {
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name)) {
        throw new ScaffoldError(
          `the claim name must be kebab-case (a-z, 0-9, -), got ${JSON.stringify(name)}`,
        );
      }
      const folder = resolve(o.dir);
      const file = join(folder, `${name}.test.ts`);
      if (existsSync(file))
        throw new ScaffoldError(`${relative(process.cwd(), file)} already exists`);
      // Ids are string literals in the claim blocks: a text search finds a clash without
      // loading every claim file (each load validates its claim by sampling scenarios).
      const defaults = join(PROJECT_ROOT, DEFAULT_CLAIMS_FOLDER);
      const literal = new RegExp(`\\bid:\\s*["'\`]${name}["'\`]`);
      for (const f of existsSync(defaults) ? findClaimFiles([defaults]) : []) {
        if (literal.test(readFileSync(f, "utf8"))) {
          throw new ScaffoldError(`claim id ${name} is already defined in ${projectPath(f)}`);
        }
      }
      mkdirSync(folder, { recursive: true });
      writeFileAtomic(file, scaffoldClaim(name));
      process.stdout.write(
        `${relative(process.cwd(), file)}: claim ${name} (passes as generated; edit the claim block, scenario, simulation and checks)\n`,
      );
    });
}
