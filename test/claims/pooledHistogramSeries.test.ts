/**
 * pooledHistogramSeries (a claim's histogram chart from count metrics pooled over replicates):
 * equal to binning the pooled raw values directly, for random values and edges; undefined
 * replicates left out; bad counts named. claimHistograms (the report's check of a claim's
 * `tables.histograms`) rejects charts whose shape does not match. Deterministic: no false alarms.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pooledHistogramSeries } from "../../src/claims/pooledHistogramSeries.ts";
import { claimHistograms } from "../../src/report/contract/body.ts";

/** Replicate r's count of values < edge, as `seq-ppl-count:below=edge` gives it. */
const countBelow = (values: readonly number[], edge: number) =>
  values.filter((v) => v < edge).length;

describe("pooledHistogramSeries", () => {
  it("equals direct binning of the pooled values into [e_b, e_b+1), the rest outside", () => {
    fc.assert(
      fc.property(
        // Per generation, per replicate: a few values (perplexities, any positive size).
        fc.array(
          fc.array(fc.array(fc.double({ min: 0.5, max: 2000, noNaN: true }), { maxLength: 12 }), {
            minLength: 1,
            maxLength: 5,
          }),
          { minLength: 1, maxLength: 3 },
        ),
        fc.uniqueArray(fc.double({ min: 1, max: 1000, noNaN: true }), {
          minLength: 2,
          maxLength: 8,
        }),
        (byGeneration, rawEdges) => {
          const edges = [...rawEdges].sort((a, b) => a - b);
          const replicates = Math.min(...byGeneration.map((g) => g.length));
          const gens = byGeneration.map((g) => g.slice(0, replicates));
          const below = gens.map((g) =>
            edges.map((e) => Float64Array.from(g, (values) => countBelow(values, e))),
          );
          const total = gens.map((g) => Float64Array.from(g, (values) => values.length));
          const s = pooledHistogramSeries("demo", below, total);
          for (const [i, g] of gens.entries()) {
            const pooled = g.flat();
            const direct = edges
              .slice(0, -1)
              .map((lo, b) => pooled.filter((v) => v >= lo && v < edges[b + 1]).length);
            expect(s.counts[i]).toEqual(direct);
            expect(s.outside[i]).toBe(
              pooled.filter((v) => v < edges[0] || v >= edges[edges.length - 1]).length,
            );
          }
        },
      ),
      { seed: 20261207, numRuns: 200 },
    );
  });

  it("leaves a replicate with an undefined count out of that generation only", () => {
    const below = [
      [Float64Array.of(1, Number.NaN), Float64Array.of(3, 5)],
      [Float64Array.of(0, 2), Float64Array.of(1, 4)],
    ];
    const total = [Float64Array.of(4, Number.NaN), Float64Array.of(2, 6)];
    const s = pooledHistogramSeries("x", below, total);
    expect(s.counts).toEqual([[2], [3]]);
    expect(s.outside).toEqual([2, 5]);
  });

  it("names bad counts and shapes", () => {
    const ok = [Float64Array.of(1), Float64Array.of(2)];
    expect(() => pooledHistogramSeries("x", [ok], [Float64Array.of(1)])).toThrow(
      /pooledHistogramSeries: total\[0\]\[0\] must be a count .* that does not fall as the edge rises \(the previous is 2\), got 1/,
    );
    expect(() =>
      pooledHistogramSeries("x", [[Float64Array.of(2), Float64Array.of(1)]], [Float64Array.of(3)]),
    ).toThrow(/below\[0\]\[1\]\[0\] must be a count/);
    expect(() =>
      pooledHistogramSeries(
        "x",
        [[Float64Array.of(0.5), Float64Array.of(1)]],
        [Float64Array.of(3)],
      ),
    ).toThrow(/below\[0\]\[0\]\[0\] must be a count \(an integer ≥ 0\)/);
    expect(() =>
      pooledHistogramSeries(
        "x",
        [ok, [Float64Array.of(1)]],
        [Float64Array.of(3), Float64Array.of(3)],
      ),
    ).toThrow(/below\[1\] must hold a count per edge \(2, as below\[0\]\), got 1/);
    expect(() => pooledHistogramSeries("x", [ok], [])).toThrow(
      /below must hold one entry per generation/,
    );
    expect(() => pooledHistogramSeries("x", [ok], [Float64Array.of(3, 4)])).toThrow(
      /below\[0\]\[0\] must be a Float64Array of one count per replicate \(2, as total\[0\]\), got 1/,
    );
  });
});

describe("claimHistograms: a claim's tables.histograms in its report", () => {
  const chart = (over: Record<string, unknown> = {}, series: Record<string, unknown> = {}) => ({
    id: "ppl",
    title: "Per-sentence perplexity",
    metric: "seq-ppl-count",
    xLabel: "perplexity",
    scale: "log10",
    unit: "sentences",
    edges: [1, 10, 100],
    generations: [1, 3],
    note: "n",
    series: [
      {
        label: "replace",
        spec: null,
        counts: [
          [1, 2],
          [3, 0],
        ],
        outside: [0, 1],
        ...series,
      },
    ],
    ...over,
  });

  it("keeps a chart of the right shape, unit included", () => {
    const [c] = claimHistograms("demo", [chart()]);
    expect(c.unit).toBe("sentences");
    expect(c.series[0].counts).toEqual([
      [1, 2],
      [3, 0],
    ]);
    // The unit defaults to chains, as for the canonical histograms.
    const { unit: _, ...withoutUnit } = chart();
    expect(claimHistograms("demo", [withoutUnit])[0].unit).toBe("chains");
  });

  it("names a chart whose counts, edges or generations do not match", () => {
    expect(() => claimHistograms("demo", [chart({}, { counts: [[1, 2]] })])).toThrow(
      /^demo: histograms ppl, series "replace": counts and outside need one entry per generation \(2\), got 1 and 2/,
    );
    expect(() => claimHistograms("demo", [chart({}, { counts: [[1], [3]] })])).toThrow(
      /counts\[0\] needs 2 bins \(one per pair of edges\), got 1/,
    );
    expect(() => claimHistograms("demo", [chart({ edges: [1, 100, 10] })])).toThrow(
      /edges must be finite and strictly ascending, got 1, 100, 10/,
    );
    expect(() => claimHistograms("demo", [chart({ edges: [0, 10, 100] })])).toThrow(
      /edges of a log10 scale must be > 0, got 0/,
    );
    expect(() =>
      claimHistograms("demo", [
        chart(
          {},
          {
            counts: [
              [1.5, 2],
              [3, 0],
            ],
          },
        ),
      ]),
    ).toThrow(/histograms do not match the schema/);
  });
});
