import type { z } from "zod";
import type { DeepReadonly, EvidenceSchema, OutcomeSchema } from "./contract.ts";

/** How one decision rule ended for one scenario. */
export type Outcome = z.infer<typeof OutcomeSchema>;

/**
 * The record of one decision: which test, its statistic and p-value (of the refutation test,
 * computed under the claim), the estimate with its two-sided (1 − α) confidence interval, the
 * replicates used, the α spent, and the smallest deviation from the claim the test could have
 * detected (power 0.9 at this α and sample size). Fields: `evidenceFields` (contract.ts).
 */
export type Evidence = DeepReadonly<z.infer<typeof EvidenceSchema>>;

/** Power used to state the smallest detectable effect. */
export const DETECTION_POWER = 0.9;

/**
 * A setting or threshold as a person wrote it: at most 12 significant digits, so binary noise
 * from arithmetic (0.9000000000000011, 0.8999999999999999) prints as 0.9; ±∞ spelled out.
 */
export function fmtSetting(x: number): string {
  if (Number.isNaN(x)) return "undefined";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  return String(Number(x.toPrecision(12)));
}

/** Formats a number for messages: 4 significant digits, ±∞ spelled out. */
export function fmt(x: number): string {
  if (Number.isNaN(x)) return "undefined";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e5)
    ? x.toExponential(3)
    : Number(x.toPrecision(4)).toString();
}

/** One line of evidence: claim, estimate ± interval, test, p-value, replicates. */
export function describeEvidence(e: Evidence): string {
  const [lo, hi] = e.interval;
  return (
    `${e.outcome.toUpperCase()} ${e.claim}: estimate ${fmt(e.estimate)} ` +
    `[${fmt(lo)}, ${fmt(hi)}] (${e.test}, statistic ${fmt(e.statistic)}, p = ${fmt(e.pValue)}, ` +
    `α = ${fmt(e.alpha)}, n = ${e.replicates}, detectable effect ${fmt(e.detectableEffect)})` +
    (e.violation ? `; first violation: ${e.violation}` : "")
  );
}
