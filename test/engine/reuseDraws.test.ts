/**
 * Reusing a fitted draw's arrays for the next draw (ChainStepper `reuseDraws`, on in runChains
 * unless onFit is given) changes no value: under `replace`, with families whose models copy
 * what they keep (`releasesData`), every metric equals the run that allocates every draw. It
 * is on only where it is safe: never for a family that may keep its data (KDE), another
 * regime, a transform, or a real (truth's) data set.
 */
import { describe, expect, it } from "vitest";
import { type ChainSpec, configFromSpec } from "../../src/chain/chainSpec.ts";
import { ChainStepper } from "../../src/chain/chainStepper.ts";
import { runChains } from "../../src/chain/runChains.ts";
import type { CategoricalData, RealData } from "../../src/model/data.ts";
import { derive } from "../../src/rng/index.ts";

/** The arrays of a stepper's training set (values or counts). */
function arrays(s: ChainStepper): Float64Array | Int32Array {
  const d = s.data as RealData | CategoricalData;
  return d.kind === "real" ? d.values : d.counts;
}

const SPECS: ChainSpec[] = [
  {
    truth: "gaussian:mean=1,sd=2",
    family: "gaussian-unbiased",
    regime: "replace",
    samples: 30,
    generations: 25,
    chains: 6,
    seed: "reuse",
    metrics: ["variance", "mean-error", "tail-mass", "w2"],
    mcSamples: 100,
  },
  {
    truth: "student-t:nu=3",
    family: "gaussian-mle",
    regime: "replace",
    samples: 20,
    generations: 25,
    chains: 6,
    seed: "reuse",
    metrics: ["variance", "kl"],
    mcSamples: 100,
  },
  {
    truth: "gmm:weights=0.7/0.3,means=-2/2,sds=1/0.5",
    family: "gmm:components=2",
    regime: "replace",
    samples: 40,
    generations: 10,
    chains: 4,
    seed: "reuse",
    metrics: ["variance", "nll"],
    mcSamples: 100,
  },
  {
    truth: "zipf:k=40,s=1.1",
    family: "categorical-mle",
    regime: "replace",
    samples: 50,
    generations: 40,
    chains: 6,
    seed: "reuse",
    metrics: ["support", "entropy", "tail-mass"],
  },
  {
    truth: "zipf:k=40,s=1.1",
    family: "categorical-smoothed:alpha=0.5",
    regime: "replace",
    samples: 50,
    generations: 40,
    chains: 6,
    seed: "reuse",
    metrics: ["support", "entropy", "kl"],
  },
];

describe("reusing a fitted draw's arrays", () => {
  it.each(SPECS.map((s) => [`${s.family} on ${s.truth}`, s] as const))(
    "%s: every value equals the run that allocates every draw",
    (_name, spec) => {
      const reused = runChains(configFromSpec(spec));
      // onFit receives each training set, so this run allocates every draw.
      const allocated = runChains({ ...configFromSpec(spec), onFit: () => {} });
      for (const id of spec.metrics) {
        expect(reused.values[id], id).toEqual(allocated.values[id]);
      }
    },
  );

  it("is on for replace with a family that releases its data, and off otherwise", () => {
    const sameArraysAfterTwoSteps = (spec: ChainSpec, reuseDraws: boolean): boolean => {
      const s = new ChainStepper(configFromSpec(spec), derive(1, "reuse"), { reuseDraws });
      s.step(); // generation 1: real data, never reused
      s.step(); // generation 2: the first synthetic draw
      const before = arrays(s);
      s.step();
      return arrays(s) === before;
    };
    const [gaussian, , mixture, categorical] = SPECS;
    expect(sameArraysAfterTwoSteps(gaussian, true)).toBe(true);
    expect(sameArraysAfterTwoSteps(mixture, true)).toBe(true);
    expect(sameArraysAfterTwoSteps(categorical, true)).toBe(true);
    expect(sameArraysAfterTwoSteps(gaussian, false)).toBe(false);
    // A KDE's model holds its data as kernel centres; accumulate keeps every draw; a transform
    // builds its set from several draws: no reuse.
    expect(sameArraysAfterTwoSteps({ ...gaussian, family: "kde:bandwidth=0.5" }, true)).toBe(false);
    expect(sameArraysAfterTwoSteps({ ...gaussian, regime: "accumulate" }, true)).toBe(false);
    expect(
      sameArraysAfterTwoSteps({ ...gaussian, transforms: ["temperature:tau=0.8"] }, true),
    ).toBe(false);
  });

  it("never overwrites a real data set (generation 1's training set stays as drawn)", () => {
    const s = new ChainStepper(configFromSpec(SPECS[0]), derive(1, "real"), { reuseDraws: true });
    s.step();
    const real = arrays(s);
    const copy = Float64Array.from(real);
    for (let t = 0; t < 5; t++) s.step();
    expect(real).toEqual(copy);
    expect(arrays(s)).not.toBe(real);
  });
});
