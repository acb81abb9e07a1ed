/**
 * Running one shard of a calibration sweep: vitest runs the claim files in calibration mode
 * (COLLAPSE_CALIBRATE, COLLAPSE_SEED, COLLAPSE_CALIBRATE_SHARD), each claim test stores its
 * CalibrationResult in `task.meta.collapse` (see verifyClaim), and the CollapseReporter brings
 * the metas back to this process — the same path `collapse verify` gets its reports by. The
 * shard file is written atomically into the sweep's folder.
 */
import { readFileSync } from "node:fs";
import { arch, cpus, hostname, platform } from "node:os";
import { join } from "node:path";
import { shardSeeds } from "../../claims/shardSeeds.ts";
import {
  CALIBRATION_VERSION,
  type CalibrationSettings,
  SHARD_SCHEMA,
  type ShardClaim,
  type ShardFile,
  ShardFileSchema,
} from "../contract/calibrationSchema.ts";
import { MalformedShardError } from "../contract/errors.ts";
import type { CollectedRun } from "../vitest/reporter.ts";
import { HARNESS_ROOT } from "./loader.ts";
import { runClaims } from "./run.ts";
import { writeFileAtomic } from "./write.ts";

/** The shard file's name in the sweep's folder. */
export function shardFileName(index: number, count: number): string {
  return `calibration-shard-${index}-of-${count}.json`;
}

/** The collapse-harness version (its package.json). */
export function harnessVersion(): string {
  const pkg = JSON.parse(readFileSync(join(HARNESS_ROOT, "package.json"), "utf8"));
  return String(pkg.version);
}

/** The machine this process runs on, as a shard records it. */
export function shardEnvironment(): ShardFile["shard"]["environment"] {
  const list = cpus();
  return {
    node: process.version,
    harnessVersion: harnessVersion(),
    cores: list.length,
    hostname: hostname(),
    platform: platform(),
    arch: arch(),
    cpu: list.length > 0 ? list[0].model.trim() : "unknown",
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * The shard file of a collected calibration run: one entry per claim test that stored a
 * calibration (sorted by claim id), and an error for every test that stored none (it threw
 * before: a simulation error, a bad claim) and every file that failed to load. Throws
 * MalformedShardError if a stored calibration does not have the records this harness writes.
 */
export function shardFromCollected(
  run: CollectedRun,
  settings: CalibrationSettings,
  shard: Omit<ShardFile["shard"], "rootSeeds">,
): ShardFile {
  const claims: ShardClaim[] = [];
  const errors: ShardFile["errors"] = [];
  for (const t of run.tests) {
    if (t.state === "skipped" || t.state === "pending") continue;
    const meta = t.meta;
    const c = isObject(meta) && isObject(meta.calibration) ? meta.calibration : undefined;
    if (c === undefined) {
      errors.push({
        file: t.file,
        test: t.name,
        message: t.errors.join("\n") || "the test stored no calibration (not a claim test?)",
      });
      continue;
    }
    claims.push({
      id: String(c.claim),
      file: t.file,
      expect: isObject(meta) && meta.expect === "refuted" ? "refuted" : "supported",
      alpha: Number(c.alpha),
      scenariosPerRun: Number(c.scenariosPerRun),
      records: c.records as ShardClaim["records"],
    });
  }
  for (const e of run.moduleErrors) errors.push({ file: e.file, test: null, message: e.message });
  for (const m of run.unhandledErrors) errors.push({ file: "(run)", test: null, message: m });
  claims.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const file = {
    schema: SHARD_SCHEMA,
    version: CALIBRATION_VERSION,
    settings,
    shard: {
      ...shard,
      rootSeeds: shardSeeds(settings.firstSeed, settings.seeds, {
        index: shard.index,
        count: shard.count,
      }),
    },
    claims,
    errors,
  };
  const r = ShardFileSchema.safeParse(file);
  if (!r.success) {
    throw new MalformedShardError(
      shardFileName(shard.index, shard.count),
      `the collected calibration does not fit the shard schema: ${r.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join(".")}: ${i.message}`)
        .join("; ")}`,
    );
  }
  return r.data;
}

/** Options of {@link runCalibrationShard}. */
export interface CalibrationShardOptions {
  /** The vitest root (the project's, or the harness's for the bundled suite). */
  readonly root: string;
  /** The sweep's settings (files relative to root). */
  readonly settings: CalibrationSettings;
  /** This shard (1 of 1 for an unsharded run). */
  readonly index: number;
  readonly workers?: number;
  readonly progress: boolean;
  /** Called as each claim test ends (every seed of this shard run), with its calibration. */
  readonly onClaimEnd?: (test: { name: string; state: string; meta: unknown }) => void;
}

/** Runs one shard of a sweep under vitest and returns its shard file (not yet written). */
export async function runCalibrationShard(o: CalibrationShardOptions): Promise<ShardFile> {
  const s = o.settings;
  const startedAt = new Date();
  const started = performance.now();
  const env = {
    COLLAPSE_CALIBRATE: `${s.seeds}:${s.alpha ?? ""}:${s.scenarios ?? ""}`.replace(/:+$/, ""),
    COLLAPSE_SEED: String(s.firstSeed),
    COLLAPSE_CALIBRATE_SHARD: `${o.index}/${s.shards}`,
  };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  // A calibration is never a replay of one counterexample.
  const replay = process.env.COLLAPSE_REPLAY;
  delete process.env.COLLAPSE_REPLAY;
  let run: CollectedRun;
  try {
    run = await runClaims(
      { files: s.files, claims: [] },
      {
        root: o.root,
        workers: o.workers,
        progress: o.progress,
        ...(s.testName === null ? {} : { testName: s.testName }),
        ...(o.onClaimEnd === undefined ? {} : { onTestEnd: o.onClaimEnd }),
      },
    );
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    if (replay !== undefined) process.env.COLLAPSE_REPLAY = replay;
  }
  const finishedAt = new Date();
  return shardFromCollected(run, s, {
    index: o.index,
    count: s.shards,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    wallMs: performance.now() - started,
    environment: shardEnvironment(),
  });
}

/** Writes a shard file into the sweep's folder (atomically); returns its path. */
export function writeShardFile(folder: string, shard: ShardFile): string {
  const file = join(folder, shardFileName(shard.shard.index, shard.shard.count));
  writeFileAtomic(file, `${JSON.stringify(shard, null, 2)}\n`);
  return file;
}
