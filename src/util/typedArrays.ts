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

/**
 * An allocator of zero-filled arrays of one type from size-classed slabs: class c holds lengths
 * in (2^(c−1), 2^c], and its slab has room for {@link ARRAYS_PER_SLAB} of the longest. Each
 * allocator is its own closure, so the calls in a hot loop stay monomorphic.
 */
function slabAllocator<A extends Float64Array | Int32Array>(Typed: {
  new (length: number): A;
  new (buffer: ArrayBuffer, offset: number, length: number): A;
  readonly BYTES_PER_ELEMENT: number;
}): (n: number) => A {
  const slabs: (ArrayBuffer | undefined)[] = new Array(CLASSES).fill(undefined);
  const used = new Int32Array(CLASSES);
  const bytes = Typed.BYTES_PER_ELEMENT;
  return (n) => {
    if (n > SLAB_MAX_LENGTH) return new Typed(n);
    const c = n <= 1 ? 0 : 32 - Math.clz32(n - 1);
    let slab = slabs[c];
    let at = used[c];
    if (slab === undefined || at + n > ARRAYS_PER_SLAB << c) {
      slab = new ArrayBuffer(bytes * (ARRAYS_PER_SLAB << c));
      slabs[c] = slab;
      at = 0;
    }
    used[c] = at + n;
    return new Typed(slab, bytes * at, n);
  };
}

/** A zero-filled Float64Array of length n (an integer ≥ 0), as `new Float64Array(n)`. */
export const allocFloat64: (n: number) => Float64Array = slabAllocator(Float64Array);

/** A zero-filled Int32Array of length n (an integer ≥ 0), as `new Int32Array(n)`. */
export const allocInt32: (n: number) => Int32Array = slabAllocator(Int32Array);
