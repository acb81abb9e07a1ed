/** `collapse verify`, `collapse report --merge` and `collapse verify-report` (definitions; the work is in reportActions.ts). */
import { type Command, Option } from "commander";
import { SIMULATION_PRESETS } from "../report/contract/simulationPresets.ts";
import { suiteOption } from "./claimCommands.ts";
import { rootSeedOption, workersOption } from "./options.ts";

function presetOption(): Option {
  return new Option(
    "--simulations <preset>",
    "canonical trajectory simulations: standard (1000 chains × 40 generations), small, none",
  )
    .choices(SIMULATION_PRESETS)
    .default("standard");
}

/** Adds the report commands to the program. */
export function addReportCommands(program: Command, argv: () => readonly string[]): void {
  program
    .command("verify")
    .summary("verify claims under vitest and write a report (json, md, html)")
    .description(
      "verify claims (default: every claim of the suite: the project's claims folder, or the harness's bundled catalog) under vitest and write reports/<run-id>/report.{json,md,html} in the project",
    )
    .argument("[claims...]", "claim files, folders or claim ids (default: the suite's claims)")
    .option("--seed <S>", "root seed (default: COLLAPSE_SEED, else 20261126)", rootSeedOption)
    .option("--out <folder>", "output folder (default: reports/<run-id> in the project)")
    .option(
      "--workers <n>",
      "vitest workers (the report body does not depend on it)",
      workersOption,
    )
    .addOption(presetOption())
    .addOption(suiteOption())
    .action(async (claims: string[], o) => {
      const { verifyCommand } = await import("./reportActions.ts");
      process.exitCode = await verifyCommand(claims, o, argv());
    });

  program
    .command("report")
    .summary("merge the blob reports of vitest shards into one report")
    .description(
      "write one report from the blob reports of shards (`vitest run --shard=i/n --reporter=blob`); its body equals a single-machine run's",
    )
    .requiredOption("--merge <folder>", "folder holding the shards' blob reports")
    .option("--out <folder>", "output folder (default: reports/<run-id> in the project)")
    .option(
      "--seed <S>",
      "root seed, needed only if no claim in the blobs records it (checked against them otherwise)",
      rootSeedOption,
    )
    .addOption(presetOption())
    .action(async (o) => {
      const { mergeCommand } = await import("./reportActions.ts");
      process.exitCode = await mergeCommand(o, argv());
    });

  program
    .command("verify-report")
    .summary("rerun what a report ran and print reproduced or the differing fields")
    .description(
      "rerun what a report ran (claim files, ids, root seed, simulations) and print `reproduced` or the differing fields",
    )
    .argument("<report.json>", "a report written by collapse verify or collapse report --merge")
    .option("--workers <n>", "vitest workers", workersOption)
    .action(async (file: string, o) => {
      const { verifyReportCommand } = await import("./reportActions.ts");
      process.exitCode = await verifyReportCommand(file, o);
    });
}
