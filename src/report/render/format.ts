/** Text pieces shared by the Markdown and HTML reports. */
import { fmtSetting } from "../../verdict/index.ts";
import { formatNumber } from "../contract/numbers.ts";
import type { ClaimEntry, ReportEvidence, ReportNumber, ReportSeries } from "../contract/schema.ts";

/** A scenario's setting for display: its JSON (fast-check's own printing may show prototypes). */
export function settingText(s: { readonly scenario: string; readonly setting: unknown }): string {
  return s.setting !== null && typeof s.setting === "object"
    ? JSON.stringify(s.setting, (_k, v: unknown) =>
        // Display only (report.json keeps the exact value): no binary noise in settings.
        typeof v === "number" && Number.isFinite(v) ? Number(fmtSetting(v)) : v,
      )
    : s.scenario;
}

/** One line of evidence: claim, estimate with interval, test, p-value, α, replicates. */
export function evidenceLine(e: ReportEvidence): string {
  const f = formatNumber;
  return (
    `${e.outcome.toUpperCase()} ${e.claim}: estimate ${f(e.estimate)} ` +
    `[${f(e.interval[0])}, ${f(e.interval[1])}] (${e.test}, statistic ${f(e.statistic)}, ` +
    `p = ${f(e.pValue)}, α = ${f(e.alpha)}, n = ${e.replicates}, detectable effect ${f(e.detectableEffect)})` +
    (e.violation !== null ? `; first violation: ${e.violation}` : "")
  );
}

/**
 * A piece of evidence in brief, for the scenario tables of passing claims in report.md: outcome,
 * claim, estimate with its interval and the p-value (the test, statistic, α, n and detectable
 * effect are in report.json and report.html; α and n are in the claim's header and row).
 */
export function evidenceBrief(e: ReportEvidence): string {
  const f = formatNumber;
  return (
    `${e.outcome.toUpperCase()} ${e.claim}: ${f(e.estimate)} [${f(e.interval[0])}, ${f(e.interval[1])}], p = ${f(e.pValue)}` +
    (e.violation !== null ? `; first violation: ${e.violation}` : "")
  );
}

/** Reasons attached to the non-finite numbers of a piece of evidence. */
export function evidenceReasons(e: ReportEvidence): string[] {
  const fields: [string, ReportNumber][] = [
    ["statistic", e.statistic],
    ["p-value", e.pValue],
    ["estimate", e.estimate],
    ["interval lower bound", e.interval[0]],
    ["interval upper bound", e.interval[1]],
    ["α", e.alpha],
    ["detectable effect", e.detectableEffect],
  ];
  return fields.flatMap(([name, n]) =>
    typeof n === "number" ? [] : [`${name} ${formatNumber(n)}: ${n.reason}`],
  );
}

/**
 * What a claim's reported failing scenario is called: a counterexample when it is refuted; a
 * strict claim that fails on an inconclusive scenario (no refuted one met) reports an undecided
 * scenario — not evidence against the claim, only that it was not decided within the budget.
 */
export function failingScenarioLabel(c: ClaimEntry): string {
  return c.counterexample?.verdict.outcome === "inconclusive"
    ? "undecided scenario (strict: inconclusive fails)"
    : "counterexample";
}

/** What the claims table says about a claim's evidence, in one cell. */
export function evidenceSummary(c: ClaimEntry): string {
  if (c.status === "error") return `error: ${(c.error ?? "").split("\n")[0]}`;
  if (c.counterexample !== null) {
    const refuting = c.counterexample.verdict.evidence.filter((e) => e.outcome !== "supported");
    return `${failingScenarioLabel(c)} ${settingText(c.counterexample)} (seed ${c.counterexample.seed}, ${c.counterexample.shrinks} shrinks): ${refuting.map(evidenceLine).join("; ")}`;
  }
  const n = c.scenarios.length;
  if (n === 0) return "no scenario evaluated";
  const reps = c.scenarios.map((s) => s.verdict.replicates);
  const ps = c.scenarios.flatMap((s) =>
    s.verdict.evidence.flatMap((e) => (typeof e.pValue === "number" ? [e.pValue] : [])),
  );
  const minP = ps.length > 0 ? formatNumber(Math.min(...ps)) : "n/a";
  return `${n} scenario${n === 1 ? "" : "s"}, all ${c.scenarios.every((s) => s.verdict.outcome === "supported") ? "supported" : "decided"}; ${Math.min(...reps) === Math.max(...reps) ? Math.min(...reps) : `${Math.min(...reps)}–${Math.max(...reps)}`} replicates; smallest p = ${minP}; α = ${c.alpha === null ? "n/a" : formatNumber(c.alpha)} per run, split over the scenarios`;
}

/** The verdict cell: status, and whether the test's expectation was met. */
export function verdictText(c: ClaimEntry): string {
  const expectation = c.expect === "refuted" ? " (planted false claim)" : "";
  return `${lenientStatus(
    c.status,
    c.scenarios.map((s) => s.verdict.outcome),
  )}${expectation} — ${c.passed ? "pass" : "FAIL"}`;
}

/**
 * A run's status as a reader should see it. A non-strict claim passes with inconclusive
 * scenarios (only a refutation fails it), and its run status is then `supported`; shown as is,
 * that would claim evidence the run did not find. So: every scenario inconclusive → "inconclusive
 * (lenient: not refuted)"; some → "supported (k of n scenarios inconclusive)".
 */
export function lenientStatus(status: string, outcomes: readonly (string | undefined)[]): string {
  if (status !== "supported") return status;
  const open = outcomes.filter((o) => o === "inconclusive").length;
  if (open === 0) return status;
  return open === outcomes.length
    ? "inconclusive (lenient: not refuted)"
    : `supported (${open} of ${outcomes.length} scenarios inconclusive)`;
}

/** Generations shown in trajectory tables: 0, 1, 2, 5, 10, 20, 50, … and T. */
export function tableGenerations(T: number): number[] {
  const out = new Set<number>([0]);
  for (let base = 1; base <= T; base *= 10) {
    for (const m of [1, 2, 5]) if (m * base <= T) out.add(m * base);
  }
  out.add(T);
  return [...out].sort((a, b) => a - b);
}

/** "mean ± se" of a series at generation t. */
export function meanSe(s: ReportSeries, t: number): string {
  const mean = s.mean[t];
  if (mean === undefined) return "—";
  const se = s.se?.[t];
  return se === undefined ? formatNumber(mean) : `${formatNumber(mean)} ± ${formatNumber(se)}`;
}

/** "median [q25, q75]" of a series at generation t; "—" when the series has no quantiles. */
export function medianQuartiles(s: ReportSeries, t: number): string {
  const m = s.median?.[t];
  const lo = s.q25?.[t];
  const hi = s.q75?.[t];
  if (m === undefined || lo === undefined || hi === undefined) return "—";
  return `${formatNumber(m)} [${formatNumber(lo)}, ${formatNumber(hi)}]`;
}

/** Every non-finite value of a series, with its reason (deduplicated). */
export function seriesReasons(s: ReportSeries): string[] {
  const out = new Set<string>();
  for (const [name, arr] of [
    ["mean", s.mean],
    ["se", s.se],
    ["median", s.median],
    ["q05", s.q05],
    ["q25", s.q25],
    ["q75", s.q75],
    ["q95", s.q95],
  ] as const) {
    for (const n of arr ?? []) if (typeof n !== "number") out.add(`${name}: ${n.reason}`);
  }
  for (const u of s.undefinedValues) {
    out.add(`generation ${u.generation}: undefined on ${u.chains} chain(s): ${u.reason}`);
  }
  return [...out];
}

/** A flat table derived from a claim's free-form report table. */
export interface TableBlock {
  readonly caption: string;
  readonly header: string[];
  readonly rows: string[][];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function scalarText(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return formatNumber(v);
  if (Array.isArray(v) && v.every((x) => typeof x === "number")) {
    return `[${v.map((x) => formatNumber(x)).join(", ")}]`;
  }
  return JSON.stringify(v) ?? String(v);
}

/**
 * Flattens a JSON table for display: an array of objects becomes a table (one column per key);
 * a key holding an array of objects becomes a sub-table per row, captioned by the row's other
 * fields; an object becomes one block per key; anything else a one-cell table.
 */
export function tableBlocks(caption: string, value: unknown): TableBlock[] {
  if (Array.isArray(value) && value.length > 0 && value.every(isRecord)) {
    const keys = [...new Set(value.flatMap((r) => Object.keys(r)))];
    const nested = keys.filter((k) =>
      value.some((r) => Array.isArray(r[k]) && r[k].length > 0 && r[k].every(isRecord)),
    );
    const flat = keys.filter((k) => !nested.includes(k));
    if (nested.length === 0) {
      return [{ caption, header: flat, rows: value.map((r) => flat.map((k) => scalarText(r[k]))) }];
    }
    return value.flatMap((r, i) => {
      const label = flat.map((k) => `${k} ${scalarText(r[k])}`).join(", ");
      const sub = `${caption} [${i + 1}]${label ? `: ${label}` : ""}`;
      return nested.flatMap((k) => tableBlocks(`${sub} — ${k}`, r[k]));
    });
  }
  if (isRecord(value)) {
    return Object.entries(value).flatMap(([k, v]) => tableBlocks(`${caption} — ${k}`, v));
  }
  return [{ caption, header: ["value"], rows: [[scalarText(value)]] }];
}
