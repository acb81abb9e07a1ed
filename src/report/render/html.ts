/**
 * report.html: one self-contained file (inline CSS and SVG, no script, nothing fetched) with the
 * claims table, counterexamples and replay commands, the collapse matrix, the trajectory charts
 * rendered to SVG in Node, and the environment.
 */

import {
  chartRows,
  fractionRows,
  renderChartSvg,
  renderFractionSvg,
  renderHistogramSvg,
  yAxis,
} from "./charts.ts";
import { mathHtml } from "./mathText.ts";

/** The y-axis title a trajectory chart is drawn with. */
function yAxisTitle(chart: TrajectoryChart): string {
  return yAxis(chart, chartRows(chart).rows).title;
}

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
  evidenceLine,
  evidenceReasons,
  evidenceSummary,
  failingScenarioLabel,
  seriesReasons,
  settingText,
  tableBlocks,
  verdictText,
} from "./format.ts";

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
/** Escaped text with its sub- and superscripts typeset (`H_0`, `σ²_t`, `^(2t)`). */
const m = (text: string) => mathHtml(escapeHtml(text));

/**
 * A table in a horizontally scrolling box, so a wide table scrolls inside the page instead of
 * widening it (the page stays readable at 800 px). `rowClass` marks rows (failures).
 */
function table(
  header: string[],
  rows: string[][],
  cls = "",
  rowClass: (i: number) => string = () => "",
): string {
  return `<div class="scroll"><table${cls ? ` class="${cls}"` : ""}><thead><tr>${header.map((h) => `<th>${h}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r, i) => {
      const rc = rowClass(i);
      return `<tr${rc ? ` class="${rc}"` : ""}>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`;
    })
    .join("")}</tbody></table></div>`;
}

/** The claims table: one row per claim, failing rows highlighted. */
function claimsTable(claims: readonly ClaimEntry[]): string {
  return table(
    ["claim", "verdict", "citation", "statement", "evidence"],
    claims.map((c) => [
      `<a href="#claim-${e(c.id)}"><code>${e(c.id)}</code></a>: ${m(c.title)}<br><small>${e(c.file)}</small>`,
      `<span class="${statusClass(c)}">${e(verdictText(c))}</span>`,
      c.citation === null ? "—" : `${e(c.citation.source)}, ${e(c.citation.where)}`,
      m(c.statement ?? "—"),
      e(evidenceSummary(c)),
    ]),
    "claims",
    (i) => (claims[i].passed ? "" : "failing"),
  );
}

/**
 * A table header for readers: a camelCase data key split into words (`medianRatio` → `median
 * ratio`, `pCollapse95` → `P collapse 95`); keys that are already words pass unchanged.
 */
export function humanHeader(key: string): string {
  if (!/^[a-z][a-zA-Z0-9]*$/.test(key) || !/[A-Z0-9]/.test(key)) return key;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([a-zA-Z])([0-9])/g, "$1 $2")
    .split(" ")
    .map((w) => (w.length === 1 ? w : w.toLowerCase()));
  return words.map((w) => (w === "p" ? "P" : w)).join(" ");
}

/** The summary banner: the outcome in one line, the counts, the seed and how to rerun. */
function banner(report: Report): string {
  const { body, run } = report;
  const s = body.summary;
  const planted = body.claims.filter((c) => c.expect === "refuted");
  const plantedRefuted = planted.filter((c) => c.status === "refuted").length;
  const headline =
    s.failed === 0
      ? `All ${s.claims} claim tests gave their expected verdict`
      : `${s.failed} of ${s.claims} claim tests failed — see <a href="#failures">Failures</a>`;
  return `<header class="banner ${s.failed === 0 ? "ok" : "bad"}" id="summary" role="status"><span class="headline">${headline}</span>${s.supported} supported, ${s.refuted} refuted (${plantedRefuted} of ${planted.length} planted false claims, as expected), ${s.inconclusive} inconclusive, ${s.error} errors. Root seed <strong>${body.rootSeed}</strong> (<code>COLLAPSE_SEED=${body.rootSeed}</code>), PRNG ${e(body.prngAlgorithm)}.<br>Rerun: <code>${e(run.command.join(" "))}</code> · check this report: <code>npx collapse verify-report report.json</code></header>`;
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
  return `<figure class="chart" id="chart-${e(idPrefix + chart.id)}" data-chart="${e(idPrefix + chart.id)}">${svg}<figcaption>${m(chart.note)}${
    theories.length > 0
      ? ` Dashed: exact theory, ${theories.map((s) => `${e(s.label)}: ${m(s.theory?.formula ?? "")}`).join("; ")}.`
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

async function histogramHtml(chart: HistogramChart, idPrefix = ""): Promise<string> {
  const svg = await renderHistogramSvg(chart);
  const outside = chart.series.flatMap((s) =>
    s.outside.flatMap((n, i) => (n > 0 ? [`${s.label} t = ${chart.generations[i]}: ${n}`] : [])),
  );
  const unit = chart.unit;
  const Unit = unit.charAt(0).toUpperCase() + unit.slice(1);
  const id = `${idPrefix}${chart.id}`;
  return `<figure class="chart" id="chart-${e(id)}" data-chart="${e(id)}">${svg}<figcaption>${e(chart.note)} Each line: the share of the setting's ${e(unit)} in each of ${chart.edges.length - 1} bins${chart.scale === "log10" ? " equal in the log of the value" : ""}, at one generation.${
    outside.length > 0
      ? ` ${e(Unit)} outside the bins (undefined${chart.scale === "log10" ? " or ≤ 0" : ""}, or beyond the edges): ${e(outside.join("; "))}.`
      : ""
  }</figcaption></figure>`;
}

function claimDetails(c: ClaimEntry): string {
  const facts = [
    `<li>Verdict: <strong class="${statusClass(c)}">${e(verdictText(c))}</strong></li>`,
    `<li>File: <code>${e(c.file)}</code></li>`,
    c.citation !== null ? `<li>Citation: ${e(c.citation.source)}, ${e(c.citation.where)}</li>` : "",
    c.statement !== null ? `<li>Statement: ${m(c.statement)}</li>` : "",
    c.kind !== null ? `<li>Kind: ${e(c.kind)}</li>` : "",
    c.assumptions.length > 0 ? `<li>Assumptions: ${m(c.assumptions.join("; "))}</li>` : "",
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
  // Collapsed by default; a failing claim's details open, since that is what a reader came for.
  return `<details class="claim${c.passed ? "" : " failing"}" id="claim-${e(c.id)}"${c.passed ? "" : " open"}><summary><code>${e(c.id)}</code>: ${m(c.title)} — <span class="${statusClass(c)}">${e(verdictText(c))}</span></summary><ul>${facts}</ul>${
    c.error !== null ? `<pre>${e(c.error)}</pre>` : ""
  }${scenarios}${c.warnings.map((w) => `<p class="warning">warning: ${e(w)}</p>`).join("")}</details>`;
}

function counterexampleHtml(c: ClaimEntry): string {
  const x = c.counterexample;
  if (x === null) return "";
  return `<section class="counterexample"><h3>${e(c.id)} (${e(c.status)}${c.expect === "refuted" ? ", planted false claim" : ""})</h3><p>${e(failingScenarioLabel(c).replace(/^./, (ch) => ch.toUpperCase()))}: shrunk setting <code>${e(settingText(x))}</code> with scenario seed ${x.seed}, after ${x.shrinks} shrinks, ${x.verdict.replicates} replicates:</p><ul>${x.verdict.evidence
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
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 24px auto; padding: 0 16px; max-width: 1400px; color: #222; background: #fff; overflow-wrap: break-word; }
th { white-space: nowrap; } td code, td small, pre { overflow-wrap: anywhere; }
.banner { padding: 12px 16px; border-radius: 4px; margin: 8px 0 16px; font-size: 15px; }
.banner.ok { background: #e6f4ea; border: 2px solid #1a7f37; }
.banner.bad { background: #fdecea; border: 2px solid #c62828; }
.banner .headline { font-size: 20px; font-weight: bold; display: block; margin-bottom: 4px; }
nav.toc ol { margin: 4px 0; padding-left: 20px; columns: 2; font-size: 14px; }
.scroll { overflow-x: auto; max-width: 100%; }
tr.failing td { background: #fdecea; }
tr.failing td:first-child { border-left: 4px solid #c62828; }
details.claim { border: 1px solid #e0e0e0; margin: 6px 0; padding: 4px 8px; }
details.claim.failing { border: 2px solid #c62828; background: #fffafa; }
details.claim summary { cursor: pointer; font-size: 14px; }
details.tables > summary { cursor: pointer; }
svg { max-width: 100%; height: auto; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ccc; } h3 { font-size: 15px; }
table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
code, pre { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; }
pre { background: #f6f6f6; padding: 8px; overflow-x: auto; white-space: pre-wrap; }
.pass { color: #1a7f37; } .fail { color: #c62828; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure.chart { margin: 0; padding: 8px; border: 1px solid #e0e0e0; width: fit-content; max-width: 100%; box-sizing: border-box; }
figure.chart figcaption { font-size: 12px; max-width: 600px; color: #444; margin-top: 4px; }
.label.collapsed { color: #6a1b9a; font-weight: bold; } .label.not-collapsed { color: #2e7d32; } .label.undecided { color: #666; font-style: italic; }
.label.declines { color: #6a1b9a; font-weight: bold; } .label.grows { color: #1565c0; font-weight: bold; } .label.stable { color: #2e7d32; }
.warning { color: #8a6d00; }
`;

/** report.html of a report (charts rendered here, in Node). */
export async function renderHtml(report: Report): Promise<string> {
  const { body, run } = report;
  const env = run.environment;
  const charts: string[] = [];
  for (const chart of body.trajectories) charts.push(await chartHtml(chart, ""));
  const fractions: string[] = [];
  for (const chart of body.fractions) fractions.push(await fractionHtml(chart));
  const histograms: string[] = [];
  for (const chart of body.histograms) histograms.push(await histogramHtml(chart));
  const claimCharts: string[] = [];
  for (const c of body.claims) {
    for (const chart of c.trajectories) claimCharts.push(await chartHtml(chart, `${c.id}-`));
    for (const chart of c.histograms) claimCharts.push(await histogramHtml(chart, `${c.id}-`));
  }
  const failing = body.claims.filter((c) => !c.passed);
  const trueClaims = body.claims.filter((c) => c.expect === "supported");
  const planted = body.claims.filter((c) => c.expect === "refuted");
  // Failures first, then the planted false claims' expected refutations.
  const withCounterexample = [
    ...failing.filter((c) => c.counterexample !== null),
    ...body.claims.filter((c) => c.passed && c.counterexample !== null),
  ];
  const claimTables = body.claims.flatMap((c) => [
    ...(c.matrix === null ? [] : [`<p>From claim ${e(c.id)}:</p>`, matrixHtml(c.matrix)]),
    ...Object.entries(c.tables).flatMap(([name, value]) => {
      const blocks = tableBlocks(`Claim ${c.id}, table ${name}`, value);
      const rendered = blocks.map(
        (b) =>
          `<p><strong>${e(b.caption)}</strong></p>${table(
            b.header.map((h) => e(humanHeader(h))),
            b.rows.map((r) => r.map(e)),
          )}`,
      );
      return [
        `<details class="tables"><summary>Claim <code>${e(c.id)}</code>, table ${e(name)} (${blocks.length} ${blocks.length === 1 ? "table" : "tables"}, ${blocks.reduce((n, b) => n + b.rows.length, 0)} rows)</summary>${rendered.join("")}</details>`,
      ];
    }),
  ]);
  const sections: [string, string][] = [
    ["failures", `Failures (${failing.length})`],
    ["claims", `Claims (${trueClaims.length})`],
    ["planted", `Planted false claims (${planted.length})`],
    ...(body.errors.length > 0 ? ([["errors", "Errors"]] as [string, string][]) : []),
    ["counterexamples", "Counterexamples"],
    ["matrix", "Collapse matrix"],
    ["trajectories", "Trajectories"],
    ["details", "Claim details"],
    ["environment", "Environment"],
  ];
  const h2 = (id: string) => {
    const found = sections.find(([x]) => x === id);
    return `<h2 id="${id}">${e(found?.[1] ?? id)}</h2>`;
  };
  const parts = [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Collapse report ${e(run.id)}</title><style>${CSS}</style></head><body>`,
    `<h1>Collapse report ${e(run.id)}</h1>`,
    banner(report),
    `<nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>${sections
      .map(([id, title]) => `<li><a href="#${id}">${e(title)}</a></li>`)
      .join("")}</ol></nav>`,
    h2("failures"),
    failing.length === 0
      ? `<p class="pass">None: every claim test gave its expected verdict.</p>`
      : claimsTable(failing),
    h2("claims"),
    `<p>Theorems and stated results, each expected to be supported.</p>`,
    claimsTable(trueClaims),
    h2("planted"),
    `<p>Deliberately false variants of the claims (careless readings of the theory). Each is expected to be refuted; a refutation here is the harness working, not a failure.</p>`,
    planted.length === 0 ? "<p>None in this run.</p>" : claimsTable(planted),
    body.errors.length > 0
      ? `${h2("errors")}${body.errors.map((x) => `<p>${e(x.file ?? "(run)")}:</p><pre>${e(x.message)}</pre>`).join("")}`
      : "",
    h2("counterexamples"),
    withCounterexample.length === 0
      ? "<p>None: no scenario refuted a claim.</p>"
      : withCounterexample.map(counterexampleHtml).join(""),
    h2("matrix"),
    body.matrix === null
      ? "<p>No canonical simulations in this run (preset <code>none</code>).</p>"
      : matrixHtml(body.matrix),
    ...claimTables,
    h2("trajectories"),
    body.trajectories.length > 0
      ? `<p>Canonical simulations (preset <code>${e(body.simulations.preset)}</code>: ${body.simulations.chains} chains × ${body.simulations.generations} generations per setting, seeded from the root seed).</p>`
      : "<p>No canonical simulations in this run.</p>",
    `<div class="charts">${charts.join("")}</div>`,
    fractions.length > 0
      ? `<h3>Fraction of chains collapsed</h3><div class="charts">${fractions.join("")}</div>`
      : "",
    histograms.length > 0
      ? `<h3>Distributions across chains, generation by generation</h3><div class="charts">${histograms.join("")}</div>`
      : "",
    claimCharts.length > 0
      ? `<h3>From claims</h3><div class="charts">${claimCharts.join("")}</div>`
      : "",
    h2("details"),
    body.claims.map(claimDetails).join(""),
    h2("environment"),
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
