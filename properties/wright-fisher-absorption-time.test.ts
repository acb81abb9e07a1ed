/**
 * Claim: a two-symbol categorical refitted by MLE to M of its own samples (Wright–Fisher) is
 * absorbed after −2M[p ln p + (1 − p) ln(1 − p)] generations on average, up to the diffusion
 * approximation's error: within 5/M relative (approximate; in expectation).
 *
 * Band: the approximation's relative error is O(1/M). Solving the absorbing chain exactly
 * (`wrightFisherMeanAbsorptionTime`), M·|relative error| ≤ 2.14 over M ∈ [20, 60], p ∈ [0.1, 0.9]
 * (test/theory/wrightFisherAbsorptionTime.test.ts), so the true mean lies in the band, ≥ 2.86/M
 * from its edges; the diploid misreading 4M (properties/negative/absorption-time-diploid) lies
 * far outside it.
 * Rule: meanWithin (two one-sided tests) on the stopping time T of each replicate chain, run to
 * absorption (runReplicatesUntil). T's sd is 0.6·E[T] at p = ½ but up to 1.3·E[T] near p = 0.1
 * (measured: the calibration sweep found 11 of 50 root seeds inconclusive at a cap of 12,800 set
 * from p = ½). For power 0.9 the interval must fit in the 2.86/M relative margin:
 * n ≥ ((z + 1.28)·1.3·M/2.86)² ≈ 35,500 at M = 60 with z = 5.63 (α split over scenarios and
 * looks), so the cap is the next doubling, 51,200; settings near p = ½ stop far earlier.
 * Budget: α = 1e-6 per run, Bonferroni over 8 scenarios × 1 check × looks.
 */

import {
  defineClaim,
  meanWithin,
  runReplicatesUntil,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import { categoricalAbsorbed } from "collapse-harness/engine";
import { wrightFisherDiffusionAbsorptionTime } from "collapse-harness/theory";
import fc from "fast-check";

export const claim = defineClaim({
  id: "wright-fisher-absorption-time",
  title: "Wright–Fisher mean absorption time ≈ −2M[p ln p + (1−p) ln(1−p)] (within 5/M)",
  citation: {
    source: "Kimura & Ohta, Genetics 61 (1969); Ewens, Mathematical Population Genetics (2004) §4",
    where: "diffusion approximation of the mean absorption time; docs/theory.md#absorption-time",
  },
  statement:
    "Refitting a two-symbol categorical by empirical frequencies to M of its own samples, the mean number of generations until one symbol is lost is within 5/M (relative) of the diffusion approximation −2M[p ln p + (1 − p) ln(1 − p)].",
  kind: "in-expectation",
  assumptions: ["categorical-mle, replace, two symbols", "each chain is run until absorption"],
  budget: { maxReplicates: 51200 },
  scenario: fc.record({
    p0: uniformReal({ min: 0.1, max: 0.9, simplest: 0.5 }),
    samples: uniformInteger({ min: 20, max: 60 }),
  }),
  simulate: (s, range) => {
    const spec = {
      truth: `categorical:p=${1 - s.p0}/${s.p0}`,
      family: "categorical-mle",
      regime: "replace",
      samples: s.samples,
    };
    const run = runReplicatesUntil(spec, range, {
      stop: categoricalAbsorbed,
      maxGenerations: 1_000_000,
    });
    if (!run.stopped.every((stopped) => stopped === 1)) throw new Error("a chain was not absorbed");
    return { absorptionTime: Float64Array.from(run.generation) };
  },
  checks: (s) => [
    meanWithin("absorptionTime", wrightFisherDiffusionAbsorptionTime(s.samples, s.p0), {
      relative: 5 / s.samples,
    }),
  ],
});

verifyClaim(claim);
