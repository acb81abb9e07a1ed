/**
 * `collapse simulate --exceed variance<0.01,support>1`: per generation, the fraction of chains
 * whose metric satisfies a threshold condition — the exceedance probabilities P(metric < ε) /
 * P(metric > ε) that peers report — with its exact 95% Clopper–Pearson interval.
 */

import type { ChainResult } from "../chain/runChains.ts";
import { exceedanceCounts, type ThresholdComparison } from "../chain/summarize.ts";
import { parseDecimal } from "../util/parseDecimal.ts";
import { InvalidParameterError } from "../util/validate.ts";
import { clopperPearson } from "../verdict/index.ts";

/** One `--exceed` condition: metric, comparison, threshold, and its text as written. */
export interface ExceedCondition {
  readonly label: string;
  readonly metric: string;
  readonly op: ThresholdComparison;
  readonly threshold: number;
}

/** Per generation: fraction of chains (with a defined value) satisfying the condition, 95% interval. */
export interface ExceedSummary {
  readonly fraction: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Chains with a defined value of the metric (the denominator). */
  readonly chains: Int32Array;
}

// A metric id may carry a parameter: seq-ppl:q=0.95>=100.
const CONDITION = /^([A-Za-z0-9_.:=/-]+?)\s*(<=|>=|<|>)\s*(\S+)$/;

/**
 * Parses `--exceed` (or `--until`: `option`) text: comma-separated `metric<x`, `metric<=x`, `metric>x`, `metric>=x` with a
 * decimal threshold (`1e-3` allowed, `±Infinity` not). Every metric must be among `metrics`.
 */
export function parseExceed(
  text: string,
  metrics: readonly string[],
  option = "--exceed",
): ExceedCondition[] {
  const parts = text.split(",").map((p) => p.trim());
  if (parts.some((p) => p === "")) {
    throw new InvalidParameterError(
      "simulate",
      option,
      "must be comma-separated conditions such as variance<0.01,support>1 (no empty item)",
      text,
    );
  }
  return parts.map((part) => {
    const m = CONDITION.exec(part);
    const threshold = m === null ? undefined : parseDecimal(m[3]);
    if (m === null || threshold === undefined) {
      throw new InvalidParameterError(
        "simulate",
        option,
        "each condition must be <metric><op><number> with op one of <, <=, >, >= (e.g. variance<0.01)",
        part,
      );
    }
    if (!metrics.includes(m[1])) {
      throw new InvalidParameterError(
        "simulate",
        option,
        `names metric "${m[1]}", which this run does not compute (its metrics: ${metrics.join(", ")}; add it to --metrics)`,
        part,
      );
    }
    return {
      label: `${m[1]}${m[2]}${m[3]}`,
      metric: m[1],
      op: m[2] as ThresholdComparison,
      threshold,
    };
  });
}

/** The exceedance fraction and its exact two-sided 95% interval per generation. */
export function summarizeExceed(result: ChainResult, c: ExceedCondition): ExceedSummary {
  const { satisfied, defined } = exceedanceCounts(result, c.metric, c.op, c.threshold);
  const T1 = satisfied.length;
  const out = {
    fraction: new Float64Array(T1),
    lower: new Float64Array(T1),
    upper: new Float64Array(T1),
    chains: defined,
  };
  for (let t = 0; t < T1; t++) {
    const n = defined[t];
    if (n === 0) {
      out.fraction[t] = out.lower[t] = out.upper[t] = Number.NaN;
      continue;
    }
    out.fraction[t] = satisfied[t] / n;
    [out.lower[t], out.upper[t]] = clopperPearson(satisfied[t], n, 0.025, 0.025);
  }
  return out;
}
