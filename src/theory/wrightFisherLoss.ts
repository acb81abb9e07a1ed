import { binomialPmf } from "../numeric/index.ts";
import { assertInteger, assertProbability } from "../util/validate.ts";

/**
 * The Wright–Fisher loss curve L_t = P(N_t = 0), t = 1…T (index t − 1), for N_1 ~ Bin(M, w),
 * N_{t+1} ~ Bin(M, N_t/M), by dynamic programming over {0, …, M}. L_t increases to 1 − w (the
 * frequency is a bounded martingale absorbed at 0 or 1, fixed with probability w). It is the
 * loss law of a rare, well-separated mixture component refitted by EM to M of its own samples.
 * docs/theory.md#gaussian-mixture, docs/theory.md#categorical-fixation.
 * @param M samples per generation, integer ≥ 1.
 * @param w initial frequency, a probability.
 * @param T horizon, integer ≥ 1.
 */
export function wrightFisherLoss(M: number, w: number, T: number): number[] {
  assertInteger("wrightFisherLoss", "M", M, 1);
  assertProbability("wrightFisherLoss", "w", w);
  assertInteger("wrightFisherLoss", "T", T, 1);
  const row = (p: number) => Array.from({ length: M + 1 }, (_, k) => binomialPmf(k, M, p));
  const P = Array.from({ length: M + 1 }, (_, j) => row(j / M));
  let dist = row(w);
  const out = [dist[0]];
  for (let t = 2; t <= T; t++) {
    const next = new Array<number>(M + 1).fill(0);
    for (let j = 0; j <= M; j++) {
      if (dist[j] === 0) continue;
      for (let k = 0; k <= M; k++) next[k] += dist[j] * P[j][k];
    }
    dist = next;
    out.push(dist[0]);
  }
  return out;
}
