/**
 * scikit-learn's toy data sets as truths (`moons`, `circles`, `swiss-roll`, `blobs`): the exact
 * mean vectors and total variances against mpmath quadrature (test/fixtures/make_two_d_fixtures.py),
 * samples against those moments (test/engine/vectorMoments.ts: 10⁻⁶ per check, 54 checks), the
 * i.i.d. curve choice, bit-identical reruns, named errors, and the metrics a truth without a
 * density supports (`nll` undefined at generation 0 only, naming the truth; `l2` refused).
 *
 * The closed forms are sums of a few π-terms: 8ε relative to the variance bounds their rounding.
 */
import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { checkChainConfig, runChains } from "../../src/chain/runChains.ts";
import { truthFromSpec } from "../../src/chain/specs.ts";
import type { VectorData } from "../../src/model/data.ts";
import { modelKind } from "../../src/model/kinds.ts";
import type { MvMixtureModel } from "../../src/model/models.ts";
import { derive } from "../../src/rng/index.ts";
import fixture from "../fixtures/two-d.json" with { type: "json" };
import { Z } from "../sample/stats.ts";
import { expectVectorMoments, mixtureMoments } from "./vectorMoments.ts";

const EPS = Number.EPSILON;

describe("toy truths: scikit-learn's data sets as i.i.d. laws", () => {
  it("mean vectors and total variances equal the quadrature values", () => {
    for (const c of fixture.toys) {
      const t = truthFromSpec(c.spec);
      const ops = modelKind(t.model.kind);
      const mean = ops.mean?.(t.model) as Float64Array;
      expect(mean.length, c.spec).toBe(c.mean.length);
      for (let r = 0; r < mean.length; r++) {
        const tol = 8 * EPS * Math.max(1, Math.abs(c.mean[r]));
        expect(
          Math.abs(mean[r] - c.mean[r]),
          `${c.spec} mean[${r}]: expected ${c.mean[r]}, actual ${mean[r]}, tolerance ${tol}`,
        ).toBeLessThanOrEqual(tol);
      }
      const variance = ops.variance?.(t.model) as number;
      const tol = 8 * EPS * c.variance;
      expect(
        Math.abs(variance - c.variance),
        `${c.spec} variance: expected ${c.variance}, actual ${variance}, tolerance ${tol}`,
      ).toBeLessThanOrEqual(tol);
      expect(t.summaries.variance).toBe(variance);
    }
  });

  it("samples have those moments (seeded; 10⁻⁶ per check)", () => {
    const n = 100_000;
    for (const c of fixture.toys) {
      const t = truthFromSpec(c.spec);
      const seed = `toy-moments/${c.spec}`;
      const x = t.sampleReal(derive("test/engine", seed), n) as VectorData;
      expect(x.kind).toBe("vector");
      expectVectorMoments(x.values, x.dim, c, `${c.spec} (derive("test/engine", "${seed}"))`);
    }
  });

  it("each point picks its curve with probability ½ (not scikit-learn's n//2 split)", () => {
    // Noiseless moons: the upper moon is the unit circle around (0, 0), y ≥ 0; a lower-moon point
    // (1 − cos θ, ½ − sin θ) lies on it only where 2cos θ + sin θ = 5/4 (probability 0). The
    // upper count is Bin(n, ½): |count − n/2| ≤ Z·√n/2 at 10⁻⁶ per draw (3 draws); all three
    // equal to scikit-learn's n//2 has probability P(Bin = 5000)³ ≈ 5·10⁻⁷.
    const n = 10_001;
    const counts = [1, 2, 3].map((draw) => {
      const x = truthFromSpec("moons").sampleReal(
        derive("test/engine", `moons-split/${draw}`),
        n,
      ) as VectorData;
      let upper = 0;
      for (let i = 0; i < n; i++) {
        const [px, py] = [x.values[2 * i], x.values[2 * i + 1]];
        if (Math.abs(px * px + py * py - 1) < 1e-12 && py >= 0) upper++;
      }
      expect(Math.abs(upper - n / 2), `draw ${draw}: ${upper} upper`).toBeLessThanOrEqual(
        Z * Math.sqrt(n) * 0.5,
      );
      return upper;
    });
    expect(counts.every((c) => c === Math.floor(n / 2))).toBe(false);
  });

  it("blobs: random centres fixed by their seed, given centres, and the mixture's moments", () => {
    const a = truthFromSpec("blobs:k=3,seed=4").model as MvMixtureModel;
    const b = truthFromSpec("blobs:k=3,seed=4").model as MvMixtureModel;
    const c = truthFromSpec("blobs:k=3,seed=5").model as MvMixtureModel;
    expect(Array.from(b.means)).toEqual(Array.from(a.means));
    expect(Array.from(c.means)).not.toEqual(Array.from(a.means));
    for (const v of a.means) expect(Math.abs(v)).toBeLessThan(10);
    expect(Array.from(a.weights)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    const given = truthFromSpec("blobs:centers=0/0/4/1,std=0.5");
    const g = given.model as MvMixtureModel;
    expect(Array.from(g.means)).toEqual([0, 0, 4, 1]);
    expect(Array.from(g.covariances)).toEqual([0.25, 0, 0, 0.25, 0.25, 0, 0, 0.25]);
    // dim·std² + (1/k)Σ‖c_j − c̄‖² = 0.5 + ½(4.25 + 4.25).
    expect(given.summaries.variance).toBe(4.75);
    const seed = "blobs-moments";
    const x = truthFromSpec("blobs:k=3,seed=4").sampleReal(derive("test/engine", seed), 100_000);
    expectVectorMoments(
      (x as VectorData).values,
      2,
      mixtureMoments(modelKind("mv-mixture").gaussianMixture?.(a) as never),
      `blobs:k=3,seed=4 (derive("test/engine", "${seed}"))`,
    );
  });

  it("reruns at a fixed seed are bit-identical", () => {
    for (const spec of ["moons:noise=0.1", "circles:noise=0.05", "swiss-roll:noise=0.05"]) {
      const t = truthFromSpec(spec);
      const a = t.sampleReal(derive("test/engine", "toy-rerun"), 300) as VectorData;
      const b = t.sampleReal(derive("test/engine", "toy-rerun"), 300) as VectorData;
      expect(Array.from(b.values), spec).toEqual(Array.from(a.values));
    }
  });

  it("names bad parameters", () => {
    expect(() => truthFromSpec("moons:noise=-0.1")).toThrow(
      /truth "moons": noise must be a finite number >= 0/,
    );
    expect(() => truthFromSpec("circles:factor=1")).toThrow(/truth "circles": factor must be/);
    expect(() => truthFromSpec("swiss-roll:dim=4")).toThrow(/truth "swiss-roll": dim must be/);
    expect(() => truthFromSpec("blobs:centers=0/0/1")).toThrow(
      /blobs: centers must hold k × dim numbers for some k >= 1 \(the centres row by row; dim = 2\)/,
    );
    expect(() => truthFromSpec("blobs:centers=0/0,k=2")).toThrow(
      /blobs: k must not be given with centers/,
    );
    expect(() => truthFromSpec("blobs:std=0")).toThrow(/truth "blobs": std must be/);
  });

  it("metrics: nll is undefined at generation 0 naming the truth and defined after; l2 is refused", () => {
    const spec = {
      truth: "moons:noise=0.05",
      family: "kde:bandwidth=0.1",
      regime: "replace",
      samples: 50,
      generations: 2,
      chains: 2,
      seed: 3,
      metrics: ["nll", "l2-gen1", "variance", "mean-error"],
      mcSamples: 200,
    };
    const r = runChains(configFromSpec(spec));
    const undefinedNll = r.undefinedValues.filter((u) => u.metric === "nll");
    expect(undefinedNll.map((u) => u.generation)).toEqual([0, 0]);
    expect(undefinedNll[0].reason).toBe(
      'nll is undefined: the truth "moons" (moons) has no density',
    );
    for (const c of [0, 1]) {
      for (const t of [1, 2]) expect(Number.isFinite(r.values.nll[c * 3 + t])).toBe(true);
    }
    expect(r.values.variance[0]).toBeCloseTo(0.9991901138162094, 14);
    expect(() => checkChainConfig(configFromSpec({ ...spec, metrics: ["l2"] }))).toThrow(
      /"l2" is not defined for moons models \(truth "moons", family "kde"\)/,
    );
    expect(() => checkChainConfig(configFromSpec({ ...spec, metrics: ["entropy"] }))).toThrow(
      /"entropy" is not defined for moons models/,
    );
  });
});
