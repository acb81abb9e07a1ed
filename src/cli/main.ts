/**
 * The `collapse` command line. This module and the command definitions load only commander:
 * each command imports what it runs when it runs, so `collapse --help` starts in a tenth of a
 * second and no command pays for another's dependencies (vitest, zod, vega, the engine).
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { ReportError } from "../report/contract/errors.ts";
import { InvalidParameterError } from "../util/validate.ts";
import { addClaimCommands, suiteOption } from "./claimCommands.ts";
import { collect, integer, number, seed, shardOption, workersOption } from "./options.ts";
import { addReportCommands } from "./reportCommands.ts";

/** The harness's version, from its package.json. */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  return String(pkg.version);
}

/** `collapse simulate --help` lists the registered plug-ins (the project's too); loaded only for that help. */
let pluginsHelp: (() => string) | undefined;

/** The `collapse` command line (`argv`: the full process argv, recorded in reports). */
export function buildProgram(argv: readonly string[] = process.argv): Command {
  const program = new Command("collapse")
    .description(
      "Model-collapse research harness: simulate recursive training and verify collapse claims.",
    )
    .version(version(), "-V, --version", "print the collapse-harness version")
    .helpOption("-h, --help", "show help (each command has its own: collapse <command> --help)")
    .helpCommand("help [command]", "show help for a command")
    // Usage errors are named and exit 2, like every other bad input; 1 means claims failed.
    .exitOverride()
    .configureOutput({
      outputError: (message, write) =>
        write(`collapse: UsageError: ${message.replace(/^error: /, "")}`),
    })
    .showHelpAfterError(
      "(collapse --help lists the commands, collapse <command> --help the options)",
    );

  program
    .command("simulate")
    .summary("run chains of recursive training and print per-generation metric summaries")
    .description(
      "run K chains × T generations × M samples and print per-generation metric summaries",
    )
    .requiredOption(
      "--truth <spec>",
      "what real data is drawn from, e.g. zipf:k=100,s=1.1 or gaussian:mean=0,sd=1",
    )
    .requiredOption(
      "--family <spec>",
      "model family, e.g. categorical-mle, gaussian-unbiased, kde:bandwidth=0.05",
    )
    .option(
      "--regime <spec>",
      "replace | accumulate | accumulate-subsample[:size=] | fresh:real=|lambda=[,first=] | keep-original[:fraction=][,lambda=]",
      "replace",
    )
    .requiredOption("--samples <M>", "samples per generation", integer("--samples", 1))
    .requiredOption(
      "--generations <T>",
      "generations fitted after the truth",
      integer("--generations", 0),
    )
    .option("--chains <K>", "independent chains", integer("--chains", 1), 100)
    .option("--seed <S>", "root seed (integer or string)", seed, 1 as number | string)
    .option(
      "--transform <spec>",
      "sampling transform, repeatable: temperature:tau=, top-k:k=, top-p:p=, select:fraction=, curate:k=,beta=, verify:a=,b=,low=,high=",
      collect,
    )
    .option(
      "--metrics <ids>",
      "comma-separated metric ids (default: every metric that applies to the truth and the family; those without a closed form by Monte Carlo, --mc-samples)",
    )
    .option(
      "--tail-q <q>",
      "tail level q for tail-mass, in (0, 0.5)",
      number("--tail-q", { above: 0, below: 0.5 }),
      0.05,
    )
    .option(
      "--plugin <module>",
      "plug-in module registering truths, families, regimes, transforms or metrics (repeatable)",
      collect,
    )
    .option(
      "--mc-samples <n>",
      "Monte Carlo sample size for metrics without a closed form",
      integer("--mc-samples", 1),
      4000,
    )
    .option(
      "--workers <n>",
      "threads that run chains: this one and n − 1 worker threads (results are identical for any count)",
      integer("--workers", 1),
      1,
    )
    .option(
      "--allow-large",
      "run even when the estimated results, training-set size or draws exceed the size limits",
    )
    .option(
      "--exceed <conditions>",
      "per generation, the fraction of chains with metric<x, <=, > or >= (exact 95% interval), e.g. variance<0.01,support>1",
    )
    .addOption(
      new Option(
        "--until <conditions>",
        "per chain, the first generation (≤ T) where metric<x, <=, > or >= holds — a stopping time, e.g. support<=1; with the fraction of chains that reached it (exact 95% interval)",
      ).conflicts("csv"),
    )
    .option(
      "--per-chain <file>",
      "also write every chain × generation × metric value with the run's settings: .arrow/.feather (Arrow IPC, for pandas/polars) or .csv",
    )
    .addOption(new Option("--json", "print one JSON object").conflicts("csv"))
    .addOption(new Option("--csv", "print one CSV row per generation × metric"))
    .action(async (o) => {
      const { formatCsv, formatJson, formatTable, simulate } = await import("./simulate.ts");
      const result = await simulate({
        truth: o.truth,
        family: o.family,
        regime: o.regime,
        samples: o.samples,
        generations: o.generations,
        chains: o.chains,
        seed: o.seed,
        transform: o.transform,
        metrics: o.metrics,
        tailQ: o.tailQ,
        mcSamples: o.mcSamples,
        workers: o.workers,
        plugins: o.plugin,
        allowLarge: Boolean(o.allowLarge),
        exceed: o.exceed,
        until: o.until,
        perChain: o.perChain,
        format: o.json ? "json" : o.csv ? "csv" : "table",
        progress: Boolean(process.stderr.isTTY) && !process.env.CI,
      });
      const text = o.json ? formatJson(result) : o.csv ? formatCsv(result) : formatTable(result);
      process.stdout.write(`${text}\n`);
      // On stderr, so stdout stays one JSON object or one CSV table.
      if (result.perChain !== undefined) {
        const p = result.perChain;
        process.stderr.write(
          `collapse: wrote ${p.rows} chain × generation rows to ${p.file} (${p.format})\n`,
        );
      }
    })
    .addHelpText("after", () => (pluginsHelp ? `\n${pluginsHelp()}` : ""));
  program
    .command("calibrate")
    .summary("measure claims' false-alarm rate (or power) over many root seeds")
    .description(
      "run claims over many fresh root seeds and print each claim's observed failure rate with its 95% interval against the nominal α (the false-alarm rate of a true claim, the power of a false one); split the seeds over processes or machines with --shard i/n --out <folder>, then merge the shard files with --merge <folder> into calibration.json and calibration.html",
    )
    .argument("[files...]", "claim files (default: the suite's claims folder)")
    .option("--seeds <n>", "number of root seeds", integer("--seeds", 1), 200)
    .option(
      "--alpha <a>",
      "override each claim's α (e.g. 0.05 to make false alarms measurable)",
      number("--alpha"),
    )
    .option(
      "--first-seed <s>",
      "first root seed; runs use s, s+1, …",
      integer("--first-seed", 0),
      1,
    )
    .option(
      "--scenarios <n>",
      "override each claim's scenarios per run (fewer per run, more runs for the same time)",
      integer("--scenarios", 1),
    )
    .option("-t, --test-name <pattern>", "only claims whose test name matches (vitest -t)")
    .addOption(suiteOption())
    .option(
      "--shard <i/n>",
      "run shard i of n: root seeds s+j with j ≡ i−1 (mod n), every claim; needs --out (merge the shards with --merge)",
      shardOption,
    )
    .option(
      "--out <folder>",
      "with --shard: the sweep's folder, gets calibration-shard-<i>-of-<n>.json; otherwise: write calibration.json and calibration.html there (the folder is replaced whole)",
    )
    .addOption(
      new Option(
        "--merge <folder>",
        "merge the shard files in <folder> into calibration.json and calibration.html (in --out, default <folder>/report)",
      ).conflicts(["shard", "seeds", "alpha", "firstSeed", "scenarios", "testName", "workers"]),
    )
    .option(
      "--workers <n>",
      "vitest workers (results do not depend on it; 1 per shard when shards share a machine)",
      workersOption,
    )
    .action(async function (this: Command, files: string[], o) {
      const { calibrate } = await import("./claimActions.ts");
      process.exitCode = await calibrate(files, o, (message) => this.error(message));
    });
  addReportCommands(program, () => ["collapse", ...argv.slice(2)]);
  addClaimCommands(program);
  return program;
}

/** Whether argv asks for `collapse simulate`'s help (which lists the registered plug-ins). */
function asksSimulateHelp(args: readonly string[]): boolean {
  return (
    (args[0] === "simulate" && args.some((a) => a === "--help" || a === "-h")) ||
    (args[0] === "help" && args[1] === "simulate")
  );
}

/** A named error: `collapse: <name>: <message>`, or the message alone when it names its API. */
function namedError(e: unknown): { text: string; exitCode: number } | undefined {
  if (e instanceof InvalidParameterError) return { text: `collapse: ${e.message}`, exitCode: 2 };
  if (e instanceof ReportError) {
    return { text: `collapse: ${e.name}: ${e.message}`, exitCode: e.exitCode };
  }
  return undefined;
}

/**
 * Entry point. Exit codes: 0 success (and --help, --version); 1 claims failed; 2 a named error
 * (a usage error — unknown option, missing or malformed value, unknown command — included).
 */
export async function main(argv: string[]): Promise<void> {
  // Stack traces of claim files and plug-ins point into their TypeScript sources.
  process.setSourceMapsEnabled(true);
  if (asksSimulateHelp(argv.slice(2))) {
    const [{ formatPlugins }, { loadProjectPlugins }, { findProjectRoot }] = await Promise.all([
      import("./plugins.ts"),
      import("../chain/loadPlugins.ts"),
      import("../util/findProjectRoot.ts"),
    ]);
    await loadProjectPlugins(findProjectRoot());
    pluginsHelp = formatPlugins;
  }
  if (argv.length <= 2) {
    // Bare `collapse`: the overview, then the usage error every other bad invocation gets.
    process.stderr.write(buildProgram(argv).helpInformation());
    process.stderr.write("collapse: UsageError: missing command (collapse --help lists them)\n");
    process.exitCode = 2;
    return;
  }
  try {
    await buildProgram(argv).parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with 0; a usage error was printed by outputError.
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    const named = namedError(e);
    if (named === undefined) throw e;
    process.stderr.write(`${named.text}\n`);
    process.exitCode = named.exitCode;
  }
}
