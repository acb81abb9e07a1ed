/**
 * `collapse simulate --per-chain <file>`: every chain × generation × metric value, one row per
 * chain and generation, for notebooks. Columns: the run's settings (`truth`, `family`, `regime`,
 * `transforms`, `samples`, `seed`; the same on every row, so files of several runs concatenate),
 * then `chain` (0-based), `generation` (0 = the truth) and one float64 column per metric, in the
 * order of `--metrics`. Rows are chain-major (chain 0's generations 0…T, then chain 1's, …).
 *
 * Formats, by the file's extension:
 * - `.arrow` / `.feather`: an Apache Arrow IPC file (Feather v2), written with the Apache Arrow
 *   project's JavaScript library; `pandas.read_feather`, `pyarrow.feather.read_table` and
 *   `polars.read_ipc` read it natively. Metric values are IEEE doubles: ±∞ as infinities, an
 *   undefined value as NaN. Setting columns are dictionary-encoded strings; `chain`, `generation`
 *   and `samples` are int32. The schema metadata key `collapse-harness` holds the run's full
 *   configuration as JSON.
 * - `.csv`: RFC 4180 (fields with commas or quotes are quoted), a header row, numbers in
 *   shortest round-trip form, `inf` / `-inf` / `NaN` for non-finite values (what pandas, polars and
 *   numpy parse as floats).
 *
 * The file is written whole (temporary file, then rename): a crash never leaves a partial one.
 */
import { extname, resolve } from "node:path";
import type { ChainResult, ChainSpec } from "../engine.ts";
import { prepareOutputFolder, writeFileAtomic } from "../report/run/write.ts";
import { InvalidParameterError } from "../util/validate.ts";

export const PER_CHAIN_FORMATS = { ".arrow": "arrow", ".feather": "arrow", ".csv": "csv" } as const;
export type PerChainFormat = (typeof PER_CHAIN_FORMATS)[keyof typeof PER_CHAIN_FORMATS];

/** The format a `--per-chain` file name asks for, or a named error listing the extensions. */
export function perChainFormat(file: string): PerChainFormat {
  const ext = extname(file).toLowerCase();
  const format = (PER_CHAIN_FORMATS as Record<string, PerChainFormat>)[ext];
  if (format === undefined) {
    throw new InvalidParameterError(
      "collapse simulate",
      "--per-chain",
      `must name a file ending in ${Object.keys(PER_CHAIN_FORMATS).join(", ")}`,
      file,
    );
  }
  return format;
}

/** Checks, before any chain runs, that the file's folder exists or can be made and is writable. */
export function preparePerChain(file: string): PerChainFormat {
  const format = perChainFormat(file);
  prepareOutputFolder(resolve(file, ".."));
  return format;
}

/** The per-chain table as columns (settings, chain, generation, one column per metric). */
export interface PerChainColumns {
  readonly settings: Readonly<Record<SettingColumn, string>>;
  readonly samples: number;
  readonly chain: Int32Array;
  readonly generation: Int32Array;
  readonly metrics: Readonly<Record<string, Float64Array>>;
}

export type SettingColumn = "truth" | "family" | "regime" | "transforms" | "seed";

/** Lays a run's values out as rows (chain-major). */
export function perChainColumns(spec: ChainSpec, result: ChainResult): PerChainColumns {
  const T1 = spec.generations + 1;
  // values[id][c·(T+1) + t], one entry per chain × generation.
  const rows = result.values[result.metrics[0]]?.length ?? 0;
  const chains = rows / T1;
  const chain = new Int32Array(rows);
  const generation = new Int32Array(rows);
  const first = spec.firstChain ?? 0;
  for (let c = 0; c < chains; c++) {
    for (let t = 0; t < T1; t++) {
      chain[c * T1 + t] = first + c;
      generation[c * T1 + t] = t;
    }
  }
  const metrics: Record<string, Float64Array> = {};
  for (const id of result.metrics) metrics[id] = result.values[id];
  return {
    settings: {
      truth: spec.truth,
      family: spec.family,
      regime: spec.regime,
      transforms: (spec.transforms ?? []).join(" "),
      seed: String(spec.seed),
    },
    samples: spec.samples,
    chain,
    generation,
    metrics,
  };
}

/** A float for CSV: shortest round-trip form; inf, -inf, NaN spelled as numpy and pandas read them. */
function csvNumber(x: number): string {
  if (Number.isFinite(x)) return String(x);
  return Number.isNaN(x) ? "NaN" : x > 0 ? "inf" : "-inf";
}

/** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The per-chain table as CSV text. */
export function perChainCsv(cols: PerChainColumns): string {
  const ids = Object.keys(cols.metrics);
  const names: SettingColumn[] = ["truth", "family", "regime", "transforms", "seed"];
  const prefix = [
    ...names.slice(0, 4).map((n) => csvField(cols.settings[n])),
    String(cols.samples),
    csvField(cols.settings.seed),
  ].join(",");
  const lines = [
    ["truth", "family", "regime", "transforms", "samples", "seed", "chain", "generation", ...ids]
      .map(csvField)
      .join(","),
  ];
  const columns = ids.map((id) => cols.metrics[id]);
  for (let i = 0; i < cols.chain.length; i++) {
    let line = `${prefix},${cols.chain[i]},${cols.generation[i]}`;
    for (const v of columns) line += `,${csvNumber(v[i])}`;
    lines.push(line);
  }
  return `${lines.join("\n")}\n`;
}

/** The per-chain table as an Arrow IPC file (bytes). */
export async function perChainArrow(cols: PerChainColumns, config: unknown): Promise<Uint8Array> {
  // Loaded only when asked for: the library is large and most runs never write Arrow.
  const arrow = await import("apache-arrow");
  const n = cols.chain.length;
  const repeated = (s: string) => {
    const dictionary = arrow.vectorFromArray([s], new arrow.Utf8());
    const type = new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32());
    const data = arrow.makeData({
      type,
      length: n,
      nullCount: 0,
      data: new Int32Array(n),
      dictionary,
    });
    return arrow.makeVector(data);
  };
  const columns: Record<string, import("apache-arrow").Vector> = {
    truth: repeated(cols.settings.truth),
    family: repeated(cols.settings.family),
    regime: repeated(cols.settings.regime),
    transforms: repeated(cols.settings.transforms),
    samples: arrow.makeVector(new Int32Array(n).fill(cols.samples)),
    seed: repeated(cols.settings.seed),
    chain: arrow.makeVector(cols.chain),
    generation: arrow.makeVector(cols.generation),
  };
  for (const [id, values] of Object.entries(cols.metrics)) columns[id] = arrow.makeVector(values);
  const table = new arrow.Table(columns);
  const schema = new arrow.Schema(
    table.schema.fields,
    new Map([["collapse-harness", JSON.stringify(config)]]),
  );
  const withMetadata = new arrow.Table(
    schema,
    table.batches.map((b) => new arrow.RecordBatch(schema, b.data)),
  );
  return arrow.tableToIPC(withMetadata, "file");
}

/** Writes the per-chain file whole (temporary file, then rename). */
export async function writePerChain(
  file: string,
  spec: ChainSpec,
  result: ChainResult,
): Promise<{ rows: number; format: PerChainFormat }> {
  const format = perChainFormat(file);
  const cols = perChainColumns(spec, result);
  const content = format === "csv" ? perChainCsv(cols) : await perChainArrow(cols, spec);
  writeFileAtomic(file, content);
  return { rows: cols.chain.length, format };
}
