/**
 * calibration.html — one self-contained page (inline CSS and SVG, no script): settings, shards
 * with their machines and wall times, the per-claim table, and the ECDF of each true claim's
 * adjusted p-values against the diagonal (vega-lite small multiples rendered to SVG in Node) —
 * and writing the calibration folder (calibration.json + calibration.html, replaced whole).
 */

import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import type { CalibrationReport } from "../contract/calibrationSchema.ts";
import { formatNumber } from "../contract/numbers.ts";
import { ecdf } from "../run/ecdf.ts";
import { lockReportFolder, releaseReportFolder, replaceFolder } from "../run/write.ts";
import { escapeHtml as e } from "./html.ts";

interface EcdfRow {
  claim: string;
  kind: "ecdf" | "diagonal" | "dkw";
  u: number;
  f: number;
}

/**
 * The plotted rows: each true claim's ECDF of adjusted p-values as a step function from (0, 0),
 * the diagonal, and the diagonal raised by the claim's one-sided 95% DKW margin.
 */
export function ecdfRows(report: CalibrationReport): EcdfRow[] {
  const rows: EcdfRow[] = [];
  for (const c of report.claims) {
    if (c.expected !== "true") continue;
    const label = c.id;
    rows.push({ claim: label, kind: "ecdf", u: 0, f: 0 });
    for (const p of ecdf(c.records.map((r) => r.adjustedPValue))) {
      rows.push({ claim: label, kind: "ecdf", u: p.x, f: p.f });
    }
    rows.push(
      { claim: label, kind: "diagonal", u: 0, f: 0 },
      { claim: label, kind: "diagonal", u: 1, f: 1 },
    );
    const d = c.ecdf?.dkw95 ?? 1;
    rows.push({ claim: label, kind: "dkw", u: 0, f: Math.min(1, d) });
    if (d < 1) rows.push({ claim: label, kind: "dkw", u: 1 - d, f: 1 });
    rows.push({ claim: label, kind: "dkw", u: 1, f: 1 });
  }
  return rows;
}

/** The vega-lite spec of the ECDF small multiples (undefined when no true claim was run). */
export function ecdfChartSpec(report: CalibrationReport): TopLevelSpec | undefined {
  const rows = ecdfRows(report);
  if (rows.length === 0) return undefined;
  const x = {
    field: "u",
    type: "quantitative" as const,
    title: "adjusted p-value u",
    scale: { domain: [0, 1] },
  };
  const y = {
    field: "f",
    type: "quantitative" as const,
    title: "fraction of runs ≤ u",
    scale: { domain: [0, 1] },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    background: "#ffffff",
    data: { values: rows },
    columns: 4,
    facet: {
      field: "claim",
      type: "nominal",
      title: null,
      header: { labelFontSize: 11, labelLimit: 0 },
    },
    spec: {
      width: 220,
      height: 170,
      layer: [
        {
          transform: [{ filter: "datum.kind === 'dkw'" }],
          mark: { type: "line", strokeDash: [4, 3], color: "#d62728", strokeWidth: 1 },
          encoding: { x, y },
        },
        {
          transform: [{ filter: "datum.kind === 'diagonal'" }],
          mark: { type: "line", color: "#000000", strokeWidth: 1 },
          encoding: { x, y },
        },
        {
          transform: [{ filter: "datum.kind === 'ecdf'" }],
          mark: { type: "line", interpolate: "step-after", color: "#1f77b4", strokeWidth: 2 },
          encoding: { x, y },
        },
      ],
    },
    config: {
      font: "DejaVu Sans, Liberation Sans, Arial, sans-serif",
      view: { stroke: "#dddddd" },
    },
  } as TopLevelSpec;
}

async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [{ parse, View }, { compile }] = await Promise.all([import("vega"), import("vega-lite")]);
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function table(header: string[], rows: string[][]): string {
  return `<table><thead><tr>${header.map((h) => `<th>${h}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;
}

const CSS = `
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 24px auto; max-width: 1400px; color: #222; background: #fff; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
code, pre { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; }
pre { background: #f6f6f6; padding: 8px; white-space: pre-wrap; }
.pass { color: #1a7f37; } .fail { color: #c62828; }
figcaption { font-size: 12px; max-width: 1000px; color: #444; margin-top: 4px; }
`;

const num = (x: number) => e(formatNumber(x));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** calibration.html of a calibration report. */
export async function renderCalibrationHtml(report: CalibrationReport): Promise<string> {
  const s = report.settings;
  const spec = ecdfChartSpec(report);
  const chart =
    spec === undefined
      ? "<p>No true claim in this sweep: nothing to plot.</p>"
      : `<figure>${await renderSvg(spec)}<figcaption>Blue: the ECDF of each run's Bonferroni-adjusted p-value (min over scenarios and checks of p × scenarios × checks × looks, capped at 1). Under a true claim it is super-uniform, so the blue step lies on or under the black diagonal up to chance; the dashed red line is the diagonal raised by the one-sided 95% DKW margin, which a true claim's ECDF crosses with probability ≤ 0.05.</figcaption></figure>`;
  const parts = [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><title>Collapse calibration</title><style>${CSS}</style></head><body>`,
    "<h1>Collapse calibration</h1>",
    `<p class="${report.passed ? "pass" : "fail"}"><strong>${report.passed ? "Calibrated" : "Not calibrated"}</strong>: ${report.claims.length} claims × ${s.seeds} root seeds.</p>`,
    "<h2>Settings</h2>",
    table(
      ["setting", "value"],
      [
        ["claim files", e(s.files.join(", "))],
        ["test name filter", s.testName === null ? "—" : `<code>${e(s.testName)}</code>`],
        ["root seeds", `${s.seeds} (${s.firstSeed}…${s.firstSeed + s.seeds - 1})`],
        ["α", s.alpha === null ? "each claim's own" : num(s.alpha)],
        ["scenarios per run", s.scenarios === null ? "each claim's own" : String(s.scenarios)],
        ["shards", String(s.shards)],
        ["collapse-harness", e(s.harnessVersion)],
        [
          "wall time",
          `${seconds(report.wallMs.sum)} summed over shards, ${seconds(report.wallMs.max)} the slowest`,
        ],
      ],
    ),
    "<h2>Claims</h2>",
    table(
      [
        "claim",
        "expected",
        "runs",
        "failures",
        "refuted",
        "inconclusive",
        "rate",
        "95% CI (Clopper–Pearson)",
        "against",
        "verdict",
        "ECDF above diagonal (95% DKW margin)",
      ],
      report.claims.map((c) => [
        `<code>${e(c.id)}</code><br><small>${e(c.file)}</small>`,
        e(c.expected),
        String(c.runs),
        String(c.failures),
        String(c.refuted),
        String(c.inconclusive),
        `${num(c.rate)} (${e(c.measures)})`,
        `[${num(c.interval[0])}, ${num(c.interval[1])}]`,
        c.expected === "true" ? `nominal α ${num(c.alpha)}` : "power (must refute every run)",
        `<span class="${c.verdict === "calibrated" || c.verdict === "planted claim refuted" ? "pass" : "fail"}">${e(c.verdict)}</span>`,
        c.ecdf === null ? "—" : `${num(c.ecdf.maxExcess)} (${num(c.ecdf.dkw95)})`,
      ]),
    ),
    report.errors.length > 0
      ? `<h2>Errors</h2>${report.errors.map((x) => `<p>${e(x.file)}${x.test === null ? "" : ` — ${e(x.test)}`}:</p><pre>${e(x.message)}</pre>`).join("")}`
      : "",
    "<h2>Adjusted p-values</h2>",
    chart,
    "<h2>Shards</h2>",
    table(
      ["shard", "seeds", "wall time", "started", "node", "collapse-harness", "machine"],
      report.shards.map((x) => [
        `${x.index}/${x.count}`,
        String(x.seeds),
        seconds(x.wallMs),
        e(x.startedAt),
        e(x.environment.node),
        e(x.environment.harnessVersion),
        e(
          `${x.environment.hostname}: ${x.environment.cpu} × ${x.environment.cores} cores (${x.environment.platform} ${x.environment.arch})`,
        ),
      ]),
    ),
    "</body></html>",
  ];
  return `${parts.join("\n")}\n`;
}

/** The two files of a calibration folder. */
export interface WrittenCalibration {
  readonly folder: string;
  readonly json: string;
  readonly html: string;
}

/**
 * Replaces `folder` whole with calibration.json and calibration.html (a temporary sibling, then
 * renames, under the folder's lock: see replaceFolder); a folder holding other files is refused.
 */
export async function writeCalibrationReport(
  folder: string,
  report: CalibrationReport,
): Promise<WrittenCalibration> {
  lockReportFolder(folder);
  try {
    const html = await renderCalibrationHtml(report);
    replaceFolder(folder, {
      "calibration.json": `${JSON.stringify(report, null, 2)}\n`,
      "calibration.html": html,
    });
    return {
      folder,
      json: join(folder, "calibration.json"),
      html: join(folder, "calibration.html"),
    };
  } finally {
    releaseReportFolder(folder);
  }
}
