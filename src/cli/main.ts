import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { ReportError } from "../report/errors.ts";
import { InvalidParameterError } from "../util/validate.ts";
import { addClaimCommands } from "./claimCommands.ts";
import { formatPlugins } from "./plugins.ts";
import { addReportCommands } from "./reportCommands.ts";
import { formatCsv, formatJson, formatTable, simulate } from "./simulate.ts";

function integer(name: string, min: number) {
  return (raw: string): number => {
    const v = Number(raw);
    if (raw.trim() === "" || !Number.isSafeInteger(v) || v < min) {
      throw new InvalidArgumentError(
        `${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`,
      );
    }
    return v;
  };
}

function number(name: string) {
  return (raw: string): number => {
    const v = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(v)) {
      throw new InvalidArgumentError(`${name} must be a finite number, got ${JSON.stringify(raw)}`);
    }
    return v;
  };
}

function seed(raw: string): number | string {
  const v = Number(raw);
  return /^\d+$/.test(raw) && Number.isSafeInteger(v) ? v : raw;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** The `collapse` command line (`argv`: the full process argv, recorded in reports). */
export function buildProgram(argv: readonly string[] = process.argv): Command {
  const program = new Command("collapse")
    .description(
      "Model-collapse research harness: simulate recursive training and verify collapse claims.",
    )
    .showHelpAfterError();

  program
    .command("simulate")
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
      "replace | accumulate | accumulate-subsample[:size=] | fresh:real=|lambda= | keep-original[:fraction=]",
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
      "sampling transform, repeatable: temperature:tau=, top-k:k=, top-p:p=, select:fraction=",
      collect,
    )
    .option(
      "--metrics <ids>",
      "comma-separated metric ids (default: every exact metric that applies)",
    )
    .option("--tail-q <q>", "tail level q for tail-mass", number("--tail-q"), 0.05)
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
      "worker threads (results are identical for any count)",
      integer("--workers", 1),
      1,
    )
    .addOption(new Option("--json", "print one JSON object").conflicts("csv"))
    .addOption(new Option("--csv", "print one CSV row per generation × metric"))
    .action(async (o) => {
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
        format: o.json ? "json" : o.csv ? "csv" : "table",
        progress: Boolean(process.stderr.isTTY) && !process.env.CI,
      });
      const text = o.json ? formatJson(result) : o.csv ? formatCsv(result) : formatTable(result);
      process.stdout.write(`${text}\n`);
    })
    .addHelpText("after", () => `\n${formatPlugins()}`);
  program
    .command("calibrate")
    .description(
      "run claims over many fresh root seeds and print each claim's observed failure rate with its 95% interval against the nominal α (the false-alarm rate of a true claim, the power of a false one)",
    )
    .argument("[files...]", "claim files (default: properties/)", ["properties"])
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
    .action((files: string[], o) => {
      const code = runVitest(files, o.testName, {
        COLLAPSE_CALIBRATE: `${o.seeds}:${o.alpha ?? ""}:${o.scenarios ?? ""}`.replace(/:+$/, ""),
        COLLAPSE_SEED: String(o.firstSeed),
      });
      process.exitCode = code;
    });
  addReportCommands(program, () => ["collapse", ...argv.slice(2)]);
  addClaimCommands(program);
  return program;
}

/** Runs the project's vitest on files with extra environment; returns its exit code. */
export function runVitest(
  files: string[],
  testName: string | undefined,
  env: Record<string, string>,
): number {
  const require = createRequire(import.meta.url);
  const vitest = join(dirname(require.resolve("vitest/package.json")), "vitest.mjs");
  const args = [vitest, "run", ...files, ...(testName ? ["-t", testName] : [])];
  const r = spawnSync(process.execPath, args, {
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  return r.status ?? 1;
}

/** Entry point: named errors become one-line messages and exit code 2. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram(argv).parseAsync(argv);
  } catch (e) {
    if (e instanceof InvalidParameterError) {
      process.stderr.write(`collapse: ${e.message}\n`);
      process.exitCode = 2;
      return;
    }
    if (e instanceof ReportError) {
      process.stderr.write(`collapse: ${e.name}: ${e.message}\n`);
      process.exitCode = e.exitCode;
      return;
    }
    throw e;
  }
}
