import { assertInteger } from "../util/validate.ts";
import { clopperPearson } from "../verdict/index.ts";
import { type CalibrationRun, calibrationRecord } from "./calibrationRecord.ts";
import { checkClaim } from "./checkClaim.ts";
import type { Claim } from "./defineClaim.ts";
import { type CalibrationShard, shardSeeds } from "./shardSeeds.ts";

/** Result of running a claim over many fresh root seeds. */
export interface CalibrationResult {
  readonly claim: string;
  readonly runs: number;
  /** Runs whose property failed (refuted, or inconclusive in strict mode). */
  readonly failures: number;
  readonly refuted: number;
  readonly inconclusive: number;
  readonly rate: number;
  /** Two-sided 95% Clopper–Pearson interval of the failure rate. */
  readonly interval: readonly [number, number];
  /** The α each run was checked at (the nominal false-alarm rate for a true claim). */
  readonly alpha: number;
  /** The first and last root seed run (of this shard, when sharded). */
  readonly rootSeeds: readonly [number, number];
  /** Scenarios per run the budget split α over (the claim's, or the override). */
  readonly scenariosPerRun: number;
  /** The shard this result covers (undefined: every seed of the sweep). */
  readonly shard?: CalibrationShard;
  /** One record per root seed, in seed order. */
  readonly records: readonly CalibrationRun[];
}

/** Options of {@link calibrateClaim}. */
export interface CalibrateConstraints {
  /** Number of root seeds of the whole sweep. @defaultValue 200 */
  seeds?: number;
  /** First root seed; runs use firstSeed, firstSeed + 1, … @defaultValue 1 */
  firstSeed?: number;
  /** α override (a nominal rate high enough to measure, e.g. 0.05). @defaultValue the claim's */
  alpha?: number;
  /** Scenarios per run override. @defaultValue the claim's */
  scenarios?: number;
  /**
   * Run only shard `index` of `count`: the seeds firstSeed + j with j ≡ index − 1 (mod count)
   * (see shardSeeds). @defaultValue undefined (every seed)
   */
  shard?: CalibrationShard;
  /** Called after each run. */
  onRun?: (done: number, total: number) => void;
}

/**
 * Runs a claim over N root seeds and reports how often the property failed, with a 95%
 * Clopper–Pearson interval: for a true claim this is the observed false-alarm rate, to set
 * against the nominal α; for a planted false claim it is the power. Each run is also kept as a
 * record (status, smallest and Bonferroni-adjusted p-value, scenarios, replicates, wall time),
 * so shards of one sweep can be merged into exactly the unsharded result.
 */
export function calibrateClaim<S>(
  claim: Claim<S>,
  c: CalibrateConstraints = {},
): CalibrationResult {
  const seeds = c.seeds ?? 200;
  const first = c.firstSeed ?? 1;
  assertInteger("calibrateClaim", "seeds", seeds, 1);
  assertInteger("calibrateClaim", "firstSeed", first);
  const rootSeeds = shardSeeds(first, seeds, c.shard);
  const scenariosPerRun = c.scenarios ?? claim.budget.scenarios;
  const records: CalibrationRun[] = [];
  for (const rootSeed of rootSeeds) {
    // A sweep records verdicts: a refuted run's status is settled, so it is not shrunk.
    const r = checkClaim(claim, {
      rootSeed,
      alpha: c.alpha,
      scenarios: c.scenarios,
      stopAtRefutation: true,
    });
    records.push(calibrationRecord(r, claim.budget, scenariosPerRun));
    c.onRun?.(records.length, rootSeeds.length);
  }
  const refuted = records.filter((r) => r.status === "refuted").length;
  const inconclusive = records.filter((r) => r.status === "inconclusive").length;
  const failures = refuted + inconclusive;
  const runs = records.length;
  return {
    claim: claim.id,
    runs,
    failures,
    refuted,
    inconclusive,
    rate: failures / runs,
    interval: clopperPearson(failures, runs, 0.025, 0.025),
    alpha: c.alpha ?? claim.budget.alpha,
    rootSeeds: [rootSeeds[0], rootSeeds[runs - 1]],
    scenariosPerRun,
    ...(c.shard === undefined ? {} : { shard: c.shard }),
    records,
  };
}
