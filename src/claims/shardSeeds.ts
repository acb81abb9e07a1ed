import { assertInteger, InvalidParameterError } from "../util/validate.ts";

/** One shard of a calibration sweep: shard `index` (1-based) of `count`. */
export interface CalibrationShard {
  readonly index: number;
  readonly count: number;
}

/**
 * The root seeds shard i of n runs in a sweep of `seeds` seeds from `firstSeed`: firstSeed + j
 * for every j < seeds with j ≡ i − 1 (mod n). Interleaved rather than blocked, so shards of a
 * sweep take the same time whatever the seeds cost; every shard gets at least one seed (n ≤
 * seeds), and the n shards together run every seed exactly once. Without a shard: all seeds.
 */
export function shardSeeds(firstSeed: number, seeds: number, shard?: CalibrationShard): number[] {
  assertInteger("shardSeeds", "firstSeed", firstSeed);
  assertInteger("shardSeeds", "seeds", seeds, 1);
  const count = shard?.count ?? 1;
  const index = shard?.index ?? 1;
  assertInteger("shardSeeds", "shard.count", count, 1);
  assertInteger("shardSeeds", "shard.index", index, 1);
  if (index > count) {
    throw new InvalidParameterError(
      "shardSeeds",
      "shard.index",
      `must be <= shard.count (${count})`,
      index,
    );
  }
  if (count > seeds) {
    throw new InvalidParameterError(
      "shardSeeds",
      "shard.count",
      `must be <= seeds (${seeds}): a shard would run no seed`,
      count,
    );
  }
  const out: number[] = [];
  for (let j = index - 1; j < seeds; j += count) out.push(firstSeed + j);
  return out;
}
