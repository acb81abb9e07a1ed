/**
 * report.html: one self-contained file (inline CSS and SVG, no script, nothing fetched) with the
 * claims table, counterexamples and replay commands, the collapse matrix, the trajectory charts
 * rendered to SVG in Node, and the environment.
 */
import { chartRows, fractionRows, renderChartSvg, renderFractionSvg, yAxis } from "./charts.ts";

/** The y-axis title a trajectory chart is drawn with. */
function yAxisTitle(chart: TrajectoryChart): string {
  return yAxis(chart, chartRows(chart).rows).title;
}

import {
  evidenceLine,
  evidenceReasons,
  evidenceSummary,
  seriesReasons,
  settingText,
  tableBlocks,
  verdictText,
} from "./format.ts";
import { formatNumber } from "./numbers.ts";
import type {
  ClaimEntry,
  CollapseMatrix,
  FractionChart,
  Report,
  TrajectoryChart,
} from "./schema.ts";

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const e = escapeHtml;

function table(header: string[], rows: string[][], cls = ""): string {
  return `<table${cls ? ` class="${cls}"` : ""}><thead><tr>${header.map((h) => `<th>${h}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;
}

function statusClass(c: ClaimEntry): string {
  return c.passed ? "pass" : "fail";
}

function matrixHtml(m: CollapseMatrix): string {
  return `<p><strong>${e(m.title)}.</strong> Rule: ${e(m.rule)}.</p>${table(
    ["", ...m.columns.map(e)],
    m.rows.map((row) => [
      e(row),
      ...m.columns.map((col) => {
        const c = m.cells.find((x) => x.row === row && x.column === col);
        if (c === undefined) return "—";
        const reason = typeof c.value === "number" ? "" : ` (${e(c.value.reason)})`;
        return `<span class="label ${e(c.label.replace(/\s+/g, "-"))}">${e(c.label)}</span> ${e(formatNumber(c.value))}${reason}<br><small>${e(c.detail)}</small>`;
      }),
    ]),
    "matrix",
  )}`;
}

async function chartHtml(chart: TrajectoryChart, idPrefix: string): Promise<string> {
  const svg = await renderChartSvg(chart);
  const { omitted } = chartRows(chart);
  const theories = chart.series.filter((s) => s.theory !== null);
  const reasons = chart.series.flatMap((s) => seriesReasons(s).map((r) => `${s.label}: ${r}`));
  return `<figure class="chart" id="chart-${e(idPrefix + chart.id)}" data-chart="${e(idPrefix + chart.id)}">${svg}<figcaption>${e(chart.note)}${
    theories.length > 0
      ? ` Dashed: exact theory, ${theories.map((s) => `${e(s.label)}: ${e(s.theory?.formula ?? "")}`).join("; ")}.`
      : " No exact theory curve."
  } ${
    chart.series.some((s) => s.median !== null && s.q25 !== null)
      ? `Each panel is one regime: the thick line is the median chain, the dark band the middle 50% of chains (q25–q75), the light band 90% (q05–q95), thin grey lines ${chart.series[0]?.chains.length ?? 0} individual chains, the orange line the mean over chains.${/\(linear scale\)/.test(yAxisTitle(chart)) ? " Linear axis: some chains reach 0, which a log axis cannot show." : ""}`
      : "Band: mean ± 1.96 standard errors over chains."
  }${omitted > 0 ? ` ${omitted} non-finite values not plotted.` : ""}${
    reasons.length > 0 ? `<br>Non-finite values: ${reasons.map(e).join("; ")}` : ""
  }</figcaption></figure>`;
}

async function fractionHtml(chart: FractionChart): Promise<string> {
  const svg = await renderFractionSvg(chart);
  const { omitted } = fractionRows(chart);
  return `<figure class="chart" id="chart-${e(chart.id)}" data-chart="${e(chart.id)}">${svg}<figcaption>Event: ${e(chart.event)}. ${e(chart.note)} Band: exact 95% Clopper–Pearson interval of the fraction.${
    omitted > 0 ? ` ${omitted} generations without a defined value not plotted.` : ""
  }</figcaption></figure>`;
}

function claimDetails(c: ClaimEntry): string {
  const facts = [
    `<li>Verdict: <strong class="${statusClass(c)}">${e(verdictText(c))}</strong></li>`,
    `<li>File: <code>${e(c.file)}</code></li>`,
    c.citation !== null ? `<li>Citation: ${e(c.citation.source)}, ${e(c.citation.where)}</li>` : "",
    c.statement !== null ? `<li>Statement: ${e(c.statement)}</li>` : "",
    c.kind !== null ? `<li>Kind: ${e(c.kind)}</li>` : "",
    c.assumptions.length > 0 ? `<li>Assumptions: ${e(c.assumptions.join("; "))}</li>` : "",
    ...c.data.map((source) => `<li>Data: ${e(source)}</li>`),
    c.alpha !== null
      ? `<li>α = ${e(formatNumber(c.alpha))} per run; fast-check seed ${c.fcSeed}; root seed ${c.rootSeed}</li>`
      : "",
  ].join("");
  const scenarios =
    c.scenarios.length === 0
      ? ""
      : table(
          ["#", "setting", "seed", "verdict", "replicates", "evidence"],
          c.scenarios.map((s, i) => [
            String(i + 1),
            `<code>${e(settingText(s))}</code>`,
            String(s.seed),
            e(s.verdict.outcome),
            String(s.verdict.replicates),
            s.verdict.evidence
              .map((x) => e([evidenceLine(x), ...evidenceReasons(x)].join("; ")))
              .join("<br>"),
          ]),
        );
  return `<section class="claim" id="claim-${e(c.id)}"><h3>${e(c.id)}: ${e(c.title)}</h3><ul>${facts}</ul>${
    c.error !== null ? `<pre>${e(c.error)}</pre>` : ""
  }${scenarios}${c.warnings.map((w) => `<p class="warning">warning: ${e(w)}</p>`).join("")}</section>`;
}

function counterexampleHtml(c: ClaimEntry): string {
  const x = c.counterexample;
  if (x === null) return "";
  return `<section class="counterexample"><h3>${e(c.id)} (${e(c.status)}${c.expect === "refuted" ? ", planted false claim" : ""})</h3><p>Shrunk setting <code>${e(settingText(x))}</code> with scenario seed ${x.seed}, after ${x.shrinks} shrinks, ${x.verdict.replicates} replicates:</p><ul>${x.verdict.evidence
    .map(
      (ev) =>
        `<li>${e(evidenceLine(ev))}${evidenceReasons(ev)
          .map((r) => `<br><small>${e(r)}</small>`)
          .join("")}</li>`,
    )
    .join(
      "",
    )}</ul><p>Replay:</p><pre>${e(x.replay.collapse)}\n${e(x.replay.vitest)}</pre></section>`;
}

const CSS = `
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 24px auto; max-width: 1400px; color: #222; background: #fff; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ccc; } h3 { font-size: 15px; }
table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
code, pre { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; }
pre { background: #f6f6f6; padding: 8px; overflow-x: auto; white-space: pre-wrap; }
.pass { color: #1a7f37; } .fail { color: #c62828; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure.chart { margin: 0; padding: 8px; border: 1px solid #e0e0e0; width: fit-content; }
figure.chart figcaption { font-size: 12px; max-width: 600px; color: #444; margin-top: 4px; }
.label.collapsed { color: #c62828; font-weight: bold; } .label.not-collapsed { color: #2e7d32; } .label.undecided { color: #666; font-style: italic; }
.label.declines { color: #c62828; font-weight: bold; } .label.grows { color: #1565c0; font-weight: bold; } .label.stable { color: #2e7d32; }
.warning { color: #8a6d00; }
`;

/** report.html of a report (charts rendered here, in Node). */
export async function renderHtml(report: Report): Promise<string> {
  const { body, run } = report;
  const env = run.environment;
  const s = body.summary;
  const charts: string[] = [];
  for (const chart of body.trajectories) charts.push(await chartHtml(chart, ""));
  const fractions: string[] = [];
  for (const chart of body.fractions) fractions.push(await fractionHtml(chart));
  const claimCharts: string[] = [];
  for (const c of body.claims) {
    for (const chart of c.trajectories) claimCharts.push(await chartHtml(chart, `${c.id}-`));
  }
  const withCounterexample = body.claims.filter((c) => c.counterexample !== null);
  const parts = [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><title>Collapse report ${e(run.id)}</title><style>${CSS}</style></head><body>`,
    `<h1>Collapse report ${e(run.id)}</h1>`,
    `<p>Root seed <strong>${body.rootSeed}</strong> (<code>COLLAPSE_SEED=${body.rootSeed}</code>), PRNG ${e(body.prngAlgorithm)}. ${s.claims} claim tests: ${s.supported} supported, ${s.refuted} refuted, ${s.inconclusive} inconclusive, ${s.error} errors; ${s.passed} passed, ${s.failed} failed.</p>`,
    "<h2>Claims</h2>",
    table(
      ["claim", "verdict", "citation", "statement", "evidence"],
      body.claims.map((c) => [
        `<a href="#claim-${e(c.id)}"><code>${e(c.id)}</code></a>: ${e(c.title)}<br><small>${e(c.file)}</small>`,
        `<span class="${statusClass(c)}">${e(verdictText(c))}</span>`,
        c.citation === null ? "—" : `${e(c.citation.source)}, ${e(c.citation.where)}`,
        e(c.statement ?? "—"),
        e(evidenceSummary(c)),
      ]),
      "claims",
    ),
    body.errors.length > 0
      ? `<h2>Errors</h2>${body.errors.map((x) => `<p>${e(x.file ?? "(run)")}:</p><pre>${e(x.message)}</pre>`).join("")}`
      : "",
    "<h2>Counterexamples</h2>",
    withCounterexample.length === 0
      ? "<p>None: no scenario refuted a claim.</p>"
      : withCounterexample.map(counterexampleHtml).join(""),
    "<h2>Collapse matrix</h2>",
    body.matrix === null
      ? "<p>No canonical simulations in this run (preset <code>none</code>).</p>"
      : matrixHtml(body.matrix),
    ...body.claims.flatMap((c) => [
      ...(c.matrix === null ? [] : [`<p>From claim ${e(c.id)}:</p>`, matrixHtml(c.matrix)]),
      ...Object.entries(c.tables).flatMap(([name, value]) =>
        tableBlocks(`Claim ${c.id}, table ${name}`, value).map(
          (b) =>
            `<p><strong>${e(b.caption)}</strong></p>${table(
              b.header.map(e),
              b.rows.map((r) => r.map(e)),
            )}`,
        ),
      ),
    ]),
    "<h2>Trajectories</h2>",
    body.trajectories.length > 0
      ? `<p>Canonical simulations (preset <code>${e(body.simulations.preset)}</code>: ${body.simulations.chains} chains × ${body.simulations.generations} generations per setting, seeded from the root seed).</p>`
      : "<p>No canonical simulations in this run.</p>",
    `<div class="charts">${charts.join("")}</div>`,
    fractions.length > 0
      ? `<h3>Fraction of chains collapsed</h3><div class="charts">${fractions.join("")}</div>`
      : "",
    claimCharts.length > 0
      ? `<h3>From claims</h3><div class="charts">${claimCharts.join("")}</div>`
      : "",
    "<h2>Claim details</h2>",
    body.claims.map(claimDetails).join(""),
    "<h2>Environment</h2>",
    table(
      ["what", "value"],
      [
        ["Node", e(env.node)],
        ["OS", e(env.os)],
        ["CPU", e(env.cpu)],
        [
          "git",
          env.git.commit === null
            ? e(env.git.note)
            : `<code>${e(env.git.commit)}</code>${env.git.dirty === true ? " (dirty)" : ""} — ${e(env.git.note)}`,
        ],
        ["root seed", String(env.rootSeed)],
        ["PRNG", e(env.prngAlgorithm)],
        [
          "packages",
          e(
            Object.entries(env.packages)
              .map(([k, v]) => `${k} ${v}`)
              .join(", ") + (env.lockfile === null ? " (no lockfile)" : ` (from ${env.lockfile})`),
          ),
        ],
        [
          "host",
          e(`${run.host.hostname} (${run.host.platform} ${run.host.arch}, ${run.host.cpus} CPUs)`),
        ],
        ["started", e(run.startedAt)],
        ["finished", e(run.finishedAt)],
        [
          "duration",
          e(
            `${(run.durationMs / 1000).toFixed(1)} s (simulations ${(run.simulationsMs / 1000).toFixed(1)} s)`,
          ),
        ],
        ["command", `<code>${e(run.command.join(" "))}</code>`],
        ...(run.merged === null
          ? []
          : [["merged from", e(`${run.merged.folder}: ${run.merged.blobs.join(", ")}`)]]),
        ["body SHA-256", `<code>${e(run.bodySha256)}</code>`],
      ],
    ),
    "</body></html>",
  ];
  return `${parts.join("\n")}\n`;
}
