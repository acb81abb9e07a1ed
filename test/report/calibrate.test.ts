/**
 * `collapse calibrate` at scale, through the real CLI on the tiny claims folder (one true, one
 * planted false claim): two shards merged equal the unsharded run record for record, and so do
 * shards of several counts that partition the seeds (a resumed sweep); the merge
 * refuses shards that are not exactly one sweep's with named errors; calibration.json has the
 * documented fields; --shard is validated like every option (exit 2).
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InvalidArgumentError } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shardOption } from "../../src/cli/options.ts";
import {
  CALIBRATION_SCHEMA,
  type CalibrationReport,
  validateCalibrationReport,
} from "../../src/report/contract/calibrationSchema.ts";
import {
  DuplicateSeedError,
  ForeignFilesError,
  MissingShardError,
  ShardMismatchError,
} from "../../src/report/contract/errors.ts";
import { writeCalibrationReport } from "../../src/report/render/calibrationHtml.ts";
import { mergeShards, readShardFolder } from "../../src/report/run/calibrationMerge.ts";
import { shardFileName } from "../../src/report/run/calibrationRun.ts";
import { runCliInProcess } from "../cli/runInProcess.ts";
import { collapse, type Ran, tinyClaims } from "./fixtures.ts";

const work = mkdtempSync(join(tmpdir(), "collapse-calibrate-"));
const claims = tinyClaims("calibrate");
// One worker per run: the files are tiny, and a second fork would cost more than it saves.
const SEEDS = [
  "--seeds",
  "3",
  "--first-seed",
  "11",
  "--alpha",
  "0.05",
  "--scenarios",
  "2",
  "--workers",
  "1",
];
const runs: { full?: Ran; shards: Ran[]; merge?: Ran } = { shards: [] };

function readJson(file: string): CalibrationReport {
  return JSON.parse(readFileSync(file, "utf8")) as CalibrationReport;
}

/** A record without its wall time (the only field a rerun may change). */
function records(report: CalibrationReport) {
  return report.claims.map((c) => ({
    id: c.id,
    records: c.records.map(({ wallMs: _wallMs, ...rest }) => rest),
  }));
}

beforeAll(() => {
  runs.full = collapse(["calibrate", claims.dir, ...SEEDS, "--out", join(work, "full")]);
  for (const shard of ["1/2", "2/2"]) {
    runs.shards.push(
      collapse(["calibrate", claims.dir, ...SEEDS, "--shard", shard, "--out", join(work, "sweep")]),
    );
  }
  runs.merge = collapse(["calibrate", "--merge", join(work, "sweep")]);
}, 180_000);

afterAll(() => {
  claims.cleanup();
  rmSync(work, { recursive: true, force: true });
});

describe("collapse calibrate --shard and --merge", () => {
  it("two shards merged equal the unsharded run, record for record", () => {
    const full = runs.full as Ran;
    expect(full.code, full.stdout + full.stderr).toBe(0);
    // Without a terminal (a background run), each finished claim is one line on stderr.
    expect(full.stderr).toMatch(
      /^collapse calibrate: 1 claim done, \d+ s: .+: \d+\/3 runs failed$/m,
    );
    expect(full.stderr).toMatch(/^collapse calibrate: 2 claims done, /m);
    for (const [i, r] of runs.shards.entries()) {
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stderr).toMatch(
        new RegExp(`^collapse calibrate shard ${i + 1}/2: 2 claims done, `, "m"),
      );
      expect(r.stdout).toContain(
        `shard ${i + 1}/2: 2 claims × ${i === 0 ? "2 root seeds" : "1 root seed"} in`,
      );
    }
    const merge = runs.merge as Ran;
    expect(merge.code, merge.stdout + merge.stderr).toBe(0);
    const a = readJson(join(work, "full", "calibration.json"));
    const b = readJson(join(work, "sweep", "report", "calibration.json"));
    expect(records(b)).toEqual(records(a));
    expect(a.claims.map((c) => c.records.map((r) => r.rootSeed))).toEqual([
      [11, 12, 13],
      [11, 12, 13],
    ]);
    // Everything but the shards' timing and machines is the same.
    const judged = (r: CalibrationReport) => r.claims.map(({ records: _r, ...rest }) => rest);
    expect(judged(b)).toEqual(judged(a));
    expect({ ...b.settings, shards: 1 }).toEqual(a.settings);
    expect(b.shards.map((s) => [s.index, s.count, s.seeds])).toEqual([
      [1, 2, 2],
      [2, 2, 1],
    ]);
    expect(b.wallMs.sum).toBeCloseTo(b.shards[0].wallMs + b.shards[1].wallMs, 6);
    expect(b.wallMs.max).toBe(Math.max(b.shards[0].wallMs, b.shards[1].wallMs));
    // The table on stdout: one line per claim.
    expect(merge.stdout).toMatch(/tiny-heterozygosity +true +3 /);
    expect(merge.stdout).toMatch(/tiny-planted-decay +planted false +3 .* planted claim refuted/);
  });

  it("calibration.json has the documented fields; calibration.html holds the ECDF chart", () => {
    const file = join(work, "sweep", "report", "calibration.json");
    const report = validateCalibrationReport(JSON.parse(readFileSync(file, "utf8")), file);
    expect(report.schema).toBe(CALIBRATION_SCHEMA);
    expect(report.settings).toMatchObject({
      seeds: 3,
      firstSeed: 11,
      alpha: 0.05,
      scenarios: 2,
      shards: 2,
      testName: null,
    });
    expect(report.settings.files).toEqual([
      `${claims.dir}/tiny-false.test.ts`,
      `${claims.dir}/tiny-true.test.ts`,
    ]);
    for (const s of report.shards) {
      expect(s.environment.node).toBe(process.version);
      expect(s.environment.cores).toBeGreaterThan(0);
    }
    const [trueClaim, planted] = report.claims;
    expect(trueClaim).toMatchObject({
      id: "tiny-heterozygosity",
      expected: "true",
      measures: "false-alarm rate",
      alpha: 0.05,
      scenariosPerRun: 2,
      runs: 3,
    });
    expect(["calibrated", "over nominal α"]).toContain(trueClaim.verdict);
    expect(planted).toMatchObject({ expected: "planted false", measures: "power" });
    for (const c of report.claims) {
      expect(c.failures).toBe(c.refuted + c.inconclusive);
      expect(c.interval[0]).toBeLessThanOrEqual(c.rate);
      expect(c.interval[1]).toBeGreaterThanOrEqual(c.rate);
      for (const r of c.records) {
        expect(r.adjustedPValue).toBeGreaterThanOrEqual(r.minPValue ?? 1);
        expect(r.scenarios).toBeGreaterThan(0);
      }
    }
    const html = readFileSync(join(work, "sweep", "report", "calibration.html"), "utf8");
    expect(html).toContain("<svg");
    // The chart's facet header names the true claim (and only it: a planted claim has no ECDF).
    expect(html).toMatch(/<text[^>]*>tiny-heterozygosity<\/text>/);
    expect(html).not.toMatch(/<text[^>]*>tiny-planted-decay<\/text>/);
    expect(trueClaim.ecdf?.dkw95).toBeCloseTo(Math.sqrt(Math.log(20) / 6), 12);
    expect(planted.ecdf).toBeNull();
  });

  it("refuses a merge with a shard missing (MissingShardError, exit 2)", async () => {
    const folder = join(work, "missing");
    cpSync(join(work, "sweep", shardFileName(1, 2)), join(folder, shardFileName(1, 2)));
    expect(() => mergeShards(readShardFolder(folder))).toThrow(MissingShardError);
    const r = await runCliInProcess(["calibrate", "--merge", folder]);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toContain("collapse: MissingShardError: shard 2 of 2 missing (have 1)");
    // Nothing is written for a refused merge.
    expect(existsSync(join(folder, "report"))).toBe(false);
    expect(() => readShardFolder(join(work, "nowhere"))).toThrow(MissingShardError);
  });

  it("refuses shards of different settings, claims or seeds with named errors", () => {
    type Shard = {
      settings: Record<string, unknown>;
      claims: { records: { rootSeed: number }[] }[];
    };
    const edit = (name: string, change: (shard: Shard) => void) => {
      const folder = join(work, name);
      for (const i of [1, 2]) {
        cpSync(join(work, "sweep", shardFileName(i, 2)), join(folder, shardFileName(i, 2)));
      }
      const file = join(folder, shardFileName(2, 2));
      const shard = JSON.parse(readFileSync(file, "utf8")) as Shard;
      change(shard);
      writeFileSync(file, JSON.stringify(shard));
      return () => mergeShards(readShardFolder(folder));
    };
    const alpha = edit("alpha", (s) => {
      s.settings.alpha = 0.01;
    });
    expect(alpha).toThrow(ShardMismatchError);
    expect(alpha).toThrow(/settings\.alpha is 0\.01 in one and 0\.05 in the other/);
    expect(
      edit("first", (s) => {
        s.settings.firstSeed = 12;
      }),
    ).toThrow(/settings\.firstSeed/);
    expect(
      edit("claims", (s) => {
        s.claims.pop();
      }),
    ).toThrow(/ran different claims/);
    expect(
      edit("seed", (s) => {
        s.claims[0].records[0].rootSeed = 11;
      }),
    ).toThrow(DuplicateSeedError);
    expect(
      edit("count", (s) => {
        s.settings.shards = 3;
      }),
    ).toThrow(/shard count 2 differs/);
  });
});

describe("a sweep resumed with finer shards", () => {
  type Shard = {
    settings: { shards: number };
    shard: { index: number; count: number; rootSeeds: number[] };
    claims: { records: { rootSeed: number }[] }[];
  };
  /** Shard i/n cut out of the merged sweep's shard 1/2 (seeds 11 and 13), as if run on its own. */
  const cut = (folder: string, index: number, count: number, seeds: number[]) => {
    const shard = JSON.parse(
      readFileSync(join(work, "sweep", shardFileName(1, 2)), "utf8"),
    ) as Shard;
    shard.settings.shards = count;
    shard.shard = { ...shard.shard, index, count, rootSeeds: seeds };
    for (const c of shard.claims) c.records = c.records.filter((r) => seeds.includes(r.rootSeed));
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, shardFileName(index, count)), JSON.stringify(shard));
  };

  it("merges shards of several counts that run every seed once into the unsharded run's records", () => {
    // Shard 2/2 (seed 12) ran; 1/2 was cut, and its seeds 11 and 13 rerun as shards 1/3 and 3/3.
    const folder = join(work, "resumed");
    cpSync(join(work, "sweep", shardFileName(2, 2)), join(folder, shardFileName(2, 2)));
    cut(folder, 1, 3, [11]);
    cut(folder, 3, 3, [13]);
    const merged = mergeShards(readShardFolder(folder));
    const full = readJson(join(work, "full", "calibration.json"));
    expect(records(merged)).toEqual(records(full));
    expect(merged.shards.map((s) => [s.index, s.count, s.seeds])).toEqual([
      [2, 2, 1],
      [1, 3, 1],
      [3, 3, 1],
    ]);
    expect(merged.settings.shards).toBe(3);
    expect({ ...merged.settings, shards: 1 }).toEqual(full.settings);
  });

  it("names the seeds no shard ran and the shards that would run them", () => {
    const folder = join(work, "resumed-missing");
    cpSync(join(work, "sweep", shardFileName(2, 2)), join(folder, shardFileName(2, 2)));
    cut(folder, 1, 3, [11]);
    const merge = () => mergeShards(readShardFolder(folder));
    expect(merge).toThrow(MissingShardError);
    expect(merge).toThrow(
      "root seeds 13 (1 seed) of the sweep were run by none of its shards (2/2, 1/3): run collapse calibrate --shard 3/3 with the same options",
    );
  });

  it("refuses shards of several counts that run a seed twice", () => {
    const folder = join(work, "resumed-twice");
    for (const i of [1, 2]) {
      cpSync(join(work, "sweep", shardFileName(i, 2)), join(folder, shardFileName(i, 2)));
    }
    cut(folder, 3, 3, [13]);
    const merge = () => mergeShards(readShardFolder(folder));
    expect(merge).toThrow(ShardMismatchError);
    expect(merge).toThrow(
      `${shardFileName(1, 2)} and ${shardFileName(3, 3)} both ran root seed 13: the shards of one sweep run disjoint seeds`,
    );
  });
});

describe("the calibration folder", () => {
  it("is replaced whole, and a folder holding other files is refused (ForeignFilesError)", async () => {
    const report = mergeShards(readShardFolder(join(work, "sweep")));
    const folder = join(work, "replaced");
    mkdirSync(folder);
    writeFileSync(join(folder, "calibration.json"), "old");
    await writeCalibrationReport(folder, report);
    expect(validateCalibrationReport(readJson(join(folder, "calibration.json")), folder)).toEqual(
      report,
    );
    expect(readdirSync(folder).sort()).toEqual(["calibration.html", "calibration.json"]);
    writeFileSync(join(folder, "notes.txt"), "mine");
    await expect(writeCalibrationReport(folder, report)).rejects.toThrow(ForeignFilesError);
    expect(readFileSync(join(folder, "notes.txt"), "utf8")).toBe("mine");
  });
});

describe("collapse calibrate option checks", () => {
  // Usage errors are refused before any claim runs: in process (a spawned CLI costs ≈ 1.5 s).
  const usage = async (args: string[], pattern: RegExp) => {
    const r = await runCliInProcess(["calibrate", ...args]);
    expect(r.escaped).toBeUndefined();
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^collapse: UsageError: /);
    expect(r.stderr).toMatch(pattern);
  };

  it("--shard must be i/n with 1 <= i <= n (parsed as the option is)", () => {
    expect(shardOption(" 2/3 ")).toEqual({ index: 2, count: 3 });
    for (const bad of ["0/2", "3/2", "1/0", "x", "1/2/3", "-1/2", "1.5/2"]) {
      expect(() => shardOption(bad), bad).toThrow(InvalidArgumentError);
      expect(() => shardOption(bad), bad).toThrow(
        `--shard must be i/n with integers 1 <= i <= n (shard i of n), got ${JSON.stringify(bad)}`,
      );
    }
  });

  it("a bad --shard, --shard without --out or with more shards than seeds, --merge with run options: exit 2", async () => {
    await usage(
      ["--shard", "3/2", "--out", work],
      /--shard must be i\/n with integers 1 <= i <= n/,
    );
    await usage(["--shard", "1/2"], /--shard needs --out <folder>/);
    await usage(["--shard", "3/3", "--seeds", "2", "--out", work], /more shards than root seeds/);
    await usage(
      ["--merge", work, "--shard", "1/2"],
      /--merge.* cannot be used with option '--shard/,
    );
  });
});
