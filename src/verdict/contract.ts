/**
 * The verdict contract, defined once: the fields of an evidence record and of a scenario's
 * verdict, as zod shapes parametrised by how numbers are encoded. Three encodings use them:
 * - in memory (this layer's {@link Evidence} and `ScenarioVerdict`): plain numbers, NaN and ±∞
 *   included;
 * - on the wire from a claim to the reporter (`task.meta.collapse`, JSON): ±∞ and NaN as the
 *   strings "Infinity", "-Infinity", "undefined";
 * - in `report.json`: non-finite values as objects that carry a reason.
 * The TypeScript types of all three derive from these shapes, so a field added here reaches the
 * DSL, the reporter and the report file together (and the report's JSON Schema, generated from
 * its zod schema).
 */
import { z } from "zod";

/**
 * A type with every property and element read-only, recursively: the in-memory records are
 * never mutated once made, and readonly types let any of their producers hand out shared arrays.
 */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** An integer (replicates, looks, seeds): one instance, so generated JSON Schemas share it. */
export const IntSchema = z.number().int();

/** How one decision rule, or one scenario, ended. */
export const OutcomeSchema = z.enum(["supported", "refuted", "inconclusive"]);

/** The fields of one evidence record; `num` encodes its numbers. */
export function evidenceFields<N extends z.ZodType>(num: N) {
  return {
    /** Rule id, e.g. `mean-equals`. */
    rule: z.string(),
    /** What is claimed, in words and numbers, e.g. `E[log-variance] = -1.0135`. */
    claim: z.string(),
    /** The statistical test, e.g. `one-sample t-test`, `exact binomial, one-sided (Clopper–Pearson)`. */
    test: z.string(),
    outcome: OutcomeSchema,
    /** The refutation test's statistic. */
    statistic: num,
    /** The refutation test's p-value, computed under the claim. */
    pValue: num,
    estimate: num,
    /** Two-sided (1 − α) confidence interval of the estimate. */
    interval: z.tuple([num, num]),
    replicates: IntSchema,
    /** α spent on this test. */
    alpha: num,
    /** Smallest deviation from the claim the test could have detected (power 0.9 at this α, n). */
    detectableEffect: num,
  };
}

/** The fields of one scenario's verdict, with evidence records `evidence` and numbers `num`. */
export function verdictFields<E extends z.ZodType, N extends z.ZodType>(evidence: E, num: N) {
  return {
    outcome: OutcomeSchema,
    /** Replicates at the last look. */
    replicates: IntSchema,
    looks: IntSchema,
    /** α spent per check per look. */
    alphaPerTest: num,
    evidence: z.array(evidence),
  };
}

/** Evidence in memory: plain numbers (NaN where a quantity is undefined, ±∞). */
export const EvidenceSchema = z.object({
  ...evidenceFields(z.number()),
  /** For sure invariants: where the first violation happened. */
  violation: z.string().optional(),
});

/** A scenario's verdict in memory. */
export const ScenarioVerdictSchema = z.object({
  ...verdictFields(EvidenceSchema, z.number()),
  /** Set when the deadline stopped the looks before the schedule ended. */
  stoppedByDeadline: z.literal(true).optional(),
});
