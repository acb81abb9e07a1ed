/**
 * Uniform integers (Lemire's multiply-and-reject up to 2^32 values, 53-bit rejection above).
 * Seeds: derive("test/sample/discrete/uniformInt", <label>), labels in the test names and logged.
 *
 * Statistical checks, each at α = 1e-6: 7 chi-square tests of uniformity — file false-alarm
 * probability ≤ 7e-6. Exact cases, laws and validation are deterministic.
 *
 * Power against modulo bias: on [0, 3·2^30 − 8] (s = 3·2^30 − 7 values), `uint32 mod s` would
 * give the first 2^30 + 7 values twice the probability of the others, i.e. the first third of
 * the range ~1/2 of the mass instead of 1/3 — rejected at any sample size used here.
 */
import { describe, expect, it } from "vitest";
import { derive } from "../../../src/rng/derive.ts";
import type { RandomStream } from "../../../src/rng/randomStream.ts";
import { fillUniformInt, uniformInt } from "../../../src/sample/uniformInt.ts";
import {
  assertFillMatchesSingle,
  assertSameOutputGivenSameSeed,
  expectInvalidParameter,
} from "../laws.ts";
import { expectChiSquare, seeded } from "../stats.ts";

const N = 240_000;

/**
 * Chi-square of draws on [low, high] in `bins` bins [low + ⌊j·s/bins⌋, low + ⌊(j+1)·s/bins⌋),
 * with probabilities proportional to the exact bin widths (all arithmetic exact below 2^53).
 */
function expectUniformBins(
  x: ArrayLike<number>,
  low: number,
  high: number,
  bins: number,
  label: string,
): void {
  const s = high - low + 1;
  const starts: number[] = [];
  for (let j = 0; j <= bins; j++) starts.push(Math.floor((j * s) / bins));
  const obs = new Float64Array(bins);
  const prob = new Float64Array(bins);
  for (let j = 0; j < bins; j++) prob[j] = (starts[j + 1] - starts[j]) / s;
  for (let i = 0; i < x.length; i++) {
    const off = x[i] - low;
    if (!(Number.isInteger(x[i]) && off >= 0 && off < s)) expect([label, x[i]]).toBe("in range");
    let lo = 0;
    let hi = bins;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (off >= starts[mid]) lo = mid;
      else hi = mid;
    }
    obs[lo]++;
  }
  expectChiSquare(obs, prob, label);
}

function draws(label: string, low: number, high: number, n: number): Float64Array {
  const s = seeded("discrete/uniformInt", label);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = uniformInt(s, low, high);
  return x;
}

describe("uniformInt: chi-square of uniformity (α = 1e-6 each)", () => {
  it("[−3, 3], every value its own cell [seed small]", () => {
    expectUniformBins(draws("small", -3, 3, N), -3, 3, 7, "small");
  });
  it("[0, 3·2^30 − 8]: not a power of two, catches modulo bias [seed modulo-bias]", () => {
    const high = 2 ** 31 + 2 ** 30 - 8;
    expectUniformBins(draws("modulo-bias", 0, high, N), 0, high, 48, "modulo-bias");
  });
  it("[0, 2^31]: 2^31 + 1 values, Lemire's redraw taken half the time [seed lemire-slow]", () => {
    expectUniformBins(draws("lemire-slow", 0, 2 ** 31, N), 0, 2 ** 31, 64, "lemire-slow");
  });
  it("[5, 5 + 2^32 − 1]: exactly 2^32 values [seed full-word]", () => {
    const high = 5 + 2 ** 32 - 1;
    expectUniformBins(draws("full-word", 5, high, N), 5, high, 64, "full-word");
  });
  it("[−2^40, 2^41 + 12345]: more than 2^32 values, 53-bit rejection [seed wide]", () => {
    const low = -(2 ** 40);
    const high = 2 ** 41 + 12345;
    expectUniformBins(draws("wide", low, high, N), low, high, 64, "wide");
  });
  it("[0, 2^53 − 1]: the largest range [seed max-range]", () => {
    const high = 2 ** 53 - 1;
    expectUniformBins(draws("max-range", 0, high, N), 0, high, 64, "max-range");
  });
  it("fill form on [−1000, 999] [seed fill]", () => {
    const x = fillUniformInt(seeded("discrete/uniformInt", "fill"), new Int32Array(N), -1000, 999);
    expectUniformBins(x, -1000, 999, 2000, "fill");
  });
});

describe("uniformInt: Lemire's step is computed exactly", () => {
  /** Reference Lemire (2019) with 64-bit BigInt products, on a given word sequence. */
  function reference(words: number[], s: number): number {
    const S = BigInt(s);
    const threshold = ((1n << 32n) - S) % S;
    let i = 0;
    for (;;) {
      const m = BigInt(words[i++]) * S;
      if ((m & 0xffffffffn) >= threshold) return Number(m >> 32n);
    }
  }
  it("matches a BigInt implementation word for word (random words, random and edge ranges)", () => {
    const src = derive("test/sample/discrete/uniformInt", "lemire-exact");
    const sizes = [2, 3, 7, 1000, 2 ** 31 - 1, 2 ** 31 + 1, 3 * 2 ** 30 - 7, 2 ** 32 - 1];
    for (let t = 0; t < 200; t++) sizes.push(2 + Math.floor(src.nextDouble() * (2 ** 32 - 3)));
    const edgeWords = [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 2, 2 ** 32 - 1];
    for (const size of sizes) {
      for (let t = 0; t < 60; t++) {
        // Word sequences mixing edge values and random words; for sizes such as 2^31 + 1 about
        // half the words are rejected, so the redraw path is exercised too.
        const words = Array.from({ length: 64 }, (_, j) =>
          (t + j) % 2 === 0 ? edgeWords[(t + j) % edgeWords.length] : src.nextUint32(),
        );
        let i = 0;
        const fake = { nextUint32: () => words[i++] } as unknown as RandomStream;
        let want: number;
        try {
          want = reference(words, size);
        } catch {
          continue; // all 64 words rejected (the reference ran out of words): nothing to compare
        }
        expect(uniformInt(fake, 0, size - 1), `size ${size}, words ${words.slice(0, 3)}`).toBe(
          want,
        );
      }
    }
  });
});

describe("uniformInt: exact cases", () => {
  it("low = high returns low and consumes no randomness", () => {
    const s = derive("test/sample/discrete/uniformInt", "degenerate");
    const before = s.state();
    expect(uniformInt(s, 7, 7)).toBe(7);
    expect(uniformInt(s, -(2 ** 53) + 1, -(2 ** 53) + 1)).toBe(-(2 ** 53) + 1);
    expect(fillUniformInt(s, new Int32Array(3), -4, -4)).toStrictEqual(Int32Array.of(-4, -4, -4));
    expect(s.state()).toStrictEqual(before);
  });
  it("the extreme safe range [−(2^53 − 1), 2^53 − 1] is rejected, one value short is not", () => {
    const s = derive("test/sample/discrete/uniformInt", "extremes");
    const v = uniformInt(s, -(2 ** 52), 2 ** 52 - 1);
    expect(Number.isSafeInteger(v)).toBe(true);
    expectInvalidParameter(
      () => uniformInt(s, -(2 ** 53 - 1), 2 ** 53 - 1),
      "uniformInt",
      "high",
      2 ** 53 - 1,
    );
  });
});

describe("uniformInt: laws", () => {
  for (const [low, high] of [
    [0, 9],
    [-(2 ** 31), 2 ** 31 - 1],
    [-5, 2 ** 31 - 1],
  ]) {
    it(`same seed ⇒ same draws; fill = repeated single draws ([${low}, ${high}])`, () => {
      assertSameOutputGivenSameSeed((s) => [uniformInt(s, low, high), uniformInt(s, low, high)], {
        key: `uniformInt-${low}-${high}`,
      });
      assertFillMatchesSingle(
        (s, out: Int32Array) => fillUniformInt(s, out, low, high),
        (s) => uniformInt(s, low, high),
        (len) => new Int32Array(len),
        { key: `fillUniformInt-${low}-${high}` },
      );
    });
  }
  it("same seed ⇒ same draws above 2^32 values", () => {
    assertSameOutputGivenSameSeed((s) => [uniformInt(s, 0, 2 ** 45), uniformInt(s, 0, 2 ** 45)], {
      key: "uniformInt-wide",
    });
  });
});

describe("uniformInt: validation", () => {
  const s = derive("test/sample/discrete/uniformInt", "validation");
  it("rejects non-integer, non-finite and unsafe bounds", () => {
    for (const bad of [0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expectInvalidParameter(() => uniformInt(s, bad, 10 ** 17), "uniformInt", "low", bad);
      expectInvalidParameter(() => uniformInt(s, 0, bad), "uniformInt", "high", bad);
    }
  });
  it("rejects low > high (empty support)", () => {
    expectInvalidParameter(() => uniformInt(s, 3, 2), "uniformInt", "high", 2);
    expectInvalidParameter(
      () => fillUniformInt(s, new Int32Array(1), 3, 2),
      "fillUniformInt",
      "high",
      2,
    );
  });
  it("fill bounds must be int32 and out an Int32Array", () => {
    expectInvalidParameter(
      () => fillUniformInt(s, new Int32Array(1), 0, 2 ** 31),
      "fillUniformInt",
      "high",
      2 ** 31,
    );
    expectInvalidParameter(
      () => fillUniformInt(s, new Int32Array(1), -(2 ** 31) - 1, 0),
      "fillUniformInt",
      "low",
      -(2 ** 31) - 1,
    );
    const bad = [0] as unknown as Int32Array;
    expectInvalidParameter(() => fillUniformInt(s, bad, 0, 1), "fillUniformInt", "out", bad);
  });
});
