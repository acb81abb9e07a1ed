/**
 * The claim-level part of the verdict contract (see src/verdict/contract.ts): the fields of one
 * evaluated scenario, parametrised by the verdict's encoding and the setting's, shared by the
 * in-memory record ({@link ScenarioRecord}), the wire form a claim leaves in `task.meta` and the
 * report file.
 */
import { z } from "zod";
import { IntSchema, OutcomeSchema, ScenarioVerdictSchema } from "../verdict/contract.ts";
import { CLAIM_KINDS } from "./defineClaim.ts";

/** The fields of one evaluated scenario. */
export function scenarioFields<V extends z.ZodType, S extends z.ZodType>(verdict: V, setting: S) {
  return {
    /** The setting as text: JSON when it is plain data, else as fast-check prints it. */
    scenario: z.string(),
    /** The setting as plain data (JSON round-trip of the generated value). */
    setting,
    /**
     * Integer seed of the scenario (part of the generated value, so it shrinks too); the streams
     * derive from it, the claim id and the run's fast-check seed.
     */
    seed: IntSchema,
    verdict,
  };
}

/** One evaluated scenario in memory. */
export const ScenarioRecordSchema = z.object(scenarioFields(ScenarioVerdictSchema, z.unknown()));

/** The fields a counterexample adds to its scenario: the fast-check seed and path replaying it. */
export const counterexampleFields = {
  /** fast-check seed and path: replaying them reproduces this scenario exactly. */
  fcSeed: IntSchema,
  path: z.string(),
  shrinks: IntSchema,
};

/**
 * The fields of a claim's report (what `checkClaim` returns and `verifyClaim` leaves in
 * `task.meta.collapse`), with scenarios `scenario`, the counterexample `counterexample`, numbers
 * `num` and the claim's kind `kind` (its enum in memory, any string on the wire).
 */
export function claimReportFields<
  Sc extends z.ZodType,
  Cx extends z.ZodType,
  N extends z.ZodType,
  K extends z.ZodType,
>(scenario: Sc, counterexample: Cx, num: N, kind: K) {
  return {
    claim: z.object({
      id: z.string(),
      title: z.string(),
      citation: z.object({ source: z.string(), where: z.string() }),
      statement: z.string(),
      kind,
      assumptions: z.array(z.string()),
    }),
    rootSeed: IntSchema,
    fcSeed: IntSchema,
    alpha: num,
    strict: z.boolean(),
    /** supported: no scenario refuted or (in strict mode) inconclusive. */
    status: OutcomeSchema,
    /** Scenarios evaluated before any failure (shrink steps excluded). */
    scenarios: z.array(scenario),
    /** The failing scenario: refuted, or inconclusive (undecided) when a strict claim met no refuted one. */
    counterexample: counterexample.optional(),
    /** Inconclusive scenarios tolerated in non-strict mode, and a budget that ended the run. */
    warnings: z.array(z.string()),
    /** The budget that ended the run early, if one did (see ClaimBudget). */
    endedBy: z.enum(["time", "shrinks"]).optional(),
    /** The claim's report tables (e.g. the collapse matrix), when it defines `tables`. */
    tables: z.record(z.string(), z.unknown()).optional(),
    /**
     * The real data the claim's simulations read, one line per source (a text corpus: its name,
     * size and train/held-out split), in first-use order; [] when every truth is a distribution.
     */
    dataSources: z.array(z.string()),
    durationMs: z.number(),
  };
}

/** A counterexample in memory. */
export const CounterexampleSchema = ScenarioRecordSchema.extend(counterexampleFields);

/** A claim's report in memory. */
export const ClaimReportSchema = z.object(
  claimReportFields(ScenarioRecordSchema, CounterexampleSchema, z.number(), z.enum(CLAIM_KINDS)),
);
