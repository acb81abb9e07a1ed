/** `collapse list`, `collapse replay` and `collapse new` (definitions; the work is in claimActions.ts). */
import { type Command, Option } from "commander";
import { collect, fcSeedOption, pathOption } from "./options.ts";

/** `--suite`: the project's claims (default) or the harness's bundled catalog. */
export function suiteOption(): Option {
  return new Option(
    "--suite <name>",
    "project: your claims (package.json collapse.claims, default properties/); builtin: the harness's bundled catalog",
  )
    .choices(["project", "builtin"])
    .default("project");
}

/** Adds the claim commands to the program. */
export function addClaimCommands(program: Command): void {
  program
    .command("list")
    .summary("list the claims (or the registered plug-ins) with kinds and citations")
    .description(
      "list the claims with their kinds and citations, or the registered truths, families, regimes, transforms and metrics",
    )
    .argument("[paths...]", "claim files or folders (default: the suite's claims folder)")
    .addOption(
      new Option("--json", "print JSON (claims: an array; plug-ins: per section)").conflicts(
        "markdown",
      ),
    )
    .option("--truths", "list the registered truths and their parameters instead")
    .option("--families", "list the registered model families and their parameters instead")
    .option("--regimes", "list the registered regimes and their parameters instead")
    .option("--transforms", "list the registered sampling transforms instead")
    .option("--metrics", "list the registered metrics and the model kinds they apply to instead")
    .option("--markdown", "print the registered plug-ins as Markdown (the README's reference)")
    .option("--readme <file>", "with --markdown: rewrite the reference block of <file> instead")
    .option("--plugin <module>", "load a plug-in module first (repeatable)", collect)
    .addOption(suiteOption())
    .action(async (paths: string[], o) => {
      const { list } = await import("./claimActions.ts");
      await list(paths, o);
    });

  program
    .command("replay")
    .summary("rerun one counterexample from its fast-check seed and path")
    .description(
      "rerun one counterexample (fast-check seed and path from a failure message or report) and print it; exits 1 when the claim fails its test again",
    )
    .argument("<claim-id>", "the claim's id")
    .option("--seed <S>", "the counterexample's fast-check seed", fcSeedOption)
    .option("--path <P>", "the counterexample's fast-check path, e.g. 0:1:0", pathOption)
    .option("--in <paths...>", "claim files or folders to search (default: the suite's claims)")
    .addOption(suiteOption())
    .action(async (id: string, o) => {
      const { replay } = await import("./claimActions.ts");
      process.exitCode = await replay(id, o);
    });

  program
    .command("new")
    .summary("scaffold a claim file that passes as generated")
    .description(
      "scaffold a claim file <name>.test.ts in the project's claims folder (claim block, scenario arbitrary, decision rule) that passes as generated",
    )
    .argument("<name>", "claim id and file name, kebab-case")
    .option(
      "--dir <folder>",
      "where to write it (default: the project's claims folder, package.json collapse.claims or properties/)",
    )
    .action(async (name: string, o) => {
      const { scaffold } = await import("./claimActions.ts");
      scaffold(name, o);
    });
}
