import { slug } from "github-slugger";
/** report.md: claims table, counterexamples with replay commands, matrix, trajectories, environment. */

import { formatNumber } from "../contract/numbers.ts";
import type {
  ClaimEntry,
  CollapseMatrix,
  FractionChart,
  HistogramChart,
  Report,
  TrajectoryChart,
} from "../contract/schema.ts";
import {
  evidenceBrief,
  evidenceLine,
  evidenceReasons,
  evidenceSummary,
  meanSe,
  medianQuartiles,
  seriesReasons,
  settingText,
  tableBlocks,
  tableGenerations,
  verdictText,
} from "./format.ts";

/** A table cell: pipes escaped, line breaks as <br>. */
function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.map(cell).join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ];
}

function fence(text: string, lang = ""): string[] {
  return [`\`\`\`${lang}`, text, "```"];
}

/** The anchor GitHub gives a claim's section heading (github-slugger: GitHub's own algorithm). */
function anchor(c: ClaimEntry): string {
  return slug(`${c.id}: ${c.title}`);
}

function claimSection(c: ClaimEntry): string[] {
  const out = [`### ${c.id}: ${c.title}`, ""];
  out.push(`- Verdict: **${verdictText(c)}**`);
  out.push(`- File: \`${c.file}\``);
  if (c.citation !== null) out.push(`- Citation: ${c.citation.source}, ${c.citation.where}`);
  if (c.statement !== null) out.push(`- Statement: ${c.statement}`);
  if (c.kind !== null) out.push(`- Kind: ${c.kind}`);
  if (c.assumptions.length > 0) out.push(`- Assumptions: ${c.assumptions.join("; ")}`);
  for (const source of c.data) out.push(`- Data: ${source}`);
  if (c.alpha !== null) {
    out.push(
      `- α = ${formatNumber(c.alpha)} per run${c.strict === false ? " (non-strict: inconclusive only warns)" : ""}; fast-check seed ${c.fcSeed}; root seed ${c.rootSeed}`,
    );
  }
  if (c.error !== null) out.push("", "Error:", "", ...fence(c.error));
  if (c.scenarios.length > 0) {
    out.push(
      "",
      ...table(
        ["#", "setting", "seed", "verdict", "replicates", "evidence"],
        c.scenarios.map((s, i) => [
          String(i + 1),
          `\`${settingText(s)}\``,
          String(s.seed),
          s.verdict.outcome,
          String(s.verdict.replicates),
          // In full where the claim failed; in brief where it passed (the full record is in
          // report.json and report.html), which keeps report.md a readable size.
          s.verdict.evidence
            .map((e) =>
              [c.passed ? evidenceBrief(e) : evidenceLine(e), ...evidenceReasons(e)].join("; "),
            )
            .join("\n"),
        ]),
      ),
    );
  }
  for (const w of c.warnings) out.push("", `> warning: ${w}`);
  return [...out, ""];
}

function counterexampleSection(c: ClaimEntry): string[] {
  const x = c.counterexample;
  if (x === null) return [];
  return [
    `### ${c.id} (${c.status}${c.expect === "refuted" ? ", planted false claim" : ""})`,
    "",
    `Shrunk setting \`${settingText(x)}\` with scenario seed ${x.seed}, after ${x.shrinks} shrinks, ${x.verdict.replicates} replicates:`,
    "",
    ...x.verdict.evidence.flatMap((e) => [
      `- ${evidenceLine(e)}`,
      ...evidenceReasons(e).map((r) => `  - ${r}`),
    ]),
    "",
    "Replay:",
    "",
    ...fence(`${x.replay.collapse}\n${x.replay.vitest}`, "sh"),
    "",
  ];
}

/** The matrix as a Markdown table: "label (value)" per cell. */
export function matrixTable(m: CollapseMatrix): string[] {
  return [
    `**${m.title}.** Rule: ${m.rule}.`,
    "",
    ...table(
      ["", ...m.columns],
      m.rows.map((row) => [
        row,
        ...m.columns.map((col) => {
          const c = m.cells.find((x) => x.row === row && x.column === col);
          if (c === undefined) return "—";
          const reason = typeof c.value === "number" ? "" : ` (${c.value.reason})`;
          return `${c.label} (${formatNumber(c.value)})${reason}; ${c.detail}`;
        }),
      ]),
    ),
    "",
  ];
}

function trajectoryTable(chart: TrajectoryChart): string[] {
  const T = Math.max(...chart.series.map((s) => s.mean.length - 1));
  const theories = chart.series.filter((s) => s.theory !== null);
  const quantiled = chart.series.filter((s) => s.median !== null && s.q25 !== null);
  const header = [
    "t",
    ...quantiled.map((s) => `${s.label}: median [q25, q75]`),
    ...chart.series.map((s) => `${s.label}: mean ± se`),
    ...theories.map((s) => `theory (${s.label}): ${s.theory?.formula}`),
  ];
  const rows = tableGenerations(T).map((t) => [
    String(t),
    ...quantiled.map((s) => medianQuartiles(s, t)),
    ...chart.series.map((s) => meanSe(s, t)),
    ...theories.map((s) => {
      const v = s.theory?.values[t];
      return v === undefined ? "—" : formatNumber(v);
    }),
  ]);
  const reasons = chart.series.flatMap((s) => seriesReasons(s).map((r) => `- ${s.label}: ${r}`));
  return [
    `#### ${chart.title}`,
    "",
    chart.note,
    "",
    ...table(header, rows),
    ...(reasons.length > 0 ? ["", "Non-finite values:", "", ...reasons] : []),
    "",
  ];
}

function fractionTable(chart: FractionChart): string[] {
  const T = Math.max(...chart.series.map((s) => s.fraction.length - 1));
  return [
    `#### ${chart.title}`,
    "",
    `Event: ${chart.event}. ${chart.note} Cells: chains with the event / chains with a defined value (fraction, 95% Clopper–Pearson interval).`,
    "",
    ...table(
      ["t", ...chart.series.map((s) => s.label)],
      tableGenerations(T).map((t) => [
        String(t),
        ...chart.series.map((s) =>
          s.fraction[t] === undefined
            ? "—"
            : `${s.events[t]}/${s.chains[t]} (${formatNumber(s.fraction[t])}, [${formatNumber(s.lower[t])}, ${formatNumber(s.upper[t])}])`,
        ),
      ]),
    ),
    "",
  ];
}

/**
 * A histogram chart in brief: per setting and generation, the chains in the bins, those outside,
 * and the bins holding the middle half of them (the full counts are in report.json).
 */
function histogramTable(chart: HistogramChart): string[] {
  const bin = (b: number) =>
    `[${formatNumber(chart.edges[b])}, ${formatNumber(chart.edges[b + 1])}${b === chart.edges.length - 2 ? "]" : ")"}`;
  const middle = (counts: readonly number[]): string => {
    const total = counts.reduce((a, b) => a + b, 0);
    if (total === 0) return "—";
    let seen = 0;
    let lo = -1;
    let hi = -1;
    for (let b = 0; b < counts.length; b++) {
      seen += counts[b];
      if (lo < 0 && seen >= total / 4) lo = b;
      if (hi < 0 && seen >= (3 * total) / 4) hi = b;
    }
    return lo === hi ? bin(lo) : `${bin(lo)} to ${bin(hi)}`;
  };
  return [
    `#### ${chart.title}`,
    "",
    `${chart.note} Bins: ${chart.edges.length - 1}, ${chart.scale === "log10" ? "equal in the log of the value" : "equal width"}; the middle half of the ${chart.unit} lies in the bins shown.`,
    "",
    ...table(
      ["setting", "t", `${chart.unit} in bins`, "outside", "middle half"],
      chart.series.flatMap((s) =>
        chart.generations.map((t, i) => [
          s.label,
          String(t),
          String(s.counts[i].reduce((a, b) => a + b, 0)),
          String(s.outside[i]),
          middle(s.counts[i]),
        ]),
      ),
    ),
    "",
  ];
}

/** report.md of a report. */
export function renderMarkdown(report: Report): string {
  const { body, run } = report;
  const env = run.environment;
  const s = body.summary;
  const out: string[] = [
    `# Collapse report ${run.id}`,
    "",
    `Root seed **${body.rootSeed}** (\`COLLAPSE_SEED=${body.rootSeed}\`), PRNG ${body.prngAlgorithm}. ` +
      `${s.claims} claim test${s.claims === 1 ? "" : "s"}: ${s.supported} supported, ${s.refuted} refuted, ` +
      `${s.inconclusive} inconclusive, ${s.error} errors; ${s.passed} passed, ${s.failed} failed.` +
      (body.errors.length > 0 ? ` ${body.errors.length} file/run errors (below).` : ""),
    "",
    "Rerun and compare: `npx collapse verify-report <this folder>/report.json`.",
    "",
    "## Claims",
    "",
    ...table(
      ["claim", "verdict", "citation", "statement", "evidence"],
      body.claims.map((c) => [
        `[${c.id}](#${anchor(c)}): ${c.title} (${c.file})`,
        verdictText(c),
        c.citation === null ? "—" : `${c.citation.source}, ${c.citation.where}`,
        c.statement ?? "—",
        evidenceSummary(c),
      ]),
    ),
    "",
  ];
  if (body.errors.length > 0) {
    out.push("## Errors", "");
    for (const e of body.errors) out.push(`- ${e.file ?? "(run)"}:`, "", ...fence(e.message), "");
  }
  const withCounterexample = body.claims.filter((c) => c.counterexample !== null);
  out.push("## Counterexamples", "");
  if (withCounterexample.length === 0) out.push("None: no scenario refuted a claim.", "");
  for (const c of withCounterexample) out.push(...counterexampleSection(c));

  out.push("## Collapse matrix", "");
  if (body.matrix === null) out.push("No canonical simulations in this run (preset `none`).", "");
  else out.push(...matrixTable(body.matrix));
  for (const c of body.claims) {
    if (c.matrix !== null) out.push(`From claim ${c.id}:`, "", ...matrixTable(c.matrix));
    for (const [name, value] of Object.entries(c.tables)) {
      for (const b of tableBlocks(`Claim ${c.id}, table ${name}`, value)) {
        out.push(`**${b.caption}**`, "", ...table(b.header, b.rows), "");
      }
    }
  }

  out.push("## Trajectories", "");
  if (body.trajectories.length > 0) {
    out.push(
      `Canonical simulations (preset \`${body.simulations.preset}\`: ${body.simulations.chains} chains × ${body.simulations.generations} generations per setting, seeded from the root seed). Charts: report.html.`,
      "",
    );
  }
  for (const chart of body.trajectories) out.push(...trajectoryTable(chart));
  if (body.fractions.length > 0) out.push("### Fraction of chains collapsed", "");
  for (const chart of body.fractions) out.push(...fractionTable(chart));
  if (body.histograms.length > 0) {
    out.push("### Distributions across chains, generation by generation", "");
  }
  for (const chart of body.histograms) out.push(...histogramTable(chart));
  for (const c of body.claims) {
    for (const chart of c.trajectories)
      out.push(`From claim ${c.id}:`, "", ...trajectoryTable(chart));
    for (const chart of c.histograms) out.push(`From claim ${c.id}:`, "", ...histogramTable(chart));
  }

  out.push("## Claim details", "");
  for (const c of body.claims) out.push(...claimSection(c));

  out.push(
    "## Environment",
    "",
    ...table(
      ["what", "value"],
      [
        ["Node", env.node],
        ["OS", env.os],
        ["CPU", env.cpu],
        [
          "git",
          env.git.commit === null
            ? env.git.note
            : `${env.git.commit}${env.git.dirty === true ? " (dirty)" : ""} — ${env.git.note}`,
        ],
        ["root seed", String(env.rootSeed)],
        ["PRNG", env.prngAlgorithm],
        [
          "packages",
          Object.entries(env.packages)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ") + (env.lockfile === null ? " (no lockfile)" : ` (from ${env.lockfile})`),
        ],
        [
          "host",
          `${run.host.hostname} (${run.host.platform} ${run.host.arch}, ${run.host.cpus} CPUs)`,
        ],
        ["started", run.startedAt],
        ["finished", run.finishedAt],
        [
          "duration",
          `${(run.durationMs / 1000).toFixed(1)} s (simulations ${(run.simulationsMs / 1000).toFixed(1)} s)`,
        ],
        ["command", run.command.join(" ")],
        ...(run.merged === null
          ? []
          : [["merged from", `${run.merged.folder}: ${run.merged.blobs.join(", ")}`]]),
        ["body SHA-256", run.bodySha256],
      ],
    ),
    "",
  );
  return `${out.join("\n")}\n`;
}
