/**
 * Every regime composes with every family and transform: each compatible truth × family pair
 * runs under every regime, plain and with every transform that applies to its model kind, and
 * gives a value (finite or honestly infinite, never undefined) for every metric it supports.
 */
import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { checkChainConfig, runChains } from "../../src/chain/runChains.ts";
import { familyFromSpec, transformFromSpec, truthFromSpec } from "../../src/chain/specs.ts";
import { METRIC_IDS, metricById } from "../../src/metrics/metric.ts";
import { transformSupports } from "../../src/transforms/transform.ts";

const pairs: [string, string, number][] = [
  ["zipf:k=20,s=1.1", "categorical-mle", 200],
  ["dirichlet:k=10,alpha=0.5", "categorical-smoothed:alpha=0.5", 200],
  ["gaussian", "gaussian-mle", 30],
  ["student-t:nu=4", "gaussian-unbiased", 30],
  ["pareto:shape=3", "kde:bandwidth=0.2", 30],
  ["gmm:weights=0.9/0.1,means=0/5,sds=1/0.5", "gmm:components=2,iterations=20", 40],
  ["mv-gaussian:dim=3,rho=0.2", "mv-gaussian", 30],
  ["gmm:dim=2,weights=0.6/0.4,means=0/0/4/0,sds=1/0.5", "gmm:components=2,iterations=20", 40],
  ["moons:noise=0.1", "kde:bandwidth=scott", 30],
  ["swiss-roll:noise=0.5", "gmm:components=2,iterations=20", 40],
  ["regression:d=3,sigma=1", "ols", 30],
  // The GPL (957 word types): per-context transforms expand add-k laws to dense V-vectors.
  ["text:corpus=gpl", "ngram:order=2,k=0.1", 300],
];
const regimes = [
  "replace",
  "accumulate",
  "accumulate-subsample",
  "fresh:real=10",
  "fresh:lambda=2",
  "keep-original:fraction=0.2",
];
const transforms = [
  "temperature:tau=0.7",
  "top-k:k=5",
  "top-p:p=0.9",
  "select:fraction=0.5",
  "curate:k=3,beta=0.5",
  "verify:a=0.9,b=0.3,high=1",
];

describe("composition: truth × family × regime × transform", () => {
  for (const [truth, family, samples] of pairs) {
    it(`${family} on ${truth}`, () => {
      const t = truthFromSpec(truth);
      const f = familyFromSpec(family, t.dataKind);
      const metrics = METRIC_IDS.filter((id) => {
        const m = metricById(id);
        return (
          m.supportsTruth(t.model.kind) &&
          m.supports(f.modelKind) &&
          (id !== "tail-mass" || t.model.kind === "categorical" || t.dataKind === "real")
        );
      });
      expect(metrics.length).toBeGreaterThan(0);
      const applicable = transforms.filter((tr) =>
        transformSupports(transformFromSpec(tr), f.modelKind),
      );
      for (const regime of regimes) {
        for (const tr of [undefined, ...applicable]) {
          const spec = {
            truth,
            family,
            regime,
            transforms: tr ? [tr] : [],
            samples,
            generations: 3,
            chains: 2,
            seed: 1,
            metrics: [...metrics],
            mcSamples: 200,
          };
          const config = configFromSpec(spec);
          checkChainConfig(config);
          const r = runChains(config);
          for (const id of metrics) {
            const undefinedHere = r.undefinedValues.filter((u) => u.metric === id).length;
            const nan = Array.from(r.values[id]).filter((v) => Number.isNaN(v)).length;
            expect(nan, `${regime} ${tr ?? ""} ${id}: NaN without a recorded reason`).toBe(
              undefinedHere,
            );
          }
        }
      }
    });
  }
});
