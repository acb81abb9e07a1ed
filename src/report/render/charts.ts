/**
 * Charts as vega-lite specs, rendered to SVG in Node (vega's headless View, no canvas, no
 * browser).
 *
 * Trajectory charts show what chains do, not only their mean (for the unbiased Gaussian and for
 * tail mass the mean is a martingale and stays flat while the typical chain collapses:
 * docs/theory.md#pitfall-mean-vs-typical). One panel per series (regime), sharing the y axis:
 * the 90% band (q05–q95) and the 50% band (q25–q75) of the chains as shaded areas, a few
 * individual chains as thin lines, the median as the thick line, the mean as a thinner line, and
 * the exact theory curve, where there is one, dashed and drawn last so it lies on top of the data
 * without hiding it (it is thinner than the lines it may coincide with and has gaps). Series a
 * claim supplied without quantiles keep the mean with its ±1.96 se band.
 *
 * The y axis is logarithmic for quantities that decay geometrically (variance, tail mass) when
 * every plotted value is positive, and says so in its title; a tail mass some chains lose
 * entirely (0 has no place on a log axis) stays linear, and says so.
 *
 * Fraction charts show, per generation, the fraction of chains with a collapse event with its
 * exact (Clopper–Pearson) 95% band, one line per regime. Histogram charts show a metric's
 * distribution across chains at a few generations: one step line per generation, one panel per
 * regime.
 */

import type { TopLevelSpec } from "vega-lite";
import type {
  FractionChart,
  HistogramChart,
  ReportNumber,
  ReportSeries,
  TrajectoryChart,
} from "../contract/schema.ts";
import { mathUnicode } from "./mathText.ts";

/** What a plotted row of a trajectory chart is; also the order the layers are drawn in. */
export const TRAJECTORY_LAYERS = [
  "band90",
  "band50",
  "meanBand",
  "chain",
  "mean",
  "median",
  "theory",
] as const;
export type TrajectoryLayer = (typeof TRAJECTORY_LAYERS)[number];

/** Legend entry and colour of each layer. */
const LAYER_STYLE: Readonly<Record<TrajectoryLayer, { legend: string; colour: string }>> = {
  band90: { legend: "90% of chains (q05–q95)", colour: "#c6dbef" },
  band50: { legend: "middle 50% of chains (q25–q75)", colour: "#6baed6" },
  meanBand: { legend: "mean ± 1.96 se", colour: "#fdd0a2" },
  chain: { legend: "individual chains", colour: "#8c8c8c" },
  mean: { legend: "mean over chains", colour: "#e6550d" },
  median: { legend: "median chain", colour: "#08306b" },
  theory: { legend: "theory: exact mean (dashed)", colour: "#000000" },
};

/**
 * Metrics whose typical value decays geometrically: drawn on a log axis when every value is
 * positive. (Heterozygosity's mean decays as (1 − 1/M)^t too, but over report horizons T ≪ M that
 * is almost linear, and a log axis only squeezes it.)
 */
const GEOMETRIC_METRICS: ReadonlySet<string> = new Set(["variance", "tail-mass"]);

export interface Row {
  layer: TrajectoryLayer;
  /** The layer's legend text (the colour field). */
  legend: string;
  /** The panel. */
  series: string;
  t: number;
  y?: number;
  lo?: number;
  hi?: number;
  /** Which chain, for the individual-chain lines. */
  chain?: number;
}

const num = (n: ReportNumber | undefined): number | undefined =>
  typeof n === "number" ? n : undefined;

function hasQuantiles(s: ReportSeries): boolean {
  return s.median !== null && s.q05 !== null && s.q95 !== null && s.q25 !== null && s.q75 !== null;
}

/** The plotted rows of a trajectory chart, and how many non-finite values were left out. */
export function chartRows(chart: TrajectoryChart): { rows: Row[]; omitted: number } {
  const rows: Row[] = [];
  let omitted = 0;
  const point = (layer: TrajectoryLayer, series: string, t: number, y: ReportNumber) => {
    const v = num(y);
    if (v === undefined) omitted++;
    else rows.push({ layer, legend: LAYER_STYLE[layer].legend, series, t, y: v });
  };
  const band = (
    layer: TrajectoryLayer,
    series: string,
    lo: readonly ReportNumber[],
    hi: readonly ReportNumber[],
  ) => {
    lo.forEach((l, t) => {
      const a = num(l);
      const b = num(hi[t]);
      if (a !== undefined && b !== undefined)
        rows.push({ layer, legend: LAYER_STYLE[layer].legend, series, t, lo: a, hi: b });
    });
  };
  for (const s of chart.series) {
    if (hasQuantiles(s)) {
      band("band90", s.label, s.q05 ?? [], s.q95 ?? []);
      band("band50", s.label, s.q25 ?? [], s.q75 ?? []);
      for (const c of s.chains) {
        c.values.forEach((v, t) => {
          const y = num(v);
          if (y === undefined) omitted++;
          else
            rows.push({
              layer: "chain",
              legend: LAYER_STYLE.chain.legend,
              series: s.label,
              t,
              y,
              chain: c.chain,
            });
        });
      }
      for (const [t, m] of (s.median ?? []).entries()) point("median", s.label, t, m);
    } else if (s.se !== null) {
      const se = s.se;
      band(
        "meanBand",
        s.label,
        s.mean.map((m, t) => {
          const a = num(m);
          const e = num(se[t]);
          return a === undefined || e === undefined ? m : a - 1.96 * e;
        }),
        s.mean.map((m, t) => {
          const a = num(m);
          const e = num(se[t]);
          return a === undefined || e === undefined ? m : a + 1.96 * e;
        }),
      );
    }
    for (const [t, m] of s.mean.entries()) point("mean", s.label, t, m);
    // The formula itself is in the figure caption; the legend stays one short row.
    for (const [t, v] of (s.theory?.values ?? []).entries()) point("theory", s.label, t, v);
  }
  return { rows, omitted };
}

/** Whether a chart's y axis is logarithmic, and the axis title that says which scale it is. */
export function yAxis(
  chart: TrajectoryChart,
  rows: readonly Row[],
): { log: boolean; title: string } {
  if (!GEOMETRIC_METRICS.has(chart.metric)) return { log: false, title: chart.yLabel };
  // A log axis cannot show 0: a quantity some chains lose entirely stays linear (and says so).
  const positive = rows.every(
    (r) => (r.y === undefined || r.y > 0) && (r.lo === undefined || r.lo > 0),
  );
  return positive
    ? { log: true, title: `${chart.yLabel} (log scale)` }
    : { log: false, title: `${chart.yLabel} (linear scale)` };
}

const PANEL_HEIGHT = 200;
const FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif";
const X = {
  field: "t",
  type: "quantitative" as const,
  title: "generation t",
  axis: { tickMinStep: 1 },
};

/** The vega-lite spec of a trajectory chart: one panel per series, layers in TRAJECTORY_LAYERS order. */
/**
 * One panel per series (faceted on the `series` field, in `panels` order, three per row) with
 * the given layers: the frame both chart kinds share. Two charts fit side by side in the report
 * at 1400 px, so each panel is ~170 px wide (480 px when alone).
 */
function panelledSpec(
  title: string,
  rows: readonly object[],
  panels: readonly string[],
  height: number,
  layer: readonly object[],
): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    background: "#ffffff",
    title: { text: mathUnicode(title), anchor: "start", fontSize: 13 },
    data: { values: rows },
    facet: {
      field: "series",
      type: "nominal",
      title: null,
      sort: panels,
      header: { labelFontSize: 12, labelFontWeight: "bold" },
    },
    columns: Math.min(3, panels.length),
    spec: { width: panels.length === 1 ? 480 : 170, height, layer },
    config: { font: FONT, view: { stroke: "#dddddd" } },
  } as TopLevelSpec;
}

export function chartSpec(chart: TrajectoryChart): TopLevelSpec {
  const { rows } = chartRows(chart);
  const present = TRAJECTORY_LAYERS.filter((l) => rows.some((r) => r.layer === l));
  const colourScale = {
    domain: present.map((l) => LAYER_STYLE[l].legend),
    range: present.map((l) => LAYER_STYLE[l].colour),
  };
  const axis = yAxis(chart, rows);
  const scale = axis.log ? { type: "log" as const } : { zero: false };
  const y = (field: string) => ({
    field,
    type: "quantitative" as const,
    title: mathUnicode(axis.title),
    scale,
  });
  const colour = (channel: "color" | "fill") => ({
    [channel]: {
      field: "legend",
      type: "nominal" as const,
      title: null,
      scale: colourScale,
      legend: { orient: "bottom" as const, columns: 3, labelLimit: 260, symbolStrokeWidth: 2.5 },
    },
  });
  const only = (layer: TrajectoryLayer) => [{ filter: `datum.layer === '${layer}'` }];
  const layerSpecs: Record<TrajectoryLayer, object> = {
    band90: {
      transform: only("band90"),
      mark: { type: "area", opacity: 0.7 },
      encoding: { x: X, y: y("lo"), y2: { field: "hi" }, ...colour("color") },
    },
    band50: {
      transform: only("band50"),
      mark: { type: "area", opacity: 0.6 },
      encoding: { x: X, y: y("lo"), y2: { field: "hi" }, ...colour("color") },
    },
    meanBand: {
      transform: only("meanBand"),
      mark: { type: "area", opacity: 0.6 },
      encoding: { x: X, y: y("lo"), y2: { field: "hi" }, ...colour("color") },
    },
    chain: {
      transform: only("chain"),
      mark: { type: "line", strokeWidth: 0.8, opacity: 0.8 },
      encoding: { x: X, y: y("y"), detail: { field: "chain" }, ...colour("color") },
    },
    mean: {
      transform: only("mean"),
      mark: { type: "line", strokeWidth: 1.6 },
      encoding: { x: X, y: y("y"), ...colour("color") },
    },
    median: {
      transform: only("median"),
      mark: { type: "line", strokeWidth: 2.6 },
      encoding: { x: X, y: y("y"), ...colour("color") },
    },
    theory: {
      // Last, so it is on top; thinner than the data lines and dashed, so they show through.
      transform: only("theory"),
      mark: { type: "line", strokeWidth: 1.2, strokeDash: [5, 4] },
      encoding: { x: X, y: y("y"), ...colour("color") },
    },
  };
  return panelledSpec(
    chart.title,
    rows,
    chart.series.map((s) => s.label),
    PANEL_HEIGHT,
    present.map((l) => layerSpecs[l]),
  );
}

/** The plotted rows of a fraction chart: per regime and generation, the fraction and its band. */
export function fractionRows(chart: FractionChart): {
  rows: { series: string; t: number; y: number; lo: number; hi: number }[];
  omitted: number;
} {
  const rows: { series: string; t: number; y: number; lo: number; hi: number }[] = [];
  let omitted = 0;
  for (const s of chart.series) {
    s.fraction.forEach((f, t) => {
      const y = num(f);
      const lo = num(s.lower[t]);
      const hi = num(s.upper[t]);
      if (y === undefined || lo === undefined || hi === undefined) omitted++;
      else rows.push({ series: s.label, t, y, lo, hi });
    });
  }
  return { rows, omitted };
}

/** Colours of the regimes in fraction charts (Tableau 10). */
const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"];

/**
 * The vega-lite spec of a fraction-of-chains-collapsed chart: one panel per regime (regimes often
 * coincide, all at 0, and would hide each other in one panel), the fraction over its exact band.
 */
export function fractionChartSpec(chart: FractionChart): TopLevelSpec {
  const { rows } = fractionRows(chart);
  const domain = chart.series.map((s) => s.label);
  const color = {
    field: "series",
    type: "nominal" as const,
    title: null,
    scale: { domain, range: domain.map((_, i) => PALETTE[i % PALETTE.length]) },
    legend: null,
  };
  const y = {
    field: "y",
    type: "quantitative" as const,
    // The event is in the chart's title and caption; the axis title must fit the panel.
    title: "fraction of chains",
    scale: { domain: [0, 1] },
    axis: { titleLimit: PANEL_HEIGHT },
  };
  return panelledSpec(chart.title, rows, domain, PANEL_HEIGHT * 0.75, [
    {
      mark: { type: "area", opacity: 0.25 },
      encoding: { x: X, y: { ...y, field: "lo" }, y2: { field: "hi" }, color },
    },
    { mark: { type: "line", strokeWidth: 2.5 }, encoding: { x: X, y, color } },
  ]);
}

/** Generation colours of histogram charts, light (early) to dark (late). */
// Purples, not the trajectory charts' blues: the last generation must not read as a median line.
const GENERATION_PALETTE = ["#bcbddc", "#9e9ac8", "#6a51a3", "#3f007d"];

/** A plotted point of a histogram chart: the share of a panel's chains in the bin starting at x. */
export interface HistogramRow {
  series: string;
  generation: string;
  x: number;
  share: number;
}

/**
 * The rows of a histogram chart: per panel (setting) and generation, the share of chains in each
 * bin (counts / chains drawn, so panels with chains outside the bins stay comparable), as a step
 * line over the bins' left edges closed at the last edge.
 */
export function histogramRows(chart: HistogramChart): HistogramRow[] {
  const rows: HistogramRow[] = [];
  for (const s of chart.series) {
    for (const [i, t] of chart.generations.entries()) {
      const counts = s.counts[i];
      const total = counts.reduce((a, b) => a + b, 0);
      const share = (b: number) => (total > 0 ? counts[b] / total : 0);
      const generation = `t = ${t}`;
      for (let b = 0; b < counts.length; b++) {
        rows.push({ series: s.label, generation, x: chart.edges[b], share: share(b) });
      }
      const last = counts.length - 1;
      rows.push({ series: s.label, generation, x: chart.edges[last + 1], share: share(last) });
    }
  }
  return rows;
}

/**
 * The vega-lite spec of a histogram chart: one panel per setting (regime), one step line per
 * generation (light to dark), x in the metric's units on a log axis when the bins are log-spaced.
 */
export function histogramChartSpec(chart: HistogramChart): TopLevelSpec {
  const rows = histogramRows(chart);
  const panels = chart.series.map((s) => s.label);
  const generations = chart.generations.map((t) => `t = ${t}`);
  const palette = GENERATION_PALETTE.slice(GENERATION_PALETTE.length - generations.length);
  return panelledSpec(chart.title, rows, panels, PANEL_HEIGHT * 0.75, [
    {
      mark: { type: "line", interpolate: "step-after", strokeWidth: 2 },
      encoding: {
        x: {
          field: "x",
          type: "quantitative" as const,
          title: mathUnicode(chart.xLabel),
          // Exactly the bins' span (a "nice" log domain would add decades of empty axis).
          scale: {
            ...(chart.scale === "log10" ? { type: "log" as const } : { zero: false }),
            domain: [chart.edges[0], chart.edges[chart.edges.length - 1]],
            nice: false,
          },
        },
        y: { field: "share", type: "quantitative" as const, title: `share of ${chart.unit}` },
        color: {
          field: "generation",
          type: "nominal" as const,
          title: "generation",
          sort: generations,
          scale: { domain: generations, range: palette },
        },
      },
    },
  ]);
}

async function toSvg(spec: TopLevelSpec): Promise<string> {
  // Loaded on demand (a third of a second): only commands that write reports draw charts.
  const [{ parse, View }, { compile }] = await Promise.all([import("vega"), import("vega-lite")]);
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Renders a trajectory chart to a standalone SVG string. */
export function renderChartSvg(chart: TrajectoryChart): Promise<string> {
  return toSvg(chartSpec(chart));
}

/** Renders a per-generation histogram chart to a standalone SVG string. */
export function renderHistogramSvg(chart: HistogramChart): Promise<string> {
  return toSvg(histogramChartSpec(chart));
}

/** Renders a fraction-of-chains-collapsed chart to a standalone SVG string. */
export function renderFractionSvg(chart: FractionChart): Promise<string> {
  return toSvg(fractionChartSpec(chart));
}
