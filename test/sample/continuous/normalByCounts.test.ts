/**
 * fillNormalByCounts (the mixture and KDE sampler's kernel) is, word for word, successive
 * fillNormal calls on consecutive slices — checked as a property over random counts, means and
 * variances with fixed seeds (deterministic: no false alarms) — and refuses what fillNormal
 * refuses, for a component that is drawn.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { derive } from "../../../src/rng/index.ts";
import { fillNormal } from "../../../src/sample/index.ts";
import { fillNormalByCounts } from "../../../src/sample/normal.ts";

describe("fillNormalByCounts", () => {
  it("writes exactly what fillNormal writes slice by slice, and leaves the stream in the same state", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            count: fc.nat({ max: 30 }),
            mean: fc.double({ min: -1e3, max: 1e3, noNaN: true }),
            variance: fc.double({ min: 1e-6, max: 1e3, noNaN: true }),
          }),
          { minLength: 1, maxLength: 20 },
        ),
        fc.nat(),
        (components, seed) => {
          const counts = Int32Array.from(components, (c) => c.count);
          const n = counts.reduce((a, b) => a + b, 0);
          const a = derive(seed, "by-counts");
          const b = derive(seed, "by-counts");
          const got = fillNormalByCounts(
            a,
            new Float64Array(n),
            counts,
            components.map((c) => c.mean),
            components.map((c) => c.variance),
          );
          const expected = new Float64Array(n);
          let pos = 0;
          for (const c of components) {
            if (c.count === 0) continue;
            fillNormal(b, expected.subarray(pos, pos + c.count), c.mean, Math.sqrt(c.variance));
            pos += c.count;
          }
          expect(got).toEqual(expected);
          expect(a.nextInt32()).toBe(b.nextInt32());
        },
      ),
      { seed: 20261207, numRuns: 200 },
    );
  });

  it("refuses a drawn component with variance 0 or a non-finite mean, as fillNormal does; skips undrawn ones", () => {
    const s = derive(1, "by-counts-errors");
    expect(() =>
      fillNormalByCounts(s, new Float64Array(2), Int32Array.of(1, 1), [0, 0], [1, 0]),
    ).toThrow(/fillNormal: sd must be finite and > 0/);
    expect(() =>
      fillNormalByCounts(s, new Float64Array(1), Int32Array.of(1), [Number.NaN], [1]),
    ).toThrow(/fillNormal: mean/);
    expect(
      fillNormalByCounts(s, new Float64Array(1), Int32Array.of(0, 1), [Number.NaN, 0], [0, 1]),
    ).toHaveLength(1);
  });
});
