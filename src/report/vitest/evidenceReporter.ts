/**
 * A vitest reporter that shows the evidence behind every claim verdict in vitest's own output —
 * for passing claims too — as a compact table at the end of the run: one line per claim (verdict,
 * scenarios, replicates, the smallest p-value met, time), and with `detail: "scenarios"` one line
 * per scenario (setting, estimate, interval, p-value, replicates). It reads the `task.meta.collapse`
 * that `verifyClaim` stores; tests without it (the machinery's own tests) are not listed.
 * The preset `collapse-harness/vitest` adds it; `COLLAPSE_EVIDENCE=scenarios` (or `off`) overrides
 * the detail for one run.
 */

import type { Reporter, TestModule, Vitest } from "vitest/node";
import { fmt } from "../../verdict/evidence.ts";
import { lenientStatus } from "../render/format.ts";

/** How much of the evidence to print. */
export type EvidenceDetail = "off" | "summary" | "scenarios";

/** Options of {@link EvidenceReporter}. */
export interface EvidenceReporterOptions {
  /** @defaultValue "summary" (or the COLLAPSE_EVIDENCE environment variable) */
  readonly detail?: EvidenceDetail;
}

interface MetaEvidence {
  readonly claim?: string;
  readonly estimate?: number | string;
  readonly interval?: readonly (number | string)[];
  readonly pValue?: number | string;
  readonly replicates?: number;
  readonly outcome?: string;
}

interface MetaScenario {
  readonly scenario?: string;
  readonly setting?: unknown;
  readonly verdict?: {
    readonly outcome?: string;
    readonly replicates?: number;
    readonly evidence?: readonly MetaEvidence[];
  };
}

interface MetaReport {
  readonly claim?: { readonly id?: string };
  readonly status?: string;
  readonly expect?: string;
  readonly scenarios?: readonly MetaScenario[];
  readonly counterexample?: MetaScenario;
  readonly durationMs?: number;
  readonly endedBy?: string;
}

const num = (v: number | string | undefined): string =>
  typeof v === "number" ? fmt(v) : v === undefined ? "?" : String(v);

function detailFrom(value: string | undefined, fallback: EvidenceDetail): EvidenceDetail {
  return value === "off" || value === "summary" || value === "scenarios" ? value : fallback;
}

/** One claim's summary line (exported for tests). */
export function claimLine(name: string, state: string, m: MetaReport): string {
  const scenarios = [...(m.scenarios ?? []), ...(m.counterexample ? [m.counterexample] : [])];
  const replicates = scenarios.map((s) => s.verdict?.replicates ?? 0).filter((n) => n > 0);
  const pValues = scenarios
    .flatMap((s) => s.verdict?.evidence ?? [])
    .map((e) => e.pValue)
    .filter((p): p is number => typeof p === "number");
  const mark = state === "passed" ? "✓" : state === "failed" ? "✗" : "·";
  const shown = lenientStatus(
    m.status ?? "?",
    (m.scenarios ?? []).map((s) => s.verdict?.outcome),
  )
    .replace(/ \(lenient: not refuted\)$/, " (lenient)")
    .replace(/\((\d+) of (\d+) scenarios inconclusive\)$/, "($1/$2 inconcl.)");
  const status = `${shown}${m.expect === "refuted" ? " (planted)" : ""}`;
  const reps =
    replicates.length === 0
      ? "—"
      : Math.min(...replicates) === Math.max(...replicates)
        ? `${replicates[0]}`
        : `${Math.min(...replicates)}–${Math.max(...replicates)}`;
  const minP = pValues.length > 0 ? fmt(Math.min(...pValues)) : "—";
  return [
    `${mark} ${status.padEnd(22)}`,
    (m.claim?.id ?? name).padEnd(44),
    `${String(scenarios.length).padStart(2)} scen.`,
    `reps ${reps.padEnd(11)}`,
    `min p ${minP.padEnd(9)}`,
    `${((m.durationMs ?? 0) / 1000).toFixed(1)} s${m.endedBy ? ` (ended by ${m.endedBy} budget)` : ""}`,
  ].join("  ");
}

/**
 * The detail lines of a claim (COLLAPSE_EVIDENCE=scenarios): each evaluated scenario, then the
 * reported one — "counterexample" when refuted, "undecided scenario" when a strict claim failed
 * on an inconclusive one (the reports' failingScenarioLabel wording).
 */
export function scenarioLines(m: MetaReport): string[] {
  const lines = (m.scenarios ?? []).map(scenarioLine);
  if (m.counterexample) {
    const label =
      m.counterexample.verdict?.outcome === "inconclusive"
        ? "undecided scenario (strict: inconclusive fails)"
        : "counterexample";
    lines.push(`    ${label}:\n${scenarioLine(m.counterexample)}`);
  }
  return lines;
}

/** One scenario's line (exported for tests). */
export function scenarioLine(s: MetaScenario): string {
  const evidence = (s.verdict?.evidence ?? [])
    .map(
      (e) =>
        `${e.outcome ?? "?"} ${e.claim ?? ""}: ${num(e.estimate)} [${num(e.interval?.[0])}, ${num(e.interval?.[1])}], p = ${num(e.pValue)}`,
    )
    .join("; ");
  const setting = s.setting !== undefined ? JSON.stringify(s.setting) : (s.scenario ?? "?");
  return `      ${setting} → ${s.verdict?.outcome ?? "?"} (n = ${s.verdict?.replicates ?? "?"}): ${evidence}`;
}

/** The compact evidence table for a finished run. */
export class EvidenceReporter implements Reporter {
  readonly #detail: EvidenceDetail;
  #log: (text: string) => void = (text) => process.stdout.write(`${text}\n`);

  constructor(options: EvidenceReporterOptions = {}) {
    this.#detail = detailFrom(process.env.COLLAPSE_EVIDENCE, options.detail ?? "summary");
  }

  onInit(vitest: Vitest): void {
    this.#log = (text) => vitest.logger.log(text);
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    if (this.#detail === "off") return;
    const lines: string[] = [];
    for (const m of [...testModules].sort((a, b) => a.moduleId.localeCompare(b.moduleId))) {
      for (const t of m.children.allTests()) {
        const meta = t.meta().collapse as MetaReport | undefined;
        if (meta === undefined || meta === null || typeof meta !== "object") continue;
        lines.push(claimLine(t.name, t.result().state, meta));
        if (this.#detail === "scenarios") lines.push(...scenarioLines(meta));
      }
    }
    if (lines.length === 0) return;
    const claims = lines.filter((l) => !l.startsWith(" ")).length;
    this.#log(
      `\nClaim evidence (${claims} claim${claims === 1 ? "" : "s"}; COLLAPSE_EVIDENCE=scenarios for every scenario):\n${lines.join("\n")}`,
    );
  }
}
