/**
 * `collapse simulate --until support<=1`: per chain, the first generation at which a metric
 * condition holds — a stopping time, as in Kazdan et al.'s discrete experiment, which runs each
 * chain until its entropy is below 1e-8 (one symbol left). Chains still run to T: the first
 * generation t (0 ≤ t ≤ T, the truth included) whose value satisfies the condition is read from
 * each chain's trajectory, which gives exactly the law of stopping there (whether the condition
 * holds by t depends only on the chain up to t). Reported: how many chains reached it by T, with
 * an exact 95% Clopper–Pearson interval, and the first generation's mean, standard error and
 * type-7 quantiles over the chains that reached it.
 */

import type { ChainResult } from "../chain/runChains.ts";
import { summarizeValues } from "../chain/summarize.ts";
import { clopperPearson } from "../verdict/index.ts";
import type { ExceedCondition } from "./exceed.ts";

/** The first generation at which a condition holds, over the chains. */
export interface UntilSummary {
  /** Chains run. */
  readonly chains: number;
  /** Chains whose value satisfied the condition at some generation ≤ T. */
  readonly reached: number;
  /** reached / chains, with its exact two-sided 95% interval. */
  readonly fraction: number;
  readonly lower: number;
  readonly upper: number;
  /** Per chain: the first generation satisfying the condition, or −1 if none did by T. */
  readonly first: Int32Array;
  /** Mean, standard error and type-7 quantiles of the first generation over the chains that reached it (undefined when none did). */
  readonly mean: number;
  readonly se: number;
  readonly median: number;
  readonly q05: number;
  readonly q25: number;
  readonly q75: number;
  readonly q95: number;
}

const HOLDS: Readonly<Record<ExceedCondition["op"], (v: number, x: number) => boolean>> = {
  "<": (v, x) => v < x,
  "<=": (v, x) => v <= x,
  ">": (v, x) => v > x,
  ">=": (v, x) => v >= x,
};

/** The first generation at which `c` holds in each chain of `result`, summarised. */
export function summarizeUntil(result: ChainResult, c: ExceedCondition): UntilSummary {
  const K = result.chains;
  const T1 = result.generations + 1;
  const values = result.values[c.metric];
  const holds = HOLDS[c.op];
  const first = new Int32Array(K).fill(-1);
  for (let k = 0; k < K; k++) {
    for (let t = 0; t < T1; t++) {
      const v = values[k * T1 + t];
      // An undefined value (NaN) satisfies no condition.
      if (!Number.isNaN(v) && holds(v, c.threshold)) {
        first[k] = t;
        break;
      }
    }
  }
  const hit = Float64Array.from(first.filter((t) => t >= 0));
  const [lower, upper] = clopperPearson(hit.length, K, 0.025, 0.025);
  const s = summarizeValues(hit);
  return {
    chains: K,
    reached: hit.length,
    fraction: hit.length / K,
    lower,
    upper,
    first,
    mean: s.mean,
    se: s.se,
    median: s.median,
    q05: s.q05,
    q25: s.q25,
    q75: s.q75,
    q95: s.q95,
  };
}
