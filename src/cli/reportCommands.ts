/** `collapse verify`, `collapse report --merge` and `collapse verify-report`. */
import { relative } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { mergeReport, type ReportOutcome, verify, verifyReport } from "../report/run.ts";
import { SIMULATION_PRESETS, type SimulationPreset } from "../report/schema.ts";

/** Progress bars only on an interactive terminal, never in CI. */
export function showProgress(): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI;
}

/** A non-negative integer root seed. */
export function rootSeedOption(raw: string): number {
  const v = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(v)) {
    throw new InvalidArgumentError(
      `--seed must be a non-negative integer, got ${JSON.stringify(raw)}`,
    );
  }
  return v;
}

function workersOption(raw: string): number {
  const v = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(v) || v < 1) {
    throw new InvalidArgumentError(`--workers must be an integer >= 1, got ${JSON.stringify(raw)}`);
  }
  return v;
}

function presetOption(): Option {
  return new Option(
    "--simulations <preset>",
    "canonical trajectory simulations: standard (1000 chains × 40 generations), small, none",
  )
    .choices(SIMULATION_PRESETS)
    .default("standard");
}

function display(path: string): string {
  const r = relative(process.cwd(), path);
  return r === "" || r.startsWith("..") ? path : r;
}

/** Prints the outcome of a report command and returns its exit code. */
export function printOutcome(o: ReportOutcome): number {
  const { body } = o.report;
  const s = body.summary;
  const lines = [
    `collapse: ${s.claims} claim test${s.claims === 1 ? "" : "s"} at root seed ${body.rootSeed}: ${s.supported} supported, ${s.refuted} refuted, ${s.inconclusive} inconclusive, ${s.error} errors; ${s.passed} passed, ${s.failed} failed`,
  ];
  for (const c of body.claims) {
    if (c.passed) continue;
    lines.push(
      `  FAIL ${c.id} (${c.file}): ${c.status}${c.expect === "refuted" ? " (planted false claim, must be refuted)" : ""}`,
    );
    if (c.counterexample !== null) {
      lines.push(
        `    counterexample ${c.counterexample.scenario}; replay: ${c.counterexample.replay.collapse}`,
      );
    }
    if (c.error !== null) lines.push(`    ${c.error.split("\n")[0]}`);
  }
  for (const e of body.errors)
    lines.push(`  ERROR ${e.file ?? "(run)"}: ${e.message.split("\n")[0]}`);
  lines.push(
    `report: ${display(o.written.json)}`,
    `        ${display(o.written.markdown)}`,
    `        ${display(o.written.html)}`,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
  return s.failed === 0 && body.errors.length === 0 ? 0 : 1;
}

/** Adds the report commands to the program. */
export function addReportCommands(program: Command, argv: () => readonly string[]): void {
  program
    .command("verify")
    .description(
      "verify claims (default: every claim in properties/) under vitest and write reports/<run-id>/report.{json,md,html}",
    )
    .argument("[claims...]", "claim files, folders or claim ids (default: properties/)")
    .option("--seed <S>", "root seed (default: COLLAPSE_SEED, else 20261126)", rootSeedOption)
    .option("--out <folder>", "output folder (default: reports/<run-id>)")
    .option(
      "--workers <n>",
      "vitest workers (the report body does not depend on it)",
      workersOption,
    )
    .addOption(presetOption())
    .action(async (claims: string[], o) => {
      const outcome = await verify({
        args: claims,
        seed: o.seed,
        out: o.out,
        workers: o.workers,
        preset: o.simulations as SimulationPreset,
        progress: showProgress(),
        command: argv(),
      });
      process.exitCode = printOutcome(outcome);
    });

  program
    .command("report")
    .description(
      "write one report from the blob reports of shards (`vitest run --shard=i/n --reporter=blob`); its body equals a single-machine run's",
    )
    .requiredOption("--merge <folder>", "folder holding the shards' blob reports")
    .option("--out <folder>", "output folder (default: reports/<run-id>)")
    .option(
      "--seed <S>",
      "root seed, needed only if no claim in the blobs records it (checked against them otherwise)",
      rootSeedOption,
    )
    .addOption(presetOption())
    .action(async (o) => {
      const outcome = await mergeReport({
        folder: o.merge,
        out: o.out,
        seed: o.seed,
        preset: o.simulations as SimulationPreset,
        command: argv(),
      });
      process.exitCode = printOutcome(outcome);
    });

  program
    .command("verify-report")
    .description(
      "rerun what a report ran (claim files, ids, root seed, simulations) and print `reproduced` or the differing fields",
    )
    .argument("<report.json>", "a report written by collapse verify or collapse report --merge")
    .option("--workers <n>", "vitest workers", workersOption)
    .action(async (file: string, o) => {
      const r = await verifyReport(file, { workers: o.workers, progress: showProgress() });
      if (r.reproduced) {
        process.stdout.write("reproduced\n");
        process.exitCode = 0;
        return;
      }
      const lines = [
        `not reproduced: ${r.differences.length} differing field${r.differences.length === 1 ? "" : "s"}`,
      ];
      for (const d of r.differences.slice(0, 50)) {
        lines.push(`  ${d.path}: report ${d.expected}, rerun ${d.actual}`);
      }
      if (r.differences.length > 50) lines.push(`  … and ${r.differences.length - 50} more`);
      process.stdout.write(`${lines.join("\n")}\n`);
      process.exitCode = 1;
    });
}
