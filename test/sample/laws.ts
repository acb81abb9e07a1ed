/**
 * Reusable laws for samplers, in the spirit of fast-check's
 * `assertProduceSameValueGivenSameSeed`: a sampler is a pure function of its stream.
 *
 * Both laws run as fast-check properties with a fixed fast-check seed (so a failure always
 * reproduces) over stream root seeds and, for the fill law, output lengths. They also check that
 * the compared calls consumed exactly the same number of words (identical stream state afterwards),
 * so a fill form that reads the stream in a different order or amount is caught even when the
 * values happen to agree.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { derive } from "../../src/rng/derive.ts";
import type { RandomStream } from "../../src/rng/randomStream.ts";
import { formatValue, InvalidParameterError } from "../../src/util/validate.ts";

/** Options shared by the laws. */
export interface LawOptions {
  /** Number of fast-check runs (default 25). */
  readonly numRuns?: number;
  /** Key mixed into every derived stream, so different callers use different streams. */
  readonly key?: string;
  /** fast-check's own seed (default 20240501): fixed so that a failure always reproduces. */
  readonly seed?: number;
  /** Largest output length tried by the fill laws (default 257). */
  readonly maxLength?: number;
}

const DEFAULT_FC_SEED = 20240501;

function streamPair(root: number, key: string): [RandomStream, RandomStream] {
  return [derive(root, "laws", key), derive(root, "laws", key)];
}

/**
 * Two streams derived from the same key give the same output (compared with `toStrictEqual`,
 * which distinguishes -0 from 0 and compares typed arrays element by element) and are left in the
 * same state.
 */
export function assertSameOutputGivenSameSeed(
  draw: (s: RandomStream) => unknown,
  options: LawOptions = {},
): void {
  const key = options.key ?? "same-seed";
  fc.assert(
    fc.property(fc.nat(), (root) => {
      const [s1, s2] = streamPair(root, key);
      const a = draw(s1);
      const b = draw(s2);
      expect(a).toStrictEqual(b);
      expect(s1.state()).toStrictEqual(s2.state());
    }),
    { numRuns: options.numRuns ?? 25, seed: options.seed ?? DEFAULT_FC_SEED },
  );
}

/**
 * The fill form equals repeated single draws: `fill(s1, make(n))` returns the very array it was
 * given, holding `single(s2)` drawn n times in order (including n = 0 and n = 1), and both streams
 * end in the same state.
 */
export function assertFillMatchesSingle<T extends Float64Array | Int32Array>(
  fill: (s: RandomStream, out: T) => T,
  single: (s: RandomStream) => number,
  make: (n: number) => T,
  options: LawOptions = {},
): void {
  const key = options.key ?? "fill-matches-single";
  const maxLength = options.maxLength ?? 257;
  fc.assert(
    fc.property(fc.nat(), fc.integer({ min: 0, max: maxLength }), (root, n) => {
      const [s1, s2] = streamPair(root, key);
      const out = make(n);
      const returned = fill(s1, out);
      expect(returned).toBe(out);
      const expected = make(n);
      for (let i = 0; i < n; i++) expected[i] = single(s2);
      expect(out).toStrictEqual(expected);
      expect(s1.state()).toStrictEqual(s2.state());
    }),
    { numRuns: options.numRuns ?? 25, seed: options.seed ?? DEFAULT_FC_SEED },
  );
}

/**
 * Row-wise variant for vector samplers: `fill(s1, out)` over a row-major `rows × rowLength` array
 * equals `single(s2)` drawn once per row, in order, and both streams end in the same state.
 */
export function assertFillRowsMatchSingle(
  fill: (s: RandomStream, out: Float64Array) => Float64Array,
  single: (s: RandomStream) => ArrayLike<number>,
  rowLength: number,
  options: LawOptions = {},
): void {
  const key = options.key ?? "fill-rows-match-single";
  const maxRows = options.maxLength ?? 64;
  fc.assert(
    fc.property(fc.nat(), fc.integer({ min: 0, max: maxRows }), (root, rows) => {
      const [s1, s2] = streamPair(root, key);
      const out = new Float64Array(rows * rowLength);
      const returned = fill(s1, out);
      expect(returned).toBe(out);
      const expected = new Float64Array(rows * rowLength);
      for (let r = 0; r < rows; r++) expected.set(single(s2), r * rowLength);
      expect(out).toStrictEqual(expected);
      expect(s1.state()).toStrictEqual(s2.state());
    }),
    { numRuns: options.numRuns ?? 25, seed: options.seed ?? DEFAULT_FC_SEED },
  );
}

/**
 * `fn()` throws an InvalidParameterError whose message starts with `api:` and names `parameter`
 * and the offending value (rendered as `formatValue` does: NaN, Infinity, -0 stay visible).
 */
export function expectInvalidParameter(
  fn: () => unknown,
  api: string,
  parameter: string,
  value: unknown,
): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, `${api} should reject ${parameter} = ${formatValue(value)}`).toBeInstanceOf(
    InvalidParameterError,
  );
  const message = (error as InvalidParameterError).message;
  expect(message.startsWith(`${api}: `), message).toBe(true);
  expect(message).toContain(parameter);
  expect(message).toContain(`got ${formatValue(value)}`);
}
