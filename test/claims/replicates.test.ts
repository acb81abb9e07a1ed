import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { generationValues } from "../../src/chain/summarize.ts";
import { batchMeans, runReplicates } from "../../src/claims/replicates.ts";

const spec = {
  truth: "gaussian",
  family: "gaussian-mle",
  regime: "replace",
  samples: 10,
  generations: 3,
  metrics: ["variance" as const],
};

describe("runReplicates", () => {
  it("replicate i of a batch of B is chains [i·B, (i+1)·B) of the scenario seed", () => {
    const batched = runReplicates(spec, { seed: "s", first: 2, count: 3 }, { batch: 4 });
    const direct = runChains(configFromSpec({ ...spec, seed: "s", firstChain: 8, chains: 12 }));
    expect(batched.values.variance).toEqual(direct.values.variance);
    const means = batchMeans(generationValues(batched, "variance", 3), 4);
    const v = generationValues(direct, "variance", 3);
    expect(means).toHaveLength(3);
    for (let i = 0; i < 3; i++) {
      // The same four values summed in the same order: bit-identical.
      expect(means[i]).toBe((v[4 * i] + v[4 * i + 1] + v[4 * i + 2] + v[4 * i + 3]) / 4);
    }
  });

  it("looks that add replicates reuse the earlier ones", () => {
    const first = runReplicates(spec, { seed: "s", first: 0, count: 2 }, { batch: 3 });
    const both = runReplicates(spec, { seed: "s", first: 0, count: 5 }, { batch: 3 });
    expect(both.values.variance.subarray(0, first.values.variance.length)).toEqual(
      first.values.variance,
    );
  });

  it("rejects a batch that does not divide the values", () => {
    expect(() => batchMeans(new Float64Array(5), 2)).toThrow(
      /batchMeans: values.length must be a multiple of batch \(2\), got 5/,
    );
    expect(() => runReplicates(spec, { seed: "s", first: 0, count: 1 }, { batch: 0 })).toThrow(
      /runReplicates: batch must be an integer >= 1, got 0/,
    );
  });
});
