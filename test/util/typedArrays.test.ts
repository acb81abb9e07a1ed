/**
 * allocFloat64 / allocInt32 behave as `new Float64Array(n)` / `new Int32Array(n)`: the right
 * length, zero-filled, and private (no two live arrays share an element), with the documented
 * bound on the slab a small array keeps alive. Deterministic properties (fast-check, fixed seed).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocFloat64, allocInt32, SLAB_MAX_LENGTH } from "../../src/util/typedArrays.ts";

const SEED = 20261207;

describe.each([
  ["allocFloat64", allocFloat64, 8],
  ["allocInt32", allocInt32, 4],
] as const)("%s", (_name, alloc, bytes) => {
  it("returns zero-filled arrays of the requested length that never overlap", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 * SLAB_MAX_LENGTH }), { minLength: 1, maxLength: 40 }),
        (lengths) => {
          const arrays = lengths.map((n) => alloc(n));
          // Every array fresh (zeros), then each marked with its own index + 1.
          for (const [j, a] of arrays.entries()) {
            expect(a.length).toBe(lengths[j]);
            expect(a.every((v) => v === 0)).toBe(true);
            a.fill(j + 1);
          }
          // A shared element would show another array's mark.
          for (const [j, a] of arrays.entries()) expect(a.every((v) => v === j + 1)).toBe(true);
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });

  it("a small array keeps at most 32× its own size alive; a large one is its own buffer", () => {
    for (const n of [1, 2, 3, 5, 100, 1000, SLAB_MAX_LENGTH]) {
      const a = alloc(n);
      expect(a.buffer.byteLength).toBeLessThanOrEqual(32 * n * bytes);
    }
    const big = alloc(SLAB_MAX_LENGTH + 1);
    expect(big.byteOffset).toBe(0);
    expect(big.buffer.byteLength).toBe((SLAB_MAX_LENGTH + 1) * bytes);
  });
});
