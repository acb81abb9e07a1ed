/**
 * Small typed arrays without the cost of allocating each one.
 *
 * Why: on Node 20 every `new Float64Array(n)` allocates and registers its own backing store,
 * ~1–2 µs whatever n (measured: filling 100 normals into a fresh array costs 3× filling a reused
 * one; 10 normals, 8×). A chain allocates a data set and a model per generation, so for small M
 * the allocations, not the draws, set the speed of `runChains`.
 *
 * {@link allocFloat64} and {@link allocInt32} return zero-filled arrays of length n exactly like
 * `new Float64Array(n)` / `new Int32Array(n)`: views of a slab (an ArrayBuffer) shared with
 * arrays of similar length (a view costs ~50 ns, `subarray` ~80 ns: it looks up the species
 * constructor). A region is never handed out twice, so an array stays valid and
 * private for as long as it is referenced. What differs from `new`:
 * - `.buffer` is shared with other arrays (`byteOffset` may be non-zero): never transfer,
 *   detach or reinterpret it; `slice()` or `Float64Array.from()` for an array of one's own;
 * - a referenced array keeps its slab alive: at most 32× its own length (size classes by powers
 *   of two, 16 arrays of the class's largest length per slab);
 * - lengths above {@link SLAB_MAX_LENGTH} are allocated directly (there the allocation is
 *   negligible next to filling the array).
 */

/** Longest array carved from a slab; longer ones are allocated directly. */
export const SLAB_MAX_LENGTH = 4096;
/** Arrays of a size class's largest length per slab. */
const ARRAYS_PER_SLAB = 16;
const CLASSES = 32 - Math.clz32(SLAB_MAX_LENGTH - 1) + 1;

interface Slabs {
  /** The current slab of each size class. */
  readonly slab: (ArrayBuffer | undefined)[];
  /** Elements of it handed out. */
  readonly used: Int32Array;
}

const float64: Slabs = {
  slab: new Array(CLASSES).fill(undefined),
  used: new Int32Array(CLASSES),
};
const int32: Slabs = {
  slab: new Array(CLASSES).fill(undefined),
  used: new Int32Array(CLASSES),
};

/** Size class of length n ≥ 1: the c with 2^(c−1) < n ≤ 2^c (class 0 holds n ≤ 1). */
function sizeClass(n: number): number {
  return n <= 1 ? 0 : 32 - Math.clz32(n - 1);
}

/** A zero-filled Float64Array of length n (an integer ≥ 0), as `new Float64Array(n)`. */
export function allocFloat64(n: number): Float64Array {
  if (n > SLAB_MAX_LENGTH) return new Float64Array(n);
  const c = sizeClass(n);
  let slab = float64.slab[c];
  let used = float64.used[c];
  if (slab === undefined || used + n > ARRAYS_PER_SLAB << c) {
    slab = new ArrayBuffer(Float64Array.BYTES_PER_ELEMENT * (ARRAYS_PER_SLAB << c));
    float64.slab[c] = slab;
    used = 0;
  }
  float64.used[c] = used + n;
  return new Float64Array(slab, Float64Array.BYTES_PER_ELEMENT * used, n);
}

/** A zero-filled Int32Array of length n (an integer ≥ 0), as `new Int32Array(n)`. */
export function allocInt32(n: number): Int32Array {
  if (n > SLAB_MAX_LENGTH) return new Int32Array(n);
  const c = sizeClass(n);
  let slab = int32.slab[c];
  let used = int32.used[c];
  if (slab === undefined || used + n > ARRAYS_PER_SLAB << c) {
    slab = new ArrayBuffer(Int32Array.BYTES_PER_ELEMENT * (ARRAYS_PER_SLAB << c));
    int32.slab[c] = slab;
    used = 0;
  }
  int32.used[c] = used + n;
  return new Int32Array(slab, Int32Array.BYTES_PER_ELEMENT * used, n);
}
