/**
 * The claim-level part of the verdict contract (see src/verdict/contract.ts): the fields of one
 * evaluated scenario, parametrised by the verdict's encoding and the setting's, shared by the
 * in-memory record ({@link ScenarioRecord}), the wire form a claim leaves in `task.meta` and the
 * report file.
 */
import { z } from "zod";
import { IntSchema, ScenarioVerdictSchema } from "../verdict/contract.ts";

/** The fields of one evaluated scenario. */
export function scenarioFields<V extends z.ZodType, S extends z.ZodType>(verdict: V, setting: S) {
  return {
    /** The setting, as fast-check prints it. */
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
