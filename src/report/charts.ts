/**
 * Trajectory charts as vega-lite specs, rendered to SVG in Node (vega's headless View, no
 * canvas, no browser): mean per generation with a 95% band (mean ± 1.96 se) for each series,
 * and the exact theory curve, dashed, where there is one.
 */
import type { TopLevelSpec } from "vega-lite";
import type { TrajectoryChart } from "./schema.ts";

/** Colours of the series (Tableau 10), then black for theory curves. */
const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"];
const THEORY_COLOUR = "#000000";

interface Row {
  kind: "mean" | "theory";
  series: string;
  /** The series again, for the band's fill scale (a field of its own keeps it out of the legend). */
  band: string;
  t: number;
  y: number;
  lo?: number;
  hi?: number;
}

/** The plotted rows of a chart, and how many non-finite values were left out. */
export function chartRows(chart: TrajectoryChart): { rows: Row[]; omitted: number } {
  const rows: Row[] = [];
  let omitted = 0;
  for (const s of chart.series) {
    s.mean.forEach((m, t) => {
      if (typeof m !== "number") {
        omitted++;
        return;
      }
      const se = s.se?.[t];
      const row: Row = { kind: "mean", series: s.label, band: s.label, t, y: m };
      if (typeof se === "number") {
        row.lo = m - 1.96 * se;
        row.hi = m + 1.96 * se;
      }
      rows.push(row);
    });
    if (s.theory !== null) {
      // The formula itself is in the figure caption; the legend stays one short row.
      const label = `theory (${s.label})`;
      s.theory.values.forEach((v, t) => {
        if (typeof v === "number")
          rows.push({ kind: "theory", series: label, band: label, t, y: v });
        else omitted++;
      });
    }
  }
  return { rows, omitted };
}

/** The vega-lite spec of a trajectory chart. */
export function chartSpec(chart: TrajectoryChart): TopLevelSpec {
  const { rows } = chartRows(chart);
  const means = [...new Set(rows.filter((r) => r.kind === "mean").map((r) => r.series))];
  const theories = [...new Set(rows.filter((r) => r.kind === "theory").map((r) => r.series))];
  const domain = [...means, ...theories];
  const range = [
    ...means.map((_, i) => PALETTE[i % PALETTE.length]),
    ...theories.map(() => THEORY_COLOUR),
  ];
  const x = {
    field: "t",
    type: "quantitative" as const,
    title: "generation t",
    axis: { tickMinStep: 1 },
  };
  const color = {
    field: "series",
    type: "nominal" as const,
    title: null,
    scale: { domain, range },
    legend: { orient: "bottom" as const, columns: 4, labelLimit: 200 },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    // The whole chart, legend included, is 600 px wide (two fit side by side in the report).
    width: 600,
    height: 260,
    autosize: { type: "fit-x", contains: "padding" },
    background: "#ffffff",
    title: { text: chart.title, anchor: "start", fontSize: 13 },
    data: { values: rows },
    layer: [
      {
        transform: [{ filter: "datum.kind === 'mean' && isValid(datum.lo)" }],
        mark: { type: "area", opacity: 0.18 },
        encoding: {
          x,
          y: { field: "lo", type: "quantitative", title: chart.yLabel, scale: { zero: false } },
          y2: { field: "hi" },
          // The band's own fill scale (same colours) keeps it out of the lines' legend.
          fill: { field: "band", type: "nominal", scale: { domain, range }, legend: null },
        },
      },
      {
        transform: [{ filter: "datum.kind === 'mean'" }],
        mark: { type: "line", strokeWidth: 2 },
        encoding: {
          x,
          y: { field: "y", type: "quantitative", title: chart.yLabel, scale: { zero: false } },
          color,
        },
      },
      {
        transform: [{ filter: "datum.kind === 'theory'" }],
        mark: { type: "line", strokeWidth: 1.5, strokeDash: [6, 4] },
        encoding: {
          x,
          y: { field: "y", type: "quantitative", title: chart.yLabel, scale: { zero: false } },
          color,
        },
      },
    ],
    config: {
      font: "DejaVu Sans, Liberation Sans, Arial, sans-serif",
      view: { stroke: "#dddddd" },
    },
  };
}

/** Renders a trajectory chart to a standalone SVG string. */
export async function renderChartSvg(chart: TrajectoryChart): Promise<string> {
  // Loaded on demand (a third of a second): only commands that write reports draw charts.
  const [{ parse, View }, { compile }] = await Promise.all([import("vega"), import("vega-lite")]);
  const view = new View(parse(compile(chartSpec(chart)).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
