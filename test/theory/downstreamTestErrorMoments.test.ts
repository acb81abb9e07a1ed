import { describe, expect, it } from "vitest";
import { downstreamTestErrorMoments } from "../../src/theory/index.ts";
import { EPS, expectWithin } from "./continuousFixture.ts";
import { regressionMixSection } from "./regressionMixFixture.ts";

interface Case {
  d: number;
  generations: number;
  generatorSamples: number;
  generatorSigma: number;
  samples: number;
  sigma: number;
  mean: number;
  variance: number;
  mc: { mean: number; se: number };
}

describe("downstreamTestErrorMoments vs the inverse-Wishart expansion (exact fractions) and numpy MC", () => {
  // Sums of t + 2 ≤ 7 positive terms, each a few products and quotients: 64ε relative.
  it.each(regressionMixSection<Case>("downstreamTestErrorMoments"))(
    "d = $d, t = $generations, T₀ = $generatorSamples, σ₀ = $generatorSigma, T = $samples, σ = $sigma",
    (c) => {
      const m = downstreamTestErrorMoments(
        c.d,
        c.generations,
        { samples: c.generatorSamples, noiseVariance: c.generatorSigma ** 2 },
        { samples: c.samples, noiseVariance: c.sigma ** 2 },
      );
      expectWithin("mean", c, m.mean, c.mean, 64 * EPS * c.mean);
      expectWithin("variance", c, m.variance, c.variance, 64 * EPS * c.variance);
      expectWithin("Monte Carlo (5 se)", c, c.mc.mean, m.mean, 5 * c.mc.se);
    },
  );

  it("Dohmatob et al.'s example: d = 10, T = T₀ = 100, σ = σ₀ = 1, t = 5 → 0.6742", () => {
    const m = downstreamTestErrorMoments(
      10,
      5,
      { samples: 100, noiseVariance: 1 },
      { samples: 100, noiseVariance: 1 },
    );
    expectWithin("mean", { t: 5 }, m.mean, 60 / 89, 8 * EPS);
    expect(m.mean.toFixed(4)).toBe("0.6742");
  });

  it("rejects bad input, naming the parameter", () => {
    const g = { samples: 30, noiseVariance: 1 };
    expect(() => downstreamTestErrorMoments(3, -1, g, g)).toThrow(
      /downstreamTestErrorMoments: generations/,
    );
    expect(() => downstreamTestErrorMoments(3, 1, { samples: 6, noiseVariance: 1 }, g)).toThrow(
      /downstreamTestErrorMoments: generator.samples must be an integer >= 7/,
    );
    expect(() => downstreamTestErrorMoments(3, 1, g, { samples: 30, noiseVariance: -1 })).toThrow(
      /downstreamTestErrorMoments: downstream.noiseVariance/,
    );
  });
});
