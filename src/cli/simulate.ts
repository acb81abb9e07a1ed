import { isAbsolute, relative, resolve, sep } from "node:path";
import type cliProgress from "cli-progress";
import { type ChainSpec, configFromSpec } from "../chain/chainSpec.ts";
import { loadPlugins, projectPlugins } from "../chain/loadPlugins.ts";
import { checkChainConfig } from "../chain/runChains.ts";
import { runChainsParallel } from "../chain/runChainsParallel.ts";
import { type MetricSummary, summarizeMetric } from "../chain/summarize.ts";
import { METRIC_IDS, type MetricId, metricById, metricRegistry } from "../metrics/metric.ts";
import { tableGenerations } from "../report/render/format.ts";
import { collectDataSources } from "../truths/dataSources.ts";
import { findProjectRoot } from "../util/findProjectRoot.ts";
import { InvalidParameterError } from "../util/validate.ts";
import { type ExceedSummary, parseExceed, summarizeExceed } from "./exceed.ts";
import { preparePerChain, writePerChain } from "./perChain.ts";
import { summarizeUntil, type UntilSummary } from "./until.ts";

/** Options of `collapse simulate`, as strings and numbers from the command line. */
export interface SimulateOptions {
  truth: string;
  family: string;
  regime: string;
  samples: number;
  generations: number;
  chains: number;
  seed: number | string;
  transform?: string[];
  metrics?: string;
  tailQ?: number;
  mcSamples?: number;
  /** Worker threads. @defaultValue 1 */
  workers?: number;
  /** Plug-in modules to load before the spec is built (`--plugin`, repeatable). */
  plugins?: string[];
  /** Run above the size limits (`--allow-large`). @defaultValue false */
  allowLarge?: boolean;
  /** Exceedance conditions (`--exceed variance<0.01,support>1`). */
  exceed?: string;
  /** Stopping conditions (`--until support<=1`): each chain's first generation satisfying them. */
  until?: string;
  format: "table" | "json" | "csv";
  progress: boolean;
  /** Also write every chain × generation × metric value here (`.arrow`, `.feather` or `.csv`). */
  perChain?: string;
}

/** A non-finite number as JSON/CSV text: never a bare NaN or null. */
export function encodeNumber(x: number): number | string {
  if (Number.isFinite(x)) return x;
  if (Number.isNaN(x)) return "undefined";
  return x > 0 ? "Infinity" : "-Infinity";
}

/** The metrics reported when --metrics is not given: every exact metric both sides support. */
const DEFAULT_METRICS: readonly MetricId[] = [
  "support",
  "tail-mass",
  "entropy",
  "heterozygosity",
  "kl",
  "variance",
  "log-variance",
  "mean-error",
  "w2",
  "test-error",
  "perplexity",
  "rare-mass",
  "head-mass",
];

/** Plug-in metrics are reported by default too, where they apply. */
function defaultMetrics(): MetricId[] {
  const builtin = new Set(METRIC_IDS);
  return [
    ...DEFAULT_METRICS,
    ...metricRegistry
      .list()
      .filter((m) => !builtin.has(m.name))
      .map((m) => m.name),
  ];
}

export interface SimulateResult {
  readonly config: ChainSpec;
  readonly generations: number[];
  readonly metrics: Record<string, MetricSummary>;
  /** Per `--exceed` condition (by its text): fraction of chains satisfying it, with a 95% interval. */
  readonly exceed: Record<string, ExceedSummary>;
  /** Per `--until` condition (by its text): the first generation it holds, over the chains. */
  readonly until: Record<string, UntilSummary>;
  readonly undefinedValues: number;
  /** The real data the truth reads (a text corpus: name, size, split); [] for a distribution. */
  readonly dataSources: readonly string[];
  /** The `--per-chain` file written, its row count and format. */
  readonly perChain?: { readonly file: string; readonly rows: number; readonly format: string };
}

/**
 * The project's plug-ins (package.json `collapse.plugins`, paths relative to the project root,
 * re-expressed relative to the working directory like --plugin's), then those given by --plugin.
 */
function withProjectPlugins(given: readonly string[] = []): string[] {
  const root = findProjectRoot();
  const project = projectPlugins(root).map((m) => {
    if (!m.startsWith(".") && !isAbsolute(m)) return m;
    const path = relative(process.cwd(), resolve(root, m)).split(sep).join("/");
    return path.startsWith("../") ? path : `./${path}`;
  });
  return [...new Set([...project, ...given])];
}

/** Builds and validates the chain spec from CLI options. */
export function simulateSpec(o: SimulateOptions): ChainSpec {
  const plugins = withProjectPlugins(o.plugins);
  let metrics: MetricId[];
  if (o.metrics !== undefined) {
    metrics = o.metrics
      .split(",")
      .map((m) => m.trim())
      .filter((m) => m !== "")
      .map((m) => metricById(m).id);
    if (metrics.length === 0) {
      throw new InvalidParameterError(
        "simulate",
        "--metrics",
        `must list some of ${METRIC_IDS.join(", ")}`,
        o.metrics,
      );
    }
  } else {
    const probe = configFromSpec({
      truth: o.truth,
      family: o.family,
      regime: o.regime,
      samples: o.samples,
      generations: 0,
      chains: 0,
      seed: o.seed,
      metrics: [],
      plugins,
    });
    metrics = defaultMetrics().filter((id) => {
      const m = metricById(id);
      return m.supportsTruth(probe.truth.model.kind) && m.supports(probe.family.modelKind);
    });
  }
  const spec: ChainSpec = {
    truth: o.truth,
    family: o.family,
    regime: o.regime,
    transforms: o.transform ?? [],
    samples: o.samples,
    generations: o.generations,
    chains: o.chains,
    seed: o.seed,
    metrics,
    tailQ: o.tailQ ?? 0.05,
    mcSamples: o.mcSamples ?? 4000,
    ...(plugins.length > 0 ? { plugins } : {}),
    ...(o.allowLarge ? { allowLarge: true } : {}),
  };
  checkChainConfig(configFromSpec(spec));
  return spec;
}

/** Runs `collapse simulate` and returns the summaries. */
export async function simulate(o: SimulateOptions): Promise<SimulateResult> {
  await loadPlugins(withProjectPlugins(o.plugins));
  const sources = new Set<string>();
  const spec = collectDataSources(sources, () => simulateSpec(o));
  // Conditions are checked before any chain runs.
  const conditions = o.exceed === undefined ? [] : parseExceed(o.exceed, spec.metrics);
  const stops = o.until === undefined ? [] : parseExceed(o.until, spec.metrics, "--until");
  // A bad --per-chain name or folder fails before any chain runs.
  if (o.perChain !== undefined) preparePerChain(o.perChain);
  let bar: cliProgress.SingleBar | undefined;
  const started = performance.now();
  // Loaded only where a bar may be drawn (a terminal, not CI).
  const bars = o.progress ? (await import("cli-progress")).default : undefined;
  const onProgress = bars
    ? (done: number, total: number) => {
        if (bar === undefined && performance.now() - started > 1000) {
          bar = new bars.SingleBar(
            {
              format: "chains {bar} {value}/{total} | {eta_formatted} left",
              stream: process.stderr,
            },
            bars.Presets.shades_classic,
          );
          bar.start(total, done);
        }
        bar?.update(done);
      }
    : undefined;
  const result = await runChainsParallel(spec, { workers: o.workers ?? 1, onProgress });
  bar?.stop();
  const metrics: Record<string, MetricSummary> = {};
  for (const id of result.metrics) metrics[id] = summarizeMetric(result, id);
  const exceed: Record<string, ExceedSummary> = {};
  for (const c of conditions) exceed[c.label] = summarizeExceed(result, c);
  const until: Record<string, UntilSummary> = {};
  for (const c of stops) until[c.label] = summarizeUntil(result, c);
  const perChain =
    o.perChain === undefined
      ? undefined
      : { file: o.perChain, ...(await writePerChain(o.perChain, spec, result)) };
  return {
    perChain,
    config: { ...spec },
    generations: Array.from({ length: o.generations + 1 }, (_, t) => t),
    metrics,
    exceed,
    until,
    undefinedValues: result.undefinedValues.length,
    dataSources: [...sources],
  };
}

// Quartiles last: the columns before them keep their places for existing readers of the CSV.
const STATS = ["mean", "se", "median", "q05", "q95", "q25", "q75"] as const;

/** `--json`: one object with config, generations and per-metric summary arrays. */
export function formatJson(r: SimulateResult): string {
  const metrics: Record<string, Record<string, (number | string)[]>> = {};
  for (const [id, s] of Object.entries(r.metrics)) {
    metrics[id] = Object.fromEntries(STATS.map((k) => [k, Array.from(s[k], encodeNumber)]));
  }
  const exceed: Record<string, Record<string, (number | string)[]>> = {};
  for (const [label, e] of Object.entries(r.exceed)) {
    exceed[label] = {
      fraction: Array.from(e.fraction, encodeNumber),
      lower95: Array.from(e.lower, encodeNumber),
      upper95: Array.from(e.upper, encodeNumber),
      chains: Array.from(e.chains),
    };
  }
  const until: Record<string, Record<string, number | string>> = {};
  for (const [label, u] of Object.entries(r.until)) {
    until[label] = {
      chains: u.chains,
      reached: u.reached,
      fraction: u.fraction,
      lower95: u.lower,
      upper95: u.upper,
      ...Object.fromEntries(
        (["mean", "se", "median", "q05", "q25", "q75", "q95"] as const).map((k) => [
          k,
          encodeNumber(u[k]),
        ]),
      ),
    };
  }
  return JSON.stringify(
    {
      config: r.config,
      ...(r.dataSources.length > 0 ? { data: r.dataSources } : {}),
      generations: r.generations,
      metrics,
      ...(Object.keys(exceed).length > 0 ? { exceed } : {}),
      ...(Object.keys(until).length > 0 ? { until } : {}),
    },
    null,
    2,
  );
}

/** `--csv`: one row per generation × metric. */
export function formatCsv(r: SimulateResult): string {
  const conditions = Object.entries(r.exceed);
  // With --exceed, rows P(<condition>) follow each generation's metric rows: mean is the
  // fraction of chains, se its binomial standard error, lower95/upper95 its exact interval.
  const extra = conditions.length > 0 ? ",lower95,upper95" : "";
  const lines = [`generation,metric,${STATS.join(",")}${extra}`];
  for (const t of r.generations) {
    for (const [id, s] of Object.entries(r.metrics)) {
      lines.push(
        [t, id, ...STATS.map((k) => encodeNumber(s[k][t])), ...(extra ? ["", ""] : [])].join(","),
      );
    }
    for (const [label, e] of conditions) {
      const f = e.fraction[t];
      const se = Math.sqrt((f * (1 - f)) / e.chains[t]);
      lines.push(
        [
          t,
          `P(${label})`,
          encodeNumber(f),
          encodeNumber(se),
          ...STATS.slice(2).map(() => ""),
          encodeNumber(e.lower[t]),
          encodeNumber(e.upper[t]),
        ].join(","),
      );
    }
  }
  return lines.join("\n");
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "undefined" : x > 0 ? "∞" : "−∞";
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? x.toExponential(3) : x.toPrecision(4);
}

/** The default readable table: mean ± se and median per metric at selected generations. */
export function formatTable(r: SimulateResult): string {
  const ids = Object.keys(r.metrics);
  const conditions = Object.entries(r.exceed);
  const header = [
    "gen",
    ...ids.map((id) => `${id} (mean ± se | median)`),
    ...conditions.map(([label]) => `P(${label}) [95% CI]`),
  ];
  const rows = tableGenerations(r.generations.length - 1).map((t) => [
    String(t),
    ...ids.map((id) => {
      const s = r.metrics[id];
      return `${fmt(s.mean[t])} ± ${fmt(s.se[t])} | ${fmt(s.median[t])}`;
    }),
    ...conditions.map(([, e]) => `${fmt(e.fraction[t])} [${fmt(e.lower[t])}, ${fmt(e.upper[t])}]`),
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((row) => row[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => c.padStart(widths[j])).join("  ");
  const c = r.config;
  return [
    `truth ${c.truth} · family ${c.family} · regime ${c.regime}${c.transforms?.length ? ` · transforms ${c.transforms.join(" ")}` : ""}`,
    `M=${c.samples} samples/generation · T=${c.generations} · K=${c.chains} chains · seed ${c.seed}`,
    ...r.dataSources.map((source) => `data: ${source}`),
    line(header),
    ...rows.map(line),
    ...Object.entries(r.until).map(
      ([label, u]) =>
        `until ${label}: ${u.reached} of ${u.chains} chains by T = ${r.generations.length - 1} (${fmt(u.fraction)} [${fmt(u.lower)}, ${fmt(u.upper)}])${
          u.reached > 0
            ? `; first generation ${fmt(u.mean)} ± ${fmt(u.se)}, median ${fmt(u.median)} (q05 ${fmt(u.q05)}, q95 ${fmt(u.q95)})`
            : ""
        }`,
    ),
    ...(r.undefinedValues > 0
      ? [`(${r.undefinedValues} undefined metric values, shown as "undefined")`]
      : []),
  ].join("\n");
}
