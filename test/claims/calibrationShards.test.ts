/**
 * Per-run calibration records and sharding (src/claims/calibrationRecord.ts, shardSeeds.ts,
 * calibrate.ts): the adjusted p-value is min p × scenarios × checks × looks capped at 1 over the
 * drawn scenarios, the shards of a sweep partition its seeds, and shards run in-process give
 * exactly the unsharded records.
 */
import { describe, expect, it } from "vitest";
import { calibrateClaim } from "../../src/claims/calibrate.ts";
import { calibrationRecord } from "../../src/claims/calibrationRecord.ts";
import type { ClaimReport, ScenarioRecord } from "../../src/claims/checkClaim.ts";
import { shardSeeds } from "../../src/claims/shardSeeds.ts";
import { parseCalibrateShard } from "../../src/claims/verifyClaim.ts";
import { InvalidParameterError } from "../../src/util/validate.ts";
import type { Evidence } from "../../src/verdict/index.ts";
import { plantedTailMeanHalves } from "./controls.ts";

function evidence(pValue: number): Evidence {
  return {
    rule: "mean-equals",
    claim: "E[x] = 0",
    test: "z-test",
    outcome: "supported",
    statistic: 0,
    pValue,
    estimate: 0,
    interval: [0, 0],
    replicates: 100,
    alpha: 1e-3,
    detectableEffect: 0,
  };
}

function scenario(pValues: number[], replicates: number): ScenarioRecord {
  return {
    scenario: "{}",
    setting: {},
    seed: 0,
    verdict: {
      outcome: "supported",
      evidence: pValues.map(evidence),
      replicates,
      looks: 1,
      alphaPerTest: 1e-3,
    },
  };
}

function report(scenarios: ScenarioRecord[], counterexample?: ScenarioRecord): ClaimReport {
  return {
    claim: {
      id: "x",
      title: "x",
      citation: { source: "s", where: "w" },
      statement: "s",
      kind: "in-expectation",
      assumptions: [],
    },
    rootSeed: 7,
    dataSources: [],
    fcSeed: 1,
    alpha: 0.05,
    strict: false,
    status: "supported",
    scenarios,
    ...(counterexample
      ? { counterexample: { ...counterexample, fcSeed: 1, path: "0", shrinks: 3 } }
      : {}),
    warnings: [],
    durationMs: 12.5,
  };
}

describe("calibrationRecord", () => {
  it("adjusts the smallest p-value by scenarios × checks × looks and caps it at 1", () => {
    // Budget 100 → 800 replicates: looks at 100, 200, 400, 800 (4). 5 scenarios, 2 checks: the
    // divisor is 5 × 2 × 4 = 40.
    const r = calibrationRecord(
      report([scenario([0.3, 0.002], 100), scenario([0.01, 0.5], 800)]),
      { replicates: 100, maxReplicates: 800 },
      5,
    );
    expect(r).toEqual({
      rootSeed: 7,
      status: "supported",
      minPValue: 0.002,
      adjustedPValue: 0.002 * 40,
      scenarios: 2,
      replicates: 900,
      wallMs: 12.5,
    });
    const capped = calibrationRecord(
      report([scenario([0.2, 0.9], 100)]),
      { replicates: 100, maxReplicates: 100 },
      10,
    );
    expect(capped.adjustedPValue).toBe(1);
    expect(capped.minPValue).toBe(0.2);
  });

  it("ignores the shrunk counterexample (searched for, not drawn) and non-finite p-values", () => {
    const r = calibrationRecord(
      report([scenario([Number.NaN, 0.4], 100)], scenario([1e-9], 100)),
      { replicates: 100, maxReplicates: 100 },
      1,
    );
    // One check's divisor: 1 scenario × 2 checks × 1 look.
    expect(r.minPValue).toBe(0.4);
    expect(r.adjustedPValue).toBe(0.8);
  });

  it("has no smallest p-value, and adjusted p-value 1, when no scenario was decided", () => {
    const r = calibrationRecord(report([]), { replicates: 100, maxReplicates: 100 }, 3);
    expect(r.minPValue).toBeNull();
    expect(r.adjustedPValue).toBe(1);
  });
});

describe("shardSeeds", () => {
  it("the n shards partition the sweep's seeds, interleaved, each non-empty", () => {
    for (const [first, seeds, count] of [
      [1, 200, 2],
      [0, 7, 3],
      [5, 4, 4],
      [10, 1, 1],
    ]) {
      const shards = Array.from({ length: count }, (_, i) =>
        shardSeeds(first, seeds, { index: i + 1, count }),
      );
      const all = shards.flat().sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: seeds }, (_, j) => first + j));
      shards.forEach((s, i) => {
        expect(s.length).toBeGreaterThan(0);
        for (const seed of s) expect((seed - first) % count).toBe(i);
      });
    }
    expect(shardSeeds(3, 4)).toEqual([3, 4, 5, 6]);
  });

  it("refuses a shard outside 1…n and more shards than seeds, naming the parameter", () => {
    expect(() => shardSeeds(1, 10, { index: 3, count: 2 })).toThrow(InvalidParameterError);
    expect(() => shardSeeds(1, 10, { index: 3, count: 2 })).toThrow(
      /shard.index must be <= shard.count \(2\), got 3/,
    );
    expect(() => shardSeeds(1, 10, { index: 0, count: 2 })).toThrow(/shard.index/);
    expect(() => shardSeeds(1, 2, { index: 1, count: 3 })).toThrow(
      /shard.count must be <= seeds \(2\)/,
    );
  });

  it("COLLAPSE_CALIBRATE_SHARD is i/n with 1 <= i <= n", () => {
    expect(parseCalibrateShard(undefined)).toBeUndefined();
    expect(parseCalibrateShard(" 2/3 ")).toEqual({ index: 2, count: 3 });
    for (const bad of ["0/2", "3/2", "1/0", "a/b", "1-2"]) {
      expect(() => parseCalibrateShard(bad), bad).toThrow(
        /COLLAPSE_CALIBRATE_SHARD must be <i>\/<n>/,
      );
    }
  });
});

describe("calibrateClaim with shards", () => {
  it("two shards run exactly the unsharded sweep's records (wall times aside)", () => {
    const whole = calibrateClaim(plantedTailMeanHalves, { seeds: 3, firstSeed: 3 });
    const parts = [1, 2].map((index) =>
      calibrateClaim(plantedTailMeanHalves, { seeds: 3, firstSeed: 3, shard: { index, count: 2 } }),
    );
    expect(parts.map((p) => p.records.map((r) => r.rootSeed))).toEqual([[3, 5], [4]]);
    const strip = (records: readonly { wallMs: number }[]) =>
      records.map(({ wallMs: _wallMs, ...rest }) => rest);
    const merged = parts.flatMap((p) => p.records).sort((a, b) => a.rootSeed - b.rootSeed);
    expect(strip(merged)).toEqual(strip(whole.records));
    expect(whole.records.map((r) => r.status)).toEqual(Array(3).fill("refuted"));
    expect(whole.refuted).toBe(3);
    expect(whole.scenariosPerRun).toBe(plantedTailMeanHalves.budget.scenarios);
    expect(parts[1].shard).toEqual({ index: 2, count: 2 });
    expect(parts[1].rootSeeds).toEqual([4, 4]);
  });
});
