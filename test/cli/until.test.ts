/**
 * `collapse simulate --until`: each chain's first generation at which a metric condition holds.
 * Exact small cases on hand-made trajectories; the mean absorption time of the two-type
 * Wright–Fisher chain (support ≤ 1) against its exact value, wrightFisherMeanAbsorptionTime, with
 * K = 2000 chains and T = 400 (each chain unabsorbed by T with probability < 1e-8 at M = 20: the
 * slowest mode decays as (1 − 1/M)^t): a z-test with the
 * sample standard deviation (asymptotic), α = 1e-4, seed 29 — false-alarm probability ≈ 1e-4;
 * the CLI's table and JSON; named errors.
 */
import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import type { ChainResult } from "../../src/chain/runChains.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { parseExceed } from "../../src/cli/exceed.ts";
import { summarizeUntil } from "../../src/cli/until.ts";
import { normalQuantile } from "../../src/numeric/index.ts";
import { wrightFisherMeanAbsorptionTime } from "../../src/theory/index.ts";
import { runCliInProcess } from "./runInProcess.ts";

/** A result of 3 chains × generations 0…3 of one metric `m`. */
const trajectories = (rows: number[][]): ChainResult => ({
  chains: rows.length,
  generations: rows[0].length - 1,
  firstChain: 0,
  metrics: ["m"],
  values: { m: Float64Array.from(rows.flat()) },
  undefinedValues: [],
});

describe("summarizeUntil", () => {
  it("takes each chain's first generation satisfying the condition (0 included, NaN never), −1 if none", () => {
    const r = trajectories([
      [5, 3, 1, 1],
      [0.5, 2, 0, 0],
      [Number.NaN, 4, 4, 2],
    ]);
    const [below2] = parseExceed("m<2", ["m"], "--until");
    const u = summarizeUntil(r, below2);
    expect(Array.from(u.first)).toEqual([2, 0, -1]);
    expect([u.chains, u.reached, u.fraction]).toEqual([3, 2, 2 / 3]);
    expect(u.mean).toBe(1);
    const [atLeast4] = parseExceed("m>=4", ["m"], "--until");
    expect(Array.from(summarizeUntil(r, atLeast4).first)).toEqual([0, -1, 1]);
    const none = summarizeUntil(r, parseExceed("m>100", ["m"], "--until")[0]);
    expect(none.reached).toBe(0);
    expect(Number.isNaN(none.mean)).toBe(true);
    expect(none.upper).toBeLessThan(1);
  });

  it("support ≤ 1 first holds at the Wright–Fisher absorption time: its exact mean (M = 20, p = 0.3)", () => {
    const [M, p, K, T, seed] = [20, 0.3, 2000, 400, 29];
    const r = runChains(
      configFromSpec({
        truth: `categorical:p=${p}/${1 - p}`,
        family: "categorical-mle",
        regime: "replace",
        samples: M,
        generations: T,
        chains: K,
        seed,
        metrics: ["support"],
      }),
    );
    const u = summarizeUntil(r, parseExceed("support<=1", ["support"], "--until")[0]);
    expect(u.reached).toBe(K);
    const exact = wrightFisherMeanAbsorptionTime(M, p);
    const tolerance = normalQuantile(1 - 1e-4 / 2) * u.se;
    expect(
      Math.abs(u.mean - exact),
      `K = ${K}, seed ${seed}: mean ${u.mean} ± se ${u.se}, exact ${exact}, tolerance ${tolerance} (α = 1e-4)`,
    ).toBeLessThanOrEqual(tolerance);
  });
});

describe("collapse simulate --until", () => {
  const args = [
    "simulate",
    ...["--truth", "zipf:k=5,s=0", "--family", "categorical-mle", "--samples", "10"],
    ...["--generations", "300", "--chains", "50", "--seed", "3", "--metrics", "support"],
  ];

  it("prints the stopping time in the table and the JSON", async () => {
    const table = await runCliInProcess([...args, "--until", "support<=1"]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(
      /until support<=1: 50 of 50 chains by T = 300 \(1\.000 \[0\.9289, 1\.000\]\); first generation /,
    );
    const json = await runCliInProcess([...args, "--until", "support<=1", "--json"]);
    const u = JSON.parse(json.stdout).until["support<=1"];
    expect(u).toMatchObject({ chains: 50, reached: 50, fraction: 1 });
    expect(u.median).toBeGreaterThan(0);
  });

  it("names a bad condition and refuses --csv", async () => {
    const bad = await runCliInProcess([...args, "--until", "entropy<1"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--until names metric "entropy", which this run does not compute/);
    const csv = await runCliInProcess([...args, "--until", "support<=1", "--csv"]);
    expect(csv.code).not.toBe(0);
    expect(csv.stderr).toMatch(
      /--until.*cannot be used with option '--csv'|option '--csv' cannot be used with option '--until/,
    );
  });
});
