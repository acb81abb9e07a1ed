import { assertInteger, InvalidParameterError } from "../util/validate.ts";

/**
 * The diffusion approximation of the two-type Wright–Fisher chain's mean time to absorption
 * (fixation or loss), in generations, from frequency p with M samples per generation:
 *
 *   t̄(p) ≈ −2M [p ln p + (1 − p) ln(1 − p)]
 *
 * (haploid population of size M; 0 at p ∈ {0, 1}). An approximation with relative error O(1/M):
 * {@link wrightFisherMeanAbsorptionTime} gives the exact finite-M value. docs/theory.md#absorption-time;
 * Kimura & Ohta (1969), "The average number of generations until fixation of a mutant gene in a
 * finite population", Genetics 61; Ewens, Mathematical Population Genetics (2004), §4.
 */
export function wrightFisherDiffusionAbsorptionTime(samples: number, p: number): number {
  const api = "wrightFisherDiffusionAbsorptionTime";
  assertInteger(api, "samples", samples, 1);
  if (!(p >= 0 && p <= 1)) throw new InvalidParameterError(api, "p", "must be in [0, 1]", p);
  const xlnx = (x: number) => (x === 0 ? 0 : x * Math.log(x));
  return -2 * samples * (xlnx(p) + xlnx(1 - p));
}
