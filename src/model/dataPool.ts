import {
  concatData,
  type Dataset,
  mergedRegressionMeta,
  type RegressionData,
  type SequenceData,
  sameShape,
} from "./data.ts";

/** An append-only typed array with doubling capacity: `view()` is the prefix written so far. */
class Growable<A extends Float64Array | Int32Array> {
  length = 0;
  constructor(
    private buffer: A,
    private readonly make: (n: number) => A,
  ) {}

  /** Makes room for n more values and returns the index the next value goes to. */
  reserve(n: number): number {
    const need = this.length + n;
    if (need > this.buffer.length) {
      const bigger = this.make(Math.max(need, 2 * this.buffer.length, 16));
      bigger.set(this.buffer.subarray(0, this.length));
      this.buffer = bigger;
    }
    const at = this.length;
    this.length = need;
    return at;
  }

  append(values: A): void {
    const at = this.reserve(values.length);
    this.buffer.set(values, at);
  }

  /** Writes one reserved value. */
  put(index: number, value: number): void {
    this.buffer[index] = value;
  }

  view(): A {
    return this.buffer.subarray(0, this.length) as A;
  }
}

const floats = (values: Float64Array) => {
  const g = new Growable<Float64Array>(new Float64Array(0), (n) => new Float64Array(n));
  g.append(values);
  return g;
};
const ints = (values: Int32Array) => {
  const g = new Growable<Int32Array>(new Int32Array(0), (n) => new Int32Array(n));
  g.append(values);
  return g;
};

/**
 * A pool of data that only grows — the training set of the `accumulate` regimes: each
 * {@link DataPool.append} returns the union of everything appended so far, exactly what chaining
 * `concatData` would return (same values, same order, same metadata), in amortised time of the
 * appended part instead of a copy of the whole pool per generation (O(T·M) over T generations
 * instead of O(T²·M)). The arrays of a returned data set are views of buffers that later appends
 * only extend beyond the view's end (a full buffer is copied to a new one), so a returned data set
 * never changes afterwards. Categorical data is counts: the union adds them (O(k) per append).
 */
export class DataPool {
  private current: Dataset;
  private readonly grow: (d: Dataset) => Dataset;

  constructor(first: Dataset) {
    this.current = first;
    switch (first.kind) {
      case "categorical":
        // Counts: the union is their sum, O(k), with nothing to copy (concatData's own case).
        this.grow = (d) => concatData(this.current, d);
        break;
      case "real": {
        const values = floats(first.values);
        this.grow = (d) => {
          values.append((d as typeof first).values);
          return { kind: "real", values: values.view() };
        };
        break;
      }
      case "vector": {
        const values = floats(first.values);
        const dim = first.dim;
        this.grow = (d) => {
          values.append((d as typeof first).values);
          return { kind: "vector", dim, values: values.view() };
        };
        break;
      }
      case "regression": {
        const X = floats(first.X);
        const y = floats(first.y);
        this.grow = (d) => {
          const b = d as RegressionData;
          X.append(b.X);
          y.append(b.y);
          return {
            kind: "regression",
            dim: first.dim,
            X: X.view(),
            y: y.view(),
            ...mergedRegressionMeta(this.current as RegressionData, b),
          };
        };
        break;
      }
      case "sequence": {
        const tokens = ints(first.tokens);
        const starts = ints(first.starts);
        this.grow = (d) => {
          const b = d as SequenceData;
          const offset = tokens.length;
          tokens.append(b.tokens);
          const at = starts.reserve(b.starts.length);
          for (let i = 0; i < b.starts.length; i++) starts.put(at + i, b.starts[i] + offset);
          return {
            kind: "sequence",
            vocabSize: first.vocabSize,
            tokens: tokens.view(),
            starts: starts.view(),
          };
        };
        break;
      }
    }
  }

  /** Adds `extra` (same kind and shape as the pool) and returns the pool. */
  append(extra: Dataset): Dataset {
    sameShape("DataPool.append", this.current, extra);
    this.current = this.grow(extra);
    return this.current;
  }
}
