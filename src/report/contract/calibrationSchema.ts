/**
 * The versioned files of a calibration sweep (zod): the shard file one `collapse calibrate
 * --shard i/n --out <folder>` writes (`calibration-shard-<i>-of-<n>.json`), and the merged
 * `calibration.json`. A shard holds the settings every shard of the sweep must share, the root
 * seeds it ran, its wall time and machine, and one record per claim and root seed; the merged
 * report adds each claim's failure count, rate, 95% Clopper–Pearson interval and verdict.
 */
import { z } from "zod";
import { MalformedShardError } from "./errors.ts";

/** `schema` of a shard file. */
export const SHARD_SCHEMA = "collapse-harness/calibration-shard";
/** `schema` of calibration.json. */
export const CALIBRATION_SCHEMA = "collapse-harness/calibration";
/** The version of both files this harness writes and reads. */
export const CALIBRATION_VERSION = 1;

const int = z.number().int();
const probability = z.number().min(0).max(1);

/** What every shard of one sweep must agree on. */
export const CalibrationSettingsSchema = z.strictObject({
  /** Claim files, relative to the vitest root, POSIX separators, sorted. */
  files: z.array(z.string()),
  /** The vitest -t filter, if any. */
  testName: z.string().nullable(),
  /** Root seeds of the whole sweep: firstSeed … firstSeed + seeds − 1. */
  seeds: int.min(1),
  firstSeed: int.min(0),
  /** α override (null: each claim's own). */
  alpha: z.number().nullable(),
  /** Scenarios-per-run override (null: each claim's own). */
  scenarios: int.min(1).nullable(),
  /**
   * Number of shards the sweep is split into. In a merged report of shards of several counts (a
   * sweep resumed with finer shards), the number of shards merged.
   */
  shards: int.min(1),
  /** The collapse-harness version that ran it. */
  harnessVersion: z.string(),
});
export type CalibrationSettings = z.infer<typeof CalibrationSettingsSchema>;

/** One run: one claim at one root seed. */
export const RunRecordSchema = z.strictObject({
  rootSeed: int,
  status: z.enum(["supported", "refuted", "inconclusive"]),
  minPValue: probability.nullable(),
  adjustedPValue: probability,
  scenarios: int.min(0),
  replicates: int.min(0),
  wallMs: z.number().min(0),
});
export type RunRecord = z.infer<typeof RunRecordSchema>;

/** A claim's records in one shard. */
export const ShardClaimSchema = z.strictObject({
  id: z.string(),
  file: z.string(),
  /** supported: a true claim; refuted: a planted false claim. */
  expect: z.enum(["supported", "refuted"]),
  alpha: z.number().gt(0).lt(0.5),
  scenariosPerRun: int.min(1),
  records: z.array(RunRecordSchema),
});
export type ShardClaim = z.infer<typeof ShardClaimSchema>;

/** The machine a shard ran on. */
export const ShardEnvironmentSchema = z.strictObject({
  node: z.string(),
  harnessVersion: z.string(),
  cores: int,
  hostname: z.string(),
  platform: z.string(),
  arch: z.string(),
  cpu: z.string(),
});

/** A claim test that produced no calibration (it threw, or its file failed to load). */
export const CalibrationErrorSchema = z.strictObject({
  file: z.string(),
  test: z.string().nullable(),
  message: z.string(),
});

/** How one shard ran. */
export const ShardRunSchema = z.strictObject({
  index: int.min(1),
  count: int.min(1),
  /** The root seeds this shard ran (firstSeed + j, j ≡ index − 1 mod count). */
  rootSeeds: z.array(int),
  startedAt: z.string(),
  finishedAt: z.string(),
  wallMs: z.number().min(0),
  environment: ShardEnvironmentSchema,
});
export type ShardRun = z.infer<typeof ShardRunSchema>;

/** calibration-shard-<i>-of-<n>.json. */
export const ShardFileSchema = z.strictObject({
  schema: z.literal(SHARD_SCHEMA),
  version: z.literal(CALIBRATION_VERSION),
  settings: CalibrationSettingsSchema,
  shard: ShardRunSchema,
  claims: z.array(ShardClaimSchema),
  errors: z.array(CalibrationErrorSchema),
});
export type ShardFile = z.infer<typeof ShardFileSchema>;

/** What a claim's calibration says. */
export const CALIBRATION_VERDICTS = [
  "calibrated",
  "over nominal α",
  "planted claim refuted",
  "planted claim missed",
] as const;

/** One claim of calibration.json. */
export const CalibratedClaimSchema = z.strictObject({
  id: z.string(),
  file: z.string(),
  /** true: the claim holds (its failures are false alarms); planted false: it must be refuted. */
  expected: z.enum(["true", "planted false"]),
  alpha: z.number(),
  scenariosPerRun: int,
  runs: int,
  /** Runs whose property failed: refuted, or inconclusive in strict mode. */
  failures: int,
  refuted: int,
  inconclusive: int,
  /** What `rate` measures: failures/runs of a true claim, refuted/runs of a planted one. */
  measures: z.enum(["false-alarm rate", "power"]),
  rate: probability,
  /** Exact two-sided 95% Clopper–Pearson interval of the rate. */
  interval: z.tuple([probability, probability]),
  verdict: z.enum(CALIBRATION_VERDICTS),
  /**
   * The ECDF F of the adjusted p-values against the diagonal: sup(F(u) − u), and the one-sided
   * 95% DKW margin sqrt(ln(1/0.05)/(2·runs)) it exceeds with probability ≤ 0.05 under a true
   * claim; null for a planted claim (its p-values are meant to be small).
   */
  ecdf: z.strictObject({ maxExcess: probability, dkw95: z.number().min(0) }).nullable(),
  /** One record per root seed, in seed order. */
  records: z.array(RunRecordSchema),
});
export type CalibratedClaim = z.infer<typeof CalibratedClaimSchema>;

/** calibration.json. */
export const CalibrationReportSchema = z.strictObject({
  schema: z.literal(CALIBRATION_SCHEMA),
  version: z.literal(CALIBRATION_VERSION),
  settings: CalibrationSettingsSchema,
  /** Each shard's seeds, wall time and machine (one entry for an unsharded run). */
  shards: z.array(ShardRunSchema.omit({ rootSeeds: true }).extend({ seeds: int })),
  /** Wall time summed over the shards (compute spent) and the slowest shard's (elapsed). */
  wallMs: z.strictObject({ sum: z.number(), max: z.number() }),
  claims: z.array(CalibratedClaimSchema),
  errors: z.array(CalibrationErrorSchema),
  /** false when a true claim's interval lies wholly above α, a planted claim was missed, or a claim errored. */
  passed: z.boolean(),
});
export type CalibrationReport = z.infer<typeof CalibrationReportSchema>;

function issues(error: z.ZodError): string {
  const list = error.issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`);
  return `${list.join("; ")}${error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : ""}`;
}

/** Parses a shard file's text; throws {@link MalformedShardError} naming the file and the fields. */
export function parseShardFile(text: string, file: string): ShardFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new MalformedShardError(file, `not valid JSON (${(e as Error).message})`);
  }
  const r = ShardFileSchema.safeParse(value);
  if (!r.success) {
    throw new MalformedShardError(
      file,
      `not a calibration shard of version ${CALIBRATION_VERSION}: ${issues(r.error)}`,
    );
  }
  return r.data;
}

/** Checks a calibration report against its schema (so no malformed one is ever written). */
export function validateCalibrationReport(value: unknown, file: string): CalibrationReport {
  const r = CalibrationReportSchema.safeParse(value);
  if (!r.success) {
    throw new MalformedShardError(
      file,
      `does not match the calibration schema: ${issues(r.error)}`,
    );
  }
  return r.data;
}
