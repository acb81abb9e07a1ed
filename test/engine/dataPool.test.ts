/**
 * DataPool (the accumulate regimes' training set) against chained concatData, the definition it
 * replaces: the same union after every append for every data kind, earlier results unchanged by
 * later appends, and the shape check. Deterministic (fast-check, fixed seed).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { concatData, type Dataset } from "../../src/model/data.ts";
import { DataPool } from "../../src/model/dataPool.ts";

const SEED = 7;

const floats = (n: number) => fc.float64Array({ minLength: n, maxLength: n, noNaN: true });
const ints = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 50 }), { minLength: n, maxLength: n });

/** Data sets of one kind and shape. */
const batches: Record<Dataset["kind"], fc.Arbitrary<Dataset[]>> = {
  categorical: fc.array(
    ints(4).map((c) => ({
      kind: "categorical" as const,
      counts: Int32Array.from(c),
      size: c.reduce((a, b) => a + b, 0),
    })),
    { minLength: 1, maxLength: 12 },
  ),
  real: fc.array(
    fc
      .integer({ min: 0, max: 40 })
      .chain(floats)
      .map((values) => ({ kind: "real" as const, values })),
    { minLength: 1, maxLength: 12 },
  ),
  vector: fc.array(
    fc
      .integer({ min: 0, max: 20 })
      .chain((n) => floats(3 * n))
      .map((values) => ({ kind: "vector" as const, dim: 3, values })),
    { minLength: 1, maxLength: 12 },
  ),
  regression: fc.array(
    fc.integer({ min: 0, max: 20 }).chain((n) =>
      fc.record({
        kind: fc.constant("regression" as const),
        dim: fc.constant(2),
        X: floats(2 * n),
        y: floats(n),
        noiseVariance: fc.constantFrom(0.5, 1),
      }),
    ),
    { minLength: 1, maxLength: 12 },
  ),
  sequence: fc.array(
    fc.integer({ min: 1, max: 30 }).chain((n) =>
      fc.record({
        kind: fc.constant("sequence" as const),
        vocabSize: fc.constant(6),
        tokens: ints(n).map((t) => Int32Array.from(t, (v) => v % 6)),
        starts: fc.constant(Int32Array.of(0)),
      }),
    ),
    { minLength: 1, maxLength: 12 },
  ),
};

describe("DataPool", () => {
  it.each(Object.keys(batches) as Dataset["kind"][])(
    "%s: every append returns what chained concatData returns, and earlier results stay unchanged",
    (kind) => {
      fc.assert(
        fc.property(batches[kind], ([first, ...rest]) => {
          const pool = new DataPool(first);
          let expected: Dataset = first;
          const seen: [Dataset, Dataset][] = [];
          for (const d of rest) {
            expected = concatData(expected, d);
            const got = pool.append(d);
            expect(got).toEqual(expected);
            seen.push([got, structuredClone(expected)]);
          }
          for (const [got, snapshot] of seen) expect(got).toEqual(snapshot);
        }),
        { seed: SEED, numRuns: 60 },
      );
    },
  );

  it("refuses data of another kind or shape, naming DataPool.append", () => {
    const pool = new DataPool({ kind: "vector", dim: 2, values: new Float64Array(4) });
    expect(() => pool.append({ kind: "vector", dim: 3, values: new Float64Array(3) })).toThrow(
      /DataPool\.append: b\.dim must equal a\.dim \(2\)/,
    );
    expect(() => pool.append({ kind: "real", values: new Float64Array(3) })).toThrow(
      /DataPool\.append: b\.kind/,
    );
  });
});
