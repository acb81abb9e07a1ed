import { createHash } from "node:crypto";
import fc from "fast-check";
import type { z } from "zod";
import { deriveSeed } from "../rng/index.ts";
import { collectDataSources } from "../truths/dataSources.ts";
import { cpuMilliseconds } from "../util/cpuClock.ts";
import { InvalidParameterError } from "../util/validate.ts";
import type { DeepReadonly } from "../verdict/contract.ts";
import {
  type Check,
  checkObservations,
  describeEvidence,
  evaluateScenarioWithData,
  type Observations,
  type Outcome,
} from "../verdict/index.ts";
import type { ClaimReportSchema, CounterexampleSchema, ScenarioRecordSchema } from "./contract.ts";
import { type Claim, ClaimDefinitionError, type ClaimScenario } from "./defineClaim.ts";
import { DEFAULT_ROOT_SEED } from "./rootSeed.ts";

/**
 * One evaluated scenario: the setting, its simulation seed and its verdict. Fields:
 * `scenarioFields` (contract.ts).
 */
export type ScenarioRecord = DeepReadonly<z.infer<typeof ScenarioRecordSchema>>;

/** A shrunk, replayable counterexample: its scenario and the fast-check seed and path replaying it. */
export type Counterexample = DeepReadonly<z.infer<typeof CounterexampleSchema>>;

/** The outcome of checking one claim in one run. Fields: `claimReportFields` (contract.ts). */
export type ClaimReport = DeepReadonly<z.infer<typeof ClaimReportSchema>>;

/** Options of {@link checkClaim}. */
export interface CheckClaimOptions {
  /** Root seed of the run. @defaultValue DEFAULT_ROOT_SEED */
  readonly rootSeed?: number;
  /** Replays one counterexample: fast-check's seed and path. */
  readonly replay?: { readonly fcSeed: number; readonly path: string };
  /** Overrides the claim's α (e.g. a high α to measure false-alarm rates). */
  readonly alpha?: number;
  /** Overrides the number of scenarios. */
  readonly scenarios?: number;
  /**
   * Stop at the first refuted scenario instead of shrinking it. The run's status is the same
   * (once a scenario is refuted, shrinking only looks for a smaller refuted one), but the
   * counterexample is the one found, not a minimal one: for calibration sweeps, which record
   * verdicts, not counterexamples. An inconclusive first failure (strict mode) is still shrunk,
   * since shrinking may meet a refuted scenario and change the status. @defaultValue false
   */
  readonly stopAtRefutation?: boolean;
}

/** fast-check's 32-bit seed for a claim under a root seed: hash of derive(root, "fast-check", id). */
export function fastCheckSeed(rootSeed: number, claimId: string): number {
  const hex = createHash("sha256")
    .update(deriveSeed(rootSeed, "fast-check", claimId))
    .digest("hex");
  return Number.parseInt(hex.slice(0, 8), 16) | 0;
}

/**
 * The simulate contract: every observation a (non-`sure`) check reads holds one value per
 * replicate of the range asked for — otherwise every test's n would be wrong.
 */
function checkObservationLengths(
  id: string,
  checks: readonly Check[],
  observed: Observations,
  first: number,
  count: number,
  setting: unknown,
): void {
  if (typeof observed !== "object" || observed === null) {
    throw new ClaimDefinitionError(
      id,
      `simulate must return an object of observations, got ${String(observed)}`,
    );
  }
  for (const check of checks) {
    if (check.rule === "sure") continue;
    for (const name of checkObservations(check)) {
      const values = observed[name];
      if (values === undefined) {
        throw new ClaimDefinitionError(
          id,
          `simulate returned no observation "${name}" (a ${check.rule} check reads it; returned: ${Object.keys(observed).join(", ") || "none"}) for ${fc.stringify(setting)}`,
        );
      }
      if (values.length !== count) {
        throw new ClaimDefinitionError(
          id,
          `observation "${name}" must hold one value per replicate: replicates ${first}…${first + count - 1} (${count}) were asked for, ${values.length} values returned, for ${fc.stringify(setting)}`,
        );
      }
    }
  }
}

/**
 * Runs fast-check; a replay path that names no scenario of this claim at this seed (fast-check:
 * "Unable to replay, got wrong path") becomes a named error instead of a crash.
 */
function replayable<T>(
  id: string,
  replay: { readonly fcSeed: number; readonly path: string } | undefined,
  run: () => T,
): T {
  try {
    return run();
  } catch (e) {
    if (replay !== undefined && /Unable to replay/.test(String((e as Error)?.message))) {
      throw new InvalidParameterError(
        "replay",
        "path",
        `names no scenario of claim ${id} at fast-check seed ${replay.fcSeed} (take the seed and path from the claim's failure message or report)`,
        replay.path,
      );
    }
    throw e;
  }
}

function plain(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    return fc.stringify(value);
  }
}

/**
 * A setting as text: JSON when it is plain data (fast-check's own printing shows the null
 * prototype of its records as `__proto__:null`, which is not JSON), else as fast-check prints it.
 */
function settingString(value: unknown): string {
  try {
    const json = JSON.stringify(value);
    if (
      json !== undefined &&
      fc.stringify(JSON.parse(json)) === fc.stringify(plainObjects(value))
    ) {
      return json;
    }
  } catch {
    // Not JSON (a bigint, a cycle): fast-check's printing below.
  }
  return fc.stringify(value);
}

/** The value with null-prototype objects given Object's prototype (what JSON gives back). */
function plainObjects(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainObjects);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainObjects(v)]));
  }
  return value;
}

/**
 * Checks a claim as a fast-check property: each random scenario (setting + seed) is simulated
 * and decided (see evaluateScenario) at α/scenarios; the property fails on a refuted scenario,
 * or on an inconclusive one in strict mode, and fast-check shrinks it to a minimal failing
 * setting. Once a scenario is refuted, only refuted scenarios count as failures, so the
 * counterexample reported for a refutation is always refuted (and replays as refuted).
 * Deterministic given the root seed (or the replay seed and path).
 */
export function checkClaim<S>(claim: Claim<S>, options: CheckClaimOptions = {}): ClaimReport {
  const started = performance.now();
  const rootSeed = options.rootSeed ?? DEFAULT_ROOT_SEED;
  const alpha = options.alpha ?? claim.budget.alpha;
  const numRuns = options.scenarios ?? claim.budget.scenarios;
  const strict = claim.budget.strict;
  const fcSeed = options.replay?.fcSeed ?? fastCheckSeed(rootSeed, claim.id);
  const alphaScenario = alpha / numRuns;
  // noBias: fast-check's default bias toward small integers would hand many scenarios (and
  // runs) the same seed; the simulation seed also mixes in the run's fast-check seed so runs
  // under different root seeds never share streams.
  const arbitrary = fc.record({ setting: claim.scenario, seed: fc.noBias(fc.nat()) });
  const evaluated: ScenarioRecord[] = [];
  const forTables: ClaimScenario<S>[] = [];
  const warnings: string[] = [];
  const dataSources = new Set<string>();
  let failures = 0;
  let runsBeforeFailure = 0;

  const evaluate = (
    value: { setting: S; seed: number },
    deadline?: number,
  ): { record: ScenarioRecord; checks: readonly Check[]; observations: Observations } => {
    const checks = claim.checks(value.setting);
    const seed = deriveSeed(value.seed, "claim", claim.id, "fast-check", fcSeed >>> 0);
    const { verdict, observations } = evaluateScenarioWithData(
      checks,
      (first, count) => {
        const observed = collectDataSources(dataSources, () =>
          claim.simulate(value.setting, { seed, first, count }),
        );
        checkObservationLengths(claim.id, checks, observed, first, count, value.setting);
        return observed;
      },
      {
        alpha: alphaScenario,
        replicates: claim.budget.replicates,
        maxReplicates: claim.budget.maxReplicates,
        ...(deadline === undefined ? {} : { deadline }),
      },
    );
    const record: ScenarioRecord = {
      scenario: settingString(value.setting),
      setting: plain(value.setting),
      seed: value.seed,
      verdict,
    };
    return { record, checks, observations };
  };

  // What counts as a counterexample. A refuted scenario always does; in strict mode an
  // inconclusive one does too, but only until a refuted one is met: from then on (shrinking
  // included) inconclusive scenarios are "not a counterexample", so shrinking can never trade a
  // refutation for a smaller setting where the test merely ran out of replicates.
  let worst: "none" | "inconclusive" | "refuted" = "none";
  // Budgets: once one is spent, nothing more is simulated — every remaining scenario or shrink
  // candidate passes unevaluated, so fast-check ends at once with what it has.
  // The budget counts CPU time, not wall time: a loaded or paused machine must not end a run
  // that would have finished alone (a calibration sweep runs beside other work).
  const deadline = cpuMilliseconds() + claim.budget.timeLimitMs;
  let endedBy: "time" | "shrinks" | undefined;
  // The record of every evaluated value, so the counterexample is reported as it was decided
  // (re-running it could differ if the deadline cut its looks short).
  const records = new WeakMap<object, ScenarioRecord>();
  let shrinkSteps = 0;
  const property = fc.property(arbitrary, (value) => {
    if (endedBy !== undefined) return true;
    // Every later candidate passes unevaluated: fast-check keeps the refuted value it has.
    if (options.stopAtRefutation && worst === "refuted") return true;
    if (failures > 0 && !options.replay) {
      if (shrinkSteps >= claim.budget.maxShrinks) {
        endedBy = "shrinks";
        return true;
      }
      shrinkSteps++;
    }
    if (!options.replay && cpuMilliseconds() > deadline) {
      endedBy = "time";
      return true;
    }
    const { record, checks, observations } = evaluate(value, options.replay ? undefined : deadline);
    records.set(value, record);
    if (failures === 0) {
      evaluated.push(record);
      if (claim.tables) {
        forTables.push({ setting: value.setting, checks, verdict: record.verdict, observations });
      }
      runsBeforeFailure++;
    }
    const outcome = record.verdict.outcome;
    if (outcome === "inconclusive" && !strict && failures === 0) {
      warnings.push(
        `inconclusive at the cap (${record.verdict.replicates} replicates): ${record.scenario}; ${record.verdict.evidence
          .filter((e) => e.outcome === "inconclusive")
          .map(describeEvidence)
          .join("; ")}`,
      );
    }
    let ok: boolean;
    if (outcome === "supported") ok = true;
    else if (outcome === "refuted") {
      worst = "refuted";
      ok = false;
    } else if (!strict || worst === "refuted") ok = true;
    else {
      worst = "inconclusive";
      ok = false;
    }
    if (!ok) failures++;
    return ok;
  });

  const details = replayable(claim.id, options.replay, () =>
    fc.check(property, {
      seed: fcSeed,
      numRuns,
      ...(options.replay ? { path: options.replay.path, endOnFailure: true } : {}),
    }),
  );

  let counterexample: Counterexample | undefined;
  if (details.failed && details.counterexample === null) {
    throw new Error(
      `${claim.id}: fast-check stopped without a counterexample (too many skips or interrupted)`,
    );
  }
  if (details.failed && details.counterexample !== null) {
    // Re-evaluating the counterexample also surfaces, as is, an error the simulation or a
    // check threw (a bug, not a verdict).
    const [value] = details.counterexample;
    const record = records.get(value) ?? evaluate(value).record;
    counterexample = {
      ...record,
      fcSeed: details.seed,
      path: details.counterexamplePath ?? "",
      shrinks: details.numShrinks,
    };
  }
  const status: Outcome = counterexample ? counterexample.verdict.outcome : "supported";
  return {
    claim: {
      id: claim.id,
      title: claim.title,
      citation: claim.citation,
      statement: claim.statement,
      kind: claim.kind,
      assumptions: claim.assumptions ?? [],
    },
    rootSeed,
    fcSeed,
    alpha,
    strict,
    status,
    scenarios: evaluated.slice(0, runsBeforeFailure),
    counterexample,
    warnings:
      endedBy === undefined
        ? warnings
        : [
            ...warnings,
            endedBy === "time"
              ? `the time budget (${claim.budget.timeLimitMs} ms) ended the run after ${runsBeforeFailure} of ${numRuns} scenarios${counterexample ? ` (${details.numShrinks} shrinks)` : ""}: the evidence so far is reported; a rerun may differ`
              : `the shrink budget (${claim.budget.maxShrinks} scenarios) ended shrinking: the last counterexample found is reported`,
          ],
    ...(endedBy === undefined ? {} : { endedBy }),
    ...(claim.tables ? { tables: claim.tables(forTables) } : {}),
    dataSources: [...dataSources],
    durationMs: performance.now() - started,
  };
}
