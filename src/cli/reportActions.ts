/** What `collapse verify`, `report --merge` and `verify-report` do (loaded when one of them runs). */
import { relative } from "node:path";
import type { SimulationPreset } from "../report/contract/schema.ts";
import { failingScenarioLabel } from "../report/render/format.ts";
import type { Suite } from "../report/run/loader.ts";
import { mergeReport, type ReportOutcome, verify, verifyReport } from "../report/run/run.ts";
import { showProgress } from "./options.ts";

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
        `    ${failingScenarioLabel(c)} ${c.counterexample.scenario}; replay: ${c.counterexample.replay.collapse}`,
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

/** `collapse verify`; returns the exit code. */
export async function verifyCommand(
  claims: readonly string[],
  o: { seed?: number; out?: string; workers?: number; simulations: string; suite: Suite },
  command: readonly string[],
): Promise<number> {
  const outcome = await verify({
    args: claims,
    seed: o.seed,
    out: o.out,
    workers: o.workers,
    preset: o.simulations as SimulationPreset,
    suite: o.suite,
    progress: showProgress(),
    command,
  });
  return printOutcome(outcome);
}

/** `collapse report --merge`; returns the exit code. */
export async function mergeCommand(
  o: { merge: string; out?: string; seed?: number; simulations: string },
  command: readonly string[],
): Promise<number> {
  const outcome = await mergeReport({
    folder: o.merge,
    out: o.out,
    seed: o.seed,
    preset: o.simulations as SimulationPreset,
    command,
  });
  return printOutcome(outcome);
}

/** `collapse verify-report`; returns the exit code (0: reproduced). */
export async function verifyReportCommand(file: string, o: { workers?: number }): Promise<number> {
  const r = await verifyReport(file, { workers: o.workers, progress: showProgress() });
  if (r.reproduced) {
    process.stdout.write("reproduced\n");
    return 0;
  }
  const lines = [
    `not reproduced: ${r.differences.length} differing field${r.differences.length === 1 ? "" : "s"}`,
  ];
  for (const d of r.differences.slice(0, 50)) {
    lines.push(`  ${d.path}: report ${d.expected}, rerun ${d.actual}`);
  }
  if (r.differences.length > 50) lines.push(`  … and ${r.differences.length - 50} more`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return 1;
}
