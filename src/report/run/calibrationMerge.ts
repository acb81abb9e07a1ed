/**
 * Merging the shards of a calibration sweep into calibration.json's content: the shards must
 * be of one sweep (same settings, claims and harness version; every root seed run exactly once,
 * by shards 1…n of one count or by shards of several counts, as when an interrupted sweep is
 * resumed with finer shards), and the merged records are then exactly an unsharded run's. Each claim
 * is judged on the merged records: a true claim's failure rate with its exact 95%
 * Clopper–Pearson interval against the nominal α, a planted false claim's power.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { shardSeeds } from "../../claims/shardSeeds.ts";
import { clopperPearson, fmt } from "../../verdict/index.ts";
import {
  CALIBRATION_SCHEMA,
  CALIBRATION_VERSION,
  type CalibratedClaim,
  type CalibrationReport,
  parseShardFile,
  type RunRecord,
  type ShardFile,
  validateCalibrationReport,
} from "../contract/calibrationSchema.ts";
import {
  DuplicateSeedError,
  MalformedShardError,
  MissingShardError,
  NoClaimFilesError,
  ShardMismatchError,
} from "../contract/errors.ts";
import { dkwEpsilon, ecdfDistance } from "./ecdf.ts";

/** A shard file as read, with the name it was read from. */
export interface NamedShard {
  readonly file: string;
  readonly shard: ShardFile;
}

const SHARD_FILE = /^calibration-shard-(\d+)-of-(\d+)\.json$/;

/**
 * Reads every `calibration-shard-<i>-of-<n>.json` in a folder (other files are ignored), sorted
 * by shard. Throws MissingShardError when the folder is missing or holds none, and
 * MalformedShardError for a file that does not parse or holds another shard than its name says.
 */
export function readShardFolder(folder: string): NamedShard[] {
  const abs = resolve(folder);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new MissingShardError(`no such folder of calibration shards: ${folder}`);
  }
  const names = readdirSync(abs).filter((f) => SHARD_FILE.test(f));
  if (names.length === 0) {
    throw new MissingShardError(
      `no calibration shards (calibration-shard-<i>-of-<n>.json) in ${folder}: write them with collapse calibrate --shard i/n --out ${folder}`,
    );
  }
  const shards = names.map((name) => {
    const shard = parseShardFile(readFileSync(join(abs, name), "utf8"), name);
    const m = SHARD_FILE.exec(name) as RegExpExecArray;
    if (Number(m[1]) !== shard.shard.index || Number(m[2]) !== shard.shard.count) {
      throw new MalformedShardError(
        name,
        `holds shard ${shard.shard.index} of ${shard.shard.count}, not the one its name says`,
      );
    }
    return { file: name, shard };
  });
  return shards.sort(byShard);
}

/** Shard order: by shard count, then index (1/16 … 16/16, then 5/48 …). */
function byShard(a: NamedShard, b: NamedShard): number {
  return a.shard.shard.count - b.shard.shard.count || a.shard.shard.index - b.shard.shard.index;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Throws ShardMismatchError unless every shard has the first's settings, apart from the shard
 * count: shards of different counts may be merged (a sweep resumed with finer shards after an
 * interruption), as long as together they run every seed once (checkCoverage).
 */
function checkSettings(shards: readonly NamedShard[]): void {
  const [first] = shards;
  for (const s of shards) {
    if (s.shard.shard.count !== s.shard.settings.shards) {
      throw new MalformedShardError(
        s.file,
        `shard count ${s.shard.shard.count} differs from its settings.shards ${s.shard.settings.shards}`,
      );
    }
    for (const key of Object.keys(first.shard.settings) as (keyof ShardFile["settings"])[]) {
      if (key === "shards") continue;
      const a = first.shard.settings[key];
      const b = s.shard.settings[key];
      if (!same(a, b)) {
        throw new ShardMismatchError(
          `${s.file} and ${first.file} are not shards of one sweep: settings.${key} is ${JSON.stringify(b)} in one and ${JSON.stringify(a)} in the other`,
        );
      }
    }
  }
}

/** "400001, 400002, …, 400200 (200 seeds)": a seed list short enough for a message. */
function seedList(seeds: readonly number[]): string {
  const shown = seeds.length <= 12 ? seeds : [...seeds.slice(0, 10), "…", seeds.at(-1)];
  return `${shown.join(", ")} (${seeds.length} seed${seeds.length === 1 ? "" : "s"})`;
}

/**
 * The `--shard i/n` runs that would run exactly the missing seeds, for the first shard count n
 * of the merged shards (largest first: the finest) under which the missing seeds are whole
 * shards; undefined when no count fits.
 */
function missingShards(
  missing: readonly number[],
  counts: readonly number[],
  firstSeed: number,
  seeds: number,
): string | undefined {
  const want = new Set(missing);
  for (const n of [...counts].sort((a, b) => b - a)) {
    const indices = [...new Set(missing.map((s) => ((s - firstSeed) % n) + 1))].sort(
      (a, b) => a - b,
    );
    const covered = indices.flatMap((index) => shardSeeds(firstSeed, seeds, { index, count: n }));
    if (covered.length === want.size && covered.every((s) => want.has(s))) {
      return indices.map((i) => `${i}/${n}`).join(", ");
    }
  }
  return undefined;
}

/**
 * Throws unless each shard ran exactly the seeds its index and count name, and the shards
 * together run every seed of the sweep exactly once: shards 1…n of one count, or shards of
 * several counts whose seeds partition the sweep's.
 */
function checkCoverage(shards: readonly NamedShard[]): void {
  const { firstSeed, seeds } = shards[0].shard.settings;
  for (const s of shards) {
    const { index, count } = s.shard.shard;
    const expected = shardSeeds(firstSeed, seeds, { index, count });
    if (!same(expected, s.shard.shard.rootSeeds)) {
      throw new ShardMismatchError(
        `${s.file} ran root seeds ${s.shard.shard.rootSeeds.join(", ")}, not shard ${index}/${count}'s ${expected.join(", ")}`,
      );
    }
  }
  const runBy = new Map<number, string>();
  for (const s of shards) {
    for (const seed of s.shard.shard.rootSeeds) {
      const earlier = runBy.get(seed);
      if (earlier !== undefined) {
        throw new ShardMismatchError(
          `${earlier} and ${s.file} both ran root seed ${seed}: the shards of one sweep run disjoint seeds`,
        );
      }
      runBy.set(seed, s.file);
    }
  }
  const counts = [...new Set(shards.map((s) => s.shard.shard.count))];
  if (counts.length === 1) {
    const n = counts[0];
    const have = shards.map((s) => s.shard.shard.index).sort((a, b) => a - b);
    const missing = Array.from({ length: n }, (_, i) => i + 1).filter((i) => !have.includes(i));
    if (missing.length > 0) {
      throw new MissingShardError(
        `shard${missing.length === 1 ? "" : "s"} ${missing.join(", ")} of ${n} missing (have ${have.join(", ")}): run collapse calibrate --shard ${missing[0]}/${n} with the same options`,
      );
    }
    return;
  }
  const missing = Array.from({ length: seeds }, (_, j) => firstSeed + j).filter(
    (seed) => !runBy.has(seed),
  );
  if (missing.length > 0) {
    const runs = missingShards(missing, counts, firstSeed, seeds);
    throw new MissingShardError(
      `root seeds ${seedList(missing)} of the sweep were run by none of its shards (${shards.map((s) => `${s.shard.shard.index}/${s.shard.shard.count}`).join(", ")}): ${runs === undefined ? "run shards that cover them" : `run collapse calibrate --shard ${runs}`} with the same options`,
    );
  }
}

/** One claim's entry in every shard; throws unless all shards ran the same claims alike. */
function claimsOf(shards: readonly NamedShard[]): Map<string, ShardFile["claims"][number][]> {
  const [first] = shards;
  const describe = (s: NamedShard) =>
    s.shard.claims.map(
      (c) => `${c.id} (${c.file}, ${c.expect}, α ${c.alpha}, ${c.scenariosPerRun} scenarios)`,
    );
  const out = new Map<string, ShardFile["claims"][number][]>();
  for (const s of shards) {
    const a = describe(first);
    const b = describe(s);
    if (!same(a, b)) {
      const onlyA = a.filter((x) => !b.includes(x));
      const onlyB = b.filter((x) => !a.includes(x));
      throw new ShardMismatchError(
        `${s.file} and ${first.file} ran different claims: only in ${first.file}: ${onlyA.join("; ") || "none"}; only in ${s.file}: ${onlyB.join("; ") || "none"}`,
      );
    }
    for (const c of s.shard.claims) out.set(c.id, [...(out.get(c.id) ?? []), c]);
  }
  return out;
}

/** The merged records of one claim, in seed order; throws on a seed run twice or left out. */
function mergeRecords(
  id: string,
  entries: readonly ShardFile["claims"][number][],
  shards: readonly NamedShard[],
): RunRecord[] {
  const seen = new Map<number, string>();
  const records: RunRecord[] = [];
  entries.forEach((entry, i) => {
    const s = shards[i];
    for (const r of entry.records) {
      const earlier = seen.get(r.rootSeed);
      if (earlier !== undefined) throw new DuplicateSeedError(id, r.rootSeed, [earlier, s.file]);
      seen.set(r.rootSeed, s.file);
      records.push(r);
    }
    const ran = entry.records.map((r) => r.rootSeed);
    if (
      !same(
        [...ran].sort((a, b) => a - b),
        s.shard.shard.rootSeeds,
      )
    ) {
      throw new ShardMismatchError(
        `${s.file}: claim ${id} ran root seeds ${ran.join(", ")}, not its shard's ${s.shard.shard.rootSeeds.join(", ")}`,
      );
    }
  });
  return records.sort((a, b) => a.rootSeed - b.rootSeed);
}

/** A claim's counts, rate, interval, ECDF distance and verdict from its records. */
export function judgeClaim(
  entry: Omit<ShardFile["claims"][number], "records">,
  records: readonly RunRecord[],
): CalibratedClaim {
  const runs = records.length;
  const refuted = records.filter((r) => r.status === "refuted").length;
  const inconclusive = records.filter((r) => r.status === "inconclusive").length;
  const failures = refuted + inconclusive;
  const planted = entry.expect === "refuted";
  // A true claim's failures are false alarms; a planted claim is detected only when refuted.
  const hits = planted ? refuted : failures;
  const interval = clopperPearson(hits, runs, 0.025, 0.025);
  const verdict = planted
    ? refuted < runs
      ? "planted claim missed"
      : "planted claim refuted"
    : interval[0] > entry.alpha
      ? "over nominal α"
      : "calibrated";
  return {
    id: entry.id,
    file: entry.file,
    expected: planted ? "planted false" : "true",
    alpha: entry.alpha,
    scenariosPerRun: entry.scenariosPerRun,
    runs,
    failures,
    refuted,
    inconclusive,
    measures: planted ? "power" : "false-alarm rate",
    rate: hits / runs,
    interval: [interval[0], interval[1]],
    verdict,
    ecdf: planted
      ? null
      : {
          maxExcess: ecdfDistance(records.map((r) => r.adjustedPValue)).above,
          dkw95: dkwEpsilon(runs, 0.05, 1),
        },
    records: [...records],
  };
}

/**
 * The calibration report of a sweep's shards (one shard 1/1 for an unsharded run). Throws
 * ShardMismatchError, MissingShardError or DuplicateSeedError when they are not exactly the
 * shards of one sweep, NoClaimFilesError when they ran no claim at all.
 */
export function mergeShards(shards: readonly NamedShard[]): CalibrationReport {
  if (shards.length === 0) throw new MissingShardError("no calibration shards to merge");
  checkSettings(shards);
  checkCoverage(shards);
  const sorted = [...shards].sort(byShard);
  const counts = new Set(sorted.map((s) => s.shard.shard.count));
  const entries = claimsOf(sorted);
  const errors = sorted.flatMap((s) => s.shard.errors);
  if (entries.size === 0 && errors.length === 0) {
    throw new NoClaimFilesError(
      "the sweep ran no claim test (does -t match any claim? are the files claim files?)",
    );
  }
  const claims = [...entries.entries()].map(([id, list]) => {
    const { records: _records, ...entry } = list[0];
    return judgeClaim(entry, mergeRecords(id, list, sorted));
  });
  const walls = sorted.map((s) => s.shard.shard.wallMs);
  const report = {
    schema: CALIBRATION_SCHEMA,
    version: CALIBRATION_VERSION,
    // Shards of one count: that count; of several (a resumed sweep): how many shards were merged.
    settings: {
      ...sorted[0].shard.settings,
      shards: counts.size === 1 ? sorted[0].shard.shard.count : sorted.length,
    },
    shards: sorted.map((s) => {
      const { rootSeeds, ...run } = s.shard.shard;
      return { ...run, seeds: rootSeeds.length };
    }),
    wallMs: { sum: walls.reduce((a, b) => a + b, 0), max: Math.max(...walls) },
    claims,
    errors,
    passed:
      errors.length === 0 &&
      claims.every((c) => c.verdict === "calibrated" || c.verdict === "planted claim refuted"),
  };
  return validateCalibrationReport(report, "calibration.json (about to be written)");
}

/** The per-claim table `collapse calibrate` prints. */
export function calibrationTable(report: CalibrationReport): string {
  const s = report.settings;
  const header = [
    "claim".padEnd(44),
    "expected".padEnd(13),
    "runs".padStart(5),
    "fail".padStart(5),
    "ref.".padStart(5),
    "inc.".padStart(5),
    "rate".padEnd(8),
    "95% CI".padEnd(20),
    "vs".padEnd(11),
    "verdict",
  ].join(" ");
  const rows = report.claims.map((c) =>
    [
      c.id.padEnd(44),
      c.expected.padEnd(13),
      String(c.runs).padStart(5),
      String(c.failures).padStart(5),
      String(c.refuted).padStart(5),
      String(c.inconclusive).padStart(5),
      fmt(c.rate).padEnd(8),
      `[${fmt(c.interval[0])}, ${fmt(c.interval[1])}]`.padEnd(20),
      (c.expected === "true" ? `α ${fmt(c.alpha)}` : "power").padEnd(11),
      c.verdict,
    ].join(" "),
  );
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const lines = [
    `collapse calibrate: ${report.claims.length} claim${report.claims.length === 1 ? "" : "s"} × ${s.seeds} root seeds (${s.firstSeed}…${s.firstSeed + s.seeds - 1})${s.alpha === null ? "" : `, α ${fmt(s.alpha)}`}${s.scenarios === null ? "" : `, ${s.scenarios} scenarios per run`}, ${s.shards} shard${s.shards === 1 ? "" : "s"}; wall time ${seconds(report.wallMs.sum)} summed, ${seconds(report.wallMs.max)} slowest shard`,
    header,
    ...rows,
    ...report.errors.map(
      (e) => `ERROR ${e.file}${e.test === null ? "" : ` (${e.test})`}: ${e.message.split("\n")[0]}`,
    ),
    report.passed
      ? "calibrated: no true claim's interval lies above its α, every planted claim was refuted"
      : "NOT calibrated: see the verdicts above",
  ];
  return `${lines.join("\n")}\n`;
}
