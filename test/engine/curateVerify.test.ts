/**
 * The sample-level transforms `curate` (K-wise Bradley–Terry choice) and `verify` (a verifier's
 * rejection loop) against their exact laws, on a categorical, a Gaussian and a multivariate
 * Gaussian model (docs/theory.md#curation-map, docs/theory.md#verification-map).
 *
 * Every statistical check compares a frequency or a mean of N i.i.d. kept samples with its exact
 * value within 5.5 standard errors (two-sided tail 3.8e-8 each); with the 34 comparisons below the
 * false-alarm probability of this file is < 1.3e-6. Seeds are fixed (derive(root, label)).
 */
import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { transformFromSpec } from "../../src/chain/specs.ts";
import { categoricalModel } from "../../src/model/categorical.ts";
import type { Dataset } from "../../src/model/data.ts";
import type { CategoricalModel } from "../../src/model/models.ts";
import { mvGaussianModel } from "../../src/model/mvGaussian.ts";
import { fitNgram, sequenceData } from "../../src/model/ngram.ts";
import { gaussianModel } from "../../src/model/univariate.ts";
import { derive } from "../../src/rng/index.ts";
import { curatedCategorical, normalCdf, verifiedCategorical } from "../../src/theory/index.ts";
import {
  checkTransform,
  synthesize,
  type Transform,
  transformFraction,
  transformSupports,
} from "../../src/transforms/transform.ts";
import { curationFixture } from "../theory/curationFixture.ts";

const Z = 5.5;
const ROOT = 20261207;

function expectFrequencies(data: Dataset, exact: ArrayLike<number>, what: string): void {
  if (data.kind !== "categorical") throw new Error(`${what}: expected categorical data`);
  const N = data.size;
  for (let i = 0; i < exact.length; i++) {
    const q = exact[i];
    const got = data.counts[i] / N;
    const tol = Z * Math.sqrt((q * (1 - q)) / N);
    expect(
      Math.abs(got - q),
      `${what}, symbol ${i}: expected ${q}, actual ${got}, tolerance ${tol} (N = ${N})`,
    ).toBeLessThanOrEqual(tol);
  }
}

function expectMean(values: ArrayLike<number>, exact: number, sd: number, what: string): void {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  const got = s / values.length;
  const tol = (Z * sd) / Math.sqrt(values.length);
  expect(
    Math.abs(got - exact),
    `${what}: expected ${exact}, actual ${got}, tolerance ${tol} (N = ${values.length})`,
  ).toBeLessThanOrEqual(tol);
}

const firstCoordinates = (d: Dataset) => {
  if (d.kind !== "vector") throw new Error("expected vector data");
  return Float64Array.from({ length: d.values.length / d.dim }, (_, i) => d.values[i * d.dim]);
};
const realValues = (d: Dataset) => {
  if (d.kind !== "real") throw new Error("expected real data");
  return d.values;
};

const p = Float64Array.from([0.4, 0.3, 0.2, 0.1]);
const cat: CategoricalModel = { kind: "categorical", p };
const N = 200_000;

describe("curate: K-wise choice with probability ∝ e^{r(x)}", () => {
  it("categorical: the kept law is curatedCategorical(p, r, K) (r = β·i, and per-symbol rewards)", () => {
    for (const [t, rewards] of [
      [{ kind: "curate", k: 2, beta: 1 }, [0, 1, 2, 3]],
      [{ kind: "curate", k: 3, beta: -0.5 }, [0, -0.5, -1, -1.5]],
      [{ kind: "curate", k: 4, rewards: [2, 0, 0, 1] }, [2, 0, 0, 1]],
    ] as [Transform, number[]][]) {
      const data = synthesize(cat, [t], derive(ROOT, `curate-${JSON.stringify(t)}`), N);
      expectFrequencies(data, curatedCategorical(p, rewards, t.k as number), JSON.stringify(t));
    }
  });

  it("Gaussian N(0, 1), r = βx, K = 2: the kept mean of the scipy reference", () => {
    for (const c of curationFixture.curatedGaussian) {
      const t = { kind: "curate", k: c.K, beta: c.beta };
      const x = realValues(synthesize(gaussianModel(0, 1), [t], derive(ROOT, `g${c.beta}`), N));
      expect(x).toHaveLength(N);
      expectMean(x, c.mean, Math.sqrt(c.variance), `curated N(0,1) mean, β = ${c.beta}`);
    }
  });

  it("multivariate Gaussian: the first coordinate is curated, an independent one is not", () => {
    const c = curationFixture.curatedGaussian.find((g) => g.beta === 1);
    if (c === undefined) throw new Error("fixture lacks β = 1");
    const model = mvGaussianModel([0, 0], [1, 0, 0, 1]);
    const d = synthesize(model, [{ kind: "curate", k: 2, beta: 1 }], derive(ROOT, "mv"), N);
    if (d.kind !== "vector") throw new Error("expected vector data");
    expectMean(firstCoordinates(d), c.mean, Math.sqrt(c.variance), "first coordinate");
    const second = Float64Array.from({ length: N }, (_, i) => d.values[2 * i + 1]);
    expectMean(second, 0, 1, "second coordinate");
  });

  it("k = 1 is plain sampling (the same draws from the same stream)", () => {
    const a = synthesize(cat, [{ kind: "curate", k: 1 }], derive(ROOT, "k1"), 500);
    const b = synthesize(cat, [], derive(ROOT, "k1"), 500);
    expect(a).toEqual(b);
  });

  it("rejects per-symbol rewards of the wrong length or on real data, naming the parameter", () => {
    expect(() =>
      synthesize(cat, [{ kind: "curate", rewards: [1, 2] }], derive(ROOT, "bad"), 10),
    ).toThrow(/curate: rewards must give one reward per symbol \(4\), got "1\/2"/);
    expect(() =>
      synthesize(gaussianModel(0, 1), [{ kind: "curate", rewards: [1] }], derive(ROOT, "b"), 10),
    ).toThrow(/curate: rewards is for categorical data only/);
    expect(() => checkTransform({ kind: "curate", k: 0 })).toThrow(/curate: k/);
  });
});

describe("verify: keep a correct draw w.p. a, a wrong one w.p. b", () => {
  it("categorical: the kept law is p reweighted by a on C and b off it", () => {
    for (const [t, correct] of [
      [{ kind: "verify", a: 0.9, b: 0.2, low: 1, high: 2 }, [false, true, true, false]],
      [{ kind: "verify", a: 1, b: 0, high: 0 }, [true, false, false, false]],
      [{ kind: "verify", a: 0.3, b: 0.3, low: 2 }, [false, false, true, true]],
    ] as [Transform, boolean[]][]) {
      const data = synthesize(cat, [t], derive(ROOT, `verify-${JSON.stringify(t)}`), N);
      expect(data.kind === "categorical" && data.size).toBe(N);
      const law = verifiedCategorical(p, correct, t.a as number, t.b as number);
      expectFrequencies(data, law, JSON.stringify(t));
    }
  });

  it("Gaussian and multivariate Gaussian: P(kept ∈ [low, high]) = a·m/(a·m + b·(1 − m))", () => {
    const a = 0.8;
    const b = 0.1;
    const m = normalCdf(1) - normalCdf(-0.5);
    const q = (a * m) / (a * m + b * (1 - m));
    const t = { kind: "verify", a, b, low: -0.5, high: 1 };
    const inC = (v: number) => (v >= -0.5 && v <= 1 ? 1 : 0);
    const sd = Math.sqrt(q * (1 - q));
    const x = realValues(synthesize(gaussianModel(0, 1), [t], derive(ROOT, "vg"), N));
    expectMean(Float64Array.from(x, inC), q, sd, "Gaussian: kept in C");
    const d = synthesize(mvGaussianModel([0, 0], [1, 0.5, 0.5, 1]), [t], derive(ROOT, "vmv"), N);
    expectMean(Float64Array.from(firstCoordinates(d), inC), q, sd, "mv-Gaussian: kept in C");
  });

  it("validates: a = b = 0, low > high, and a correct set the model never reaches", () => {
    expect(() => checkTransform({ kind: "verify", a: 0, b: 0 })).toThrow(
      /verify: a must be > 0 when b = 0/,
    );
    expect(() => checkTransform({ kind: "verify", low: 2, high: 1 })).toThrow(
      /verify: high must be ≥ low \(2\), got 1/,
    );
    const delta: CategoricalModel = { kind: "categorical", p: Float64Array.from([1, 0]) };
    expect(() =>
      synthesize(delta, [{ kind: "verify", a: 1, b: 0, low: 1 }], derive(ROOT, "never"), 5),
    ).toThrow(/verify: a keeps too few draws: 0 of 5 kept after 50000 draws/);
  });
});

describe("curate and verify in chains", () => {
  it("apply to every family that samples: rows, counts and sequences (n-gram, neural LM)", () => {
    for (const spec of ["curate", "verify:high=1"]) {
      const t = transformFromSpec(spec);
      for (const kind of ["categorical", "gaussian", "mv-gaussian", "mixture", "linear", "ngram"]) {
        expect(transformSupports(t, kind), `${spec} on ${kind}`).toBe(true);
      }
    }
    for (const transform of ["curate:k=2,beta=-0.01", "verify:a=1,b=0.2,high=300"]) {
      const r = runChains(
        configFromSpec({
          truth: "text:corpus=gpl,k=0.1",
          family: "ngram:order=2,k=0.1",
          regime: "replace",
          transforms: [transform],
          samples: 500,
          generations: 2,
          chains: 2,
          seed: ROOT,
          metrics: ["perplexity"],
        }),
      );
      for (const v of r.values.perplexity) expect(Number.isFinite(v), transform).toBe(true);
    }
  });

  it("a verified categorical chain keeps M samples a generation and raises the correct mass", () => {
    const r = runChains({
      ...configFromSpec({
        truth: "categorical:p=0.25/0.25/0.5",
        family: "categorical-mle",
        regime: "replace",
        transforms: ["verify:a=1,b=0.5,high=1"],
        samples: 400,
        generations: 1,
        chains: 200,
        seed: ROOT,
        metrics: [],
      }),
      // Generation 1 is fitted to draws of the initial model through the transform.
      initialModel: categoricalModel([0.25, 0.25, 0.5]),
      observe: { correct: (m) => (m as CategoricalModel).p[0] + (m as CategoricalModel).p[1] },
    });
    // p'(C) = 0.5/(0.5 + 0.25) = 2/3; each chain's mass is a frequency of M = 400 kept samples.
    const q = 2 / 3;
    const at1 = Array.from({ length: 200 }, (_, c) => r.values.correct[c * 2 + 1]);
    expectMean(at1, q, Math.sqrt((q * (1 - q)) / 400), "E[p_1(C)]");
  });
});

/**
 * A bigram whose sentences are i.i.d. "a </s>" (probability q) or "b </s>": both of length 2, so
 * no sentence is ever cut and the kept sentences' law is exactly the categorical one of the two
 * sentence types, with v("a </s>") = 1 and v("b </s>") = 2 (mean word index).
 */
const twoSentences = (q: number) => {
  const sentences = 100;
  const a = Math.round(q * sentences);
  const tokens: number[] = [];
  for (let j = 0; j < sentences; j++) tokens.push(j < a ? 1 : 2, 0);
  return fitNgram(sequenceData(tokens, 3), 2, 0);
};

/** Frequencies of the two sentence types among the output's segments (each one sentence). */
function sentenceTypes(d: Dataset, n: number): Float64Array {
  if (d.kind !== "sequence") throw new Error("expected sequence data");
  expect(d.tokens.length).toBe(n);
  const counts = new Float64Array(2);
  for (let j = 0; j < d.starts.length; j++) {
    const from = d.starts[j];
    expect(d.tokens[from + 1], `segment ${j} ends with </s>`).toBe(0);
    counts[d.tokens[from] - 1]++;
  }
  return counts.map((c) => c / d.starts.length);
}

describe("curate and verify on sequence data: the sentence is the sample", () => {
  const q = 0.3;
  const model = twoSentences(q);
  const NS = N / 2; // tokens: NS/2 sentences of two tokens
  const sentences = NS / 2;

  it("curate: the kept sentence law is curatedCategorical([q, 1 − q], β·v, K)", () => {
    for (const [k, beta] of [
      [2, 1],
      [3, -0.7],
    ]) {
      const d = synthesize(model, [{ kind: "curate", k, beta }], derive(ROOT, `seq-c${k}`), NS);
      const exact = curatedCategorical(Float64Array.of(q, 1 - q), [beta, 2 * beta], k);
      const got = sentenceTypes(d, NS);
      const tol = Z * Math.sqrt((exact[0] * (1 - exact[0])) / sentences);
      expect(
        Math.abs(got[0] - exact[0]),
        `k=${k}, β=${beta}: ${got[0]} vs ${exact[0]} ± ${tol}`,
      ).toBeLessThanOrEqual(tol);
    }
  });

  it("curate: per-symbol rewards give a sentence the mean over its words", () => {
    const rewards = [0, 2, -1]; // v(a-sentence) = 2, v(b-sentence) = −1
    const d = synthesize(model, [{ kind: "curate", k: 2, rewards }], derive(ROOT, "seq-r"), NS);
    const exact = curatedCategorical(Float64Array.of(q, 1 - q), [2, -1], 2);
    const got = sentenceTypes(d, NS);
    const tol = Z * Math.sqrt((exact[0] * (1 - exact[0])) / sentences);
    expect(Math.abs(got[0] - exact[0])).toBeLessThanOrEqual(tol);
    expect(() =>
      synthesize(model, [{ kind: "curate", k: 2, rewards: [1, 2] }], derive(ROOT, "seq-r"), 10),
    ).toThrow(/curate: rewards must give one value per vocabulary symbol \(3\)/);
  });

  it("verify: the kept sentence law is p reweighted by a on the correct set and b off it", () => {
    const d = synthesize(
      model,
      [{ kind: "verify", a: 0.9, b: 0.2, high: 1.5 }],
      derive(ROOT, "seq-v"),
      NS,
    );
    const exact = verifiedCategorical(Float64Array.of(q, 1 - q), [true, false], 0.9, 0.2);
    const got = sentenceTypes(d, NS);
    const tol = Z * Math.sqrt((exact[0] * (1 - exact[0])) / sentences);
    expect(Math.abs(got[0] - exact[0]), `${got[0]} vs ${exact[0]} ± ${tol}`).toBeLessThanOrEqual(
      tol,
    );
  });

  it("a model that never ends a sentence is a named error, not an endless loop", () => {
    // A bigram that only repeats "a": no </s>, so no complete sentence.
    const endless = fitNgram(sequenceData([1, 1, 1, 1], 3), 2, 0);
    expect(() =>
      synthesize(endless, [{ kind: "curate", k: 2 }], derive(ROOT, "seq-e"), 20),
    ).toThrow(/curate: model gives too few kept sentences/);
    expect(() =>
      synthesize(endless, [{ kind: "verify", high: 5 }], derive(ROOT, "seq-e"), 20),
    ).toThrow(/verify: model gives too few kept sentences/);
  });
});

describe("run-size estimates count the draws of sample-level procedures", () => {
  it("curate keeps 1 in k draws; verify at least 1 in 1/max(a, b)", () => {
    expect(transformFraction({ kind: "curate", k: 4 })).toBe(0.25);
    expect(transformFraction({ kind: "verify", a: 0.5, b: 0.25 })).toBe(0.5);
  });
});
