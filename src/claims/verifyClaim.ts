import { relative } from "node:path";
import { test } from "vitest";
import { describeEvidence, fmt } from "../verdict/index.ts";
import { calibrateClaim } from "./calibrate.ts";
import { type ClaimReport, checkClaim } from "./checkClaim.ts";
import type { Claim } from "./defineClaim.ts";
import { declaresTests, registerClaim } from "./registry.ts";
import { resolveRootSeed } from "./rootSeed.ts";
import type { CalibrationShard } from "./shardSeeds.ts";

/** JSON-safe copy: non-finite numbers become "Infinity" / "-Infinity" / "undefined" (NaN). */
export function jsonSafe(value: unknown): unknown {
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    return Number.isNaN(value) ? "undefined" : value > 0 ? "Infinity" : "-Infinity";
  }
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, jsonSafe);
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  }
  return value;
}

declare module "vitest" {
  interface TaskMeta {
    /** The claim's report: citation, scenarios, verdicts, counterexample (JSON-safe). */
    collapse?: unknown;
  }
}

/** A request to replay one counterexample: COLLAPSE_REPLAY=<claim-id>:<fc seed>:<path>. */
export function parseReplay(
  raw: string | undefined,
): { id: string; fcSeed: number; path: string } | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const m = /^([a-z0-9-]+):(-?\d+):([0-9:]*)$/.exec(raw.trim());
  if (m === null) {
    throw new Error(`COLLAPSE_REPLAY must be <claim-id>:<seed>:<path>, got ${JSON.stringify(raw)}`);
  }
  return { id: m[1], fcSeed: Number(m[2]), path: m[3] };
}

/**
 * Calibration mode, COLLAPSE_CALIBRATE=<seeds>[:<alpha>[:<scenarios>]] (alpha may be empty to
 * keep the claim's): each claim test runs its claim over that many root seeds (from COLLAPSE_SEED
 * on) instead of once, optionally with a different α or number of scenarios per run.
 */
export function parseCalibrate(
  raw: string | undefined,
): { seeds: number; alpha?: number; scenarios?: number } | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const m = /^(\d+)(?::([0-9.eE+-]*))?(?::(\d+))?$/.exec(raw.trim());
  const seeds = m ? Number(m[1]) : Number.NaN;
  const alpha = m?.[2] === undefined || m[2] === "" ? undefined : Number(m[2]);
  const scenarios = m?.[3] === undefined ? undefined : Number(m[3]);
  if (
    !m ||
    !(seeds >= 1) ||
    (alpha !== undefined && !(alpha > 0 && alpha < 0.5)) ||
    (scenarios !== undefined && !(scenarios >= 1))
  ) {
    throw new Error(
      `COLLAPSE_CALIBRATE must be <seeds>[:<alpha in (0, 0.5)>[:<scenarios >= 1>]], got ${JSON.stringify(raw)}`,
    );
  }
  return { seeds, alpha, scenarios };
}

/**
 * The shard of a calibration sweep, COLLAPSE_CALIBRATE_SHARD=<i>/<n> (1 ≤ i ≤ n): each claim
 * runs only the root seeds of shard i (see shardSeeds); undefined when unset or empty.
 */
export function parseCalibrateShard(raw: string | undefined): CalibrationShard | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || !(count >= 1) || !(index >= 1 && index <= count)) {
    throw new Error(
      `COLLAPSE_CALIBRATE_SHARD must be <i>/<n> with 1 <= i <= n, got ${JSON.stringify(raw)}`,
    );
  }
  return { index, count };
}

/** The shell command that replays a report's counterexample. */
export function replayCommand(report: ClaimReport, file: string): string {
  const c = report.counterexample;
  if (c === undefined) return "";
  return `COLLAPSE_REPLAY='${report.claim.id}:${c.fcSeed}:${c.path}' npx vitest run ${file} -t '${report.claim.id}'`;
}

/** The failure message: claim, refuting evidence and the replay command. */
export function failureMessage(report: ClaimReport, file: string): string {
  const c = report.counterexample;
  const lines = [
    `Claim ${report.claim.id} ${report.status.toUpperCase()}: ${report.claim.title}`,
    `  ${report.claim.citation.source}, ${report.claim.citation.where}`,
    `  Statement: ${report.claim.statement}`,
  ];
  if (c !== undefined) {
    // A strict claim fails on an inconclusive scenario too: that one is undecided, not evidence
    // against the claim (the reports word it the same way: failingScenarioLabel).
    const label =
      c.verdict.outcome === "inconclusive"
        ? "Undecided scenario (strict: inconclusive fails)"
        : "Counterexample";
    lines.push(
      `  ${label} (after ${c.shrinks} shrinks): ${c.scenario} with scenario seed ${c.seed}, ${c.verdict.replicates} replicates`,
      ...c.verdict.evidence
        .filter((e) => e.outcome !== "supported")
        .map((e) => `  ${describeEvidence(e)}`),
      `  Replay: ${replayCommand(report, file)}`,
    );
  }
  lines.push(`  Root seed ${report.rootSeed} (COLLAPSE_SEED), α = ${fmt(report.alpha)} per run`);
  return lines.join("\n");
}

/** Options of {@link verifyClaim}. */
export interface VerifyClaimOptions {
  /** Per-test time limit in ms. @defaultValue 300000 */
  timeout?: number;
  /**
   * `"refuted"` for a planted false claim (properties/negative/): the test passes only when the
   * claim is refuted with a counterexample, and fails, with the evidence, when it is not.
   * @defaultValue "supported"
   */
  expect?: "supported" | "refuted";
}

/**
 * Registers a vitest test that checks the claim (see checkClaim) at the run's root seed
 * (COLLAPSE_SEED), records its report in `task.meta.collapse`, and fails with the refuting
 * evidence and a replay command. COLLAPSE_REPLAY=<id>:<seed>:<path> replays one counterexample.
 * The report in the meta also records `expect` (what the test requires).
 *
 * The claim is also recorded in the process's claim registry (see registeredClaims). Outside a
 * vitest run (no `VITEST` in the environment), or while a loader has switched register-only
 * mode on, only that happens: the CLI imports property files this way to list and replay claims.
 */
export function verifyClaim<S>(claim: Claim<S>, options: VerifyClaimOptions = {}): void {
  const expected = options.expect ?? "supported";
  registerClaim(claim, expected);
  if (!declaresTests()) return;
  test(
    `${claim.id}${expected === "refuted" ? " (planted false claim, must be refuted)" : ""}: ${claim.title}`,
    ({ task }) => {
      const calibrate = parseCalibrate(process.env.COLLAPSE_CALIBRATE);
      if (calibrate !== undefined) {
        const shard = parseCalibrateShard(process.env.COLLAPSE_CALIBRATE_SHARD);
        const r = calibrateClaim(claim, { ...calibrate, firstSeed: resolveRootSeed(), shard });
        task.meta.collapse = jsonSafe({ calibration: r, expect: expected });
        if (shard !== undefined) {
          // One shard's seeds are too few to judge by: `collapse calibrate --merge` judges the
          // merged sweep.
          console.log(
            `[calibrate] ${claim.id}${expected === "refuted" ? " (planted false claim)" : ""}: ${r.failures}/${r.runs} runs failed in shard ${shard.index}/${shard.count}`,
          );
          return;
        }
        if (expected === "refuted") {
          // A planted false claim: what is measured is the power, and it must be refuted at
          // every seed.
          console.log(
            `[calibrate] ${claim.id} (planted false claim): refuted at ${r.refuted}/${r.runs} root seeds (${r.rootSeeds[0]}…${r.rootSeeds[1]})`,
          );
          if (r.refuted < r.runs) {
            throw new Error(
              `${claim.id}: a planted false claim was refuted at only ${r.refuted} of ${r.runs} root seeds`,
            );
          }
          return;
        }
        console.log(
          `[calibrate] ${claim.id}: ${r.failures}/${r.runs} runs failed (${r.refuted} refuted, ${r.inconclusive} inconclusive), rate ${fmt(r.rate)}, 95% CI [${fmt(r.interval[0])}, ${fmt(r.interval[1])}], nominal α ${fmt(r.alpha)}, root seeds ${r.rootSeeds[0]}…${r.rootSeeds[1]}`,
        );
        if (r.interval[0] > r.alpha) {
          throw new Error(
            `${claim.id}: observed failure rate ${fmt(r.rate)} (95% CI [${fmt(r.interval[0])}, ${fmt(r.interval[1])}]) is above the nominal α ${fmt(r.alpha)}`,
          );
        }
        return;
      }
      const replay = parseReplay(process.env.COLLAPSE_REPLAY);
      const report = checkClaim(claim, {
        rootSeed: resolveRootSeed(),
        ...(replay && replay.id === claim.id
          ? { replay: { fcSeed: replay.fcSeed, path: replay.path } }
          : {}),
      });
      task.meta.collapse = jsonSafe({ ...report, expect: expected });
      for (const w of report.warnings) console.warn(`[${claim.id}] ${w}`);
      const file = relative(process.cwd(), task.file?.filepath ?? "properties");
      if (expected === "refuted") {
        if (report.status !== "refuted") {
          throw new Error(
            `${claim.id}: a planted false claim was not refuted (status ${report.status}); scenarios: ${report.scenarios
              .map((s) => `${s.scenario} → ${s.verdict.outcome}`)
              .join("; ")}`,
          );
        }
        console.log(failureMessage(report, file));
        return;
      }
      if (report.status !== "supported") throw new Error(failureMessage(report, file));
    },
    // A calibration sweep runs the claim many times: no per-test time limit then.
    process.env.COLLAPSE_CALIBRATE ? 86_400_000 : (options.timeout ?? 300_000),
  );
}
