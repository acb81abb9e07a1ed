/**
 * replicateSeries (a claim's report chart from per-generation replicate values): summaries equal
 * the numeric layer's mean, standard error and type-7 quantiles of the defined values; undefined
 * values and unrecorded generations carry reasons into the report; bad input is a named error.
 * Deterministic inputs: no false alarms.
 */
import { describe, expect, it } from "vitest";
import { replicateSeries } from "../../src/claims/replicateSeries.ts";
import { jsonSafe } from "../../src/claims/verifyClaim.ts";
import { mean, quantile, standardDeviation } from "../../src/numeric/index.ts";
import { claimTrajectories } from "../../src/report/contract/body.ts";

const g1 = Float64Array.of(3, 1, 4, 1, 5, 9, 2, 6);
const g2 = Float64Array.of(2, 7, Number.NaN, 8, 2, 8, Number.NaN, 1);

describe("replicateSeries", () => {
  const s = replicateSeries("demo", [g1, g2], { firstGeneration: 1, chains: 3 });

  it("summarises each generation's defined values (mean, se, type-7 quantiles)", () => {
    for (const [i, x] of [g1, g2].entries()) {
      const d = x.filter((v) => !Number.isNaN(v));
      const t = i + 1;
      expect(s.defined[t]).toBe(d.length);
      expect(s.mean[t]).toBe(mean(d));
      expect(s.se[t]).toBeCloseTo(standardDeviation(d, 1) / Math.sqrt(d.length), 14);
      expect([s.q05[t], s.q25[t], s.median[t], s.q75[t], s.q95[t]]).toEqual(
        [0.05, 0.25, 0.5, 0.75, 0.95].map((q) => quantile(d, q)),
      );
    }
    expect(s.chains.map((c) => c.values)).toEqual([
      ["undefined", 3, 2],
      ["undefined", 1, 7],
      ["undefined", 4, "undefined"],
    ]);
  });

  it("says why values are undefined: before the first generation, and NaN replicates", () => {
    expect(s.mean[0]).toBe("undefined");
    expect(s.defined[0]).toBe(0);
    expect(s.undefinedValues).toEqual([
      { generation: 0, chains: 8, reason: "not recorded: the series starts at generation 1" },
      {
        generation: 2,
        chains: 2,
        reason: "the observation is undefined (NaN) for these replicates",
      },
    ]);
    // The report keeps those reasons on the chart's non-finite values.
    const [chart] = claimTrajectories(
      "demo-claim",
      jsonSafe([{ id: "demo", title: "Demo", metric: "x", series: [s] }]),
    );
    expect(chart.series[0].mean[0]).toEqual({
      value: "undefined",
      reason: "not recorded: the series starts at generation 1",
    });
    expect(chart.series[0].chains[2].values[2]).toEqual({
      value: "undefined",
      reason: "the observation is undefined (NaN) for these replicates",
    });
  });

  it("refuses ragged or empty input and bad options, naming the parameter", () => {
    expect(() => replicateSeries("x", [])).toThrow(/replicateSeries: byGeneration must hold/);
    expect(() => replicateSeries("x", [g1, Float64Array.of(1)])).toThrow(
      /replicateSeries: byGeneration\[1\] must be a Float64Array of the same length as byGeneration\[0\] \(8\), got 1/,
    );
    expect(() => replicateSeries("x", [g1], { firstGeneration: -1 })).toThrow(
      /replicateSeries: firstGeneration must be an integer >= 0/,
    );
    expect(() => replicateSeries("x", [g1], { chains: 1.5 })).toThrow(/replicateSeries: chains/);
  });
});
