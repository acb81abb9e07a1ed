/**
 * Multinomial sampler (conditional binomials). Seeds: derive("test/sample/discrete/multinomial",
 * <label>), labels in the test names and logged; the fast-check properties use fixed fast-check
 * seeds (stated below).
 *
 * Statistical checks, each at α = 1e-6:
 * - chi-square of marginals against Binomial(n, p_i): 5 + 4 + 3 = 12;
 * - chi-square of the joint law of a 3-cell, n = 5 multinomial against its exact pmf: 2
 *   (normalised p, and unnormalised integer weights through `multinomialUnchecked`);
 * - moments for p = (0.5, 0.2, 0, 0.15, 0.1, 0.05), n = 40: 5 means n·p_i, 5 variances
 *   n·p_i(1 − p_i), and 3 variances of pair sums X_i + X_j ~ Binomial(n, p_i + p_j), which
 *   with the marginal variances pin down Cov(X_i, X_j) = −n·p_i·p_j: 13.
 * Total 27 checks, file false-alarm probability ≤ 2.7e-5. Everything else is deterministic.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binomialCdf, binomialPmf, binomialSf } from "../../../src/numeric/index.ts";
import { derive } from "../../../src/rng/derive.ts";
import type { RandomStream } from "../../../src/rng/randomStream.ts";
import {
  fillMultinomial,
  multinomial,
  multinomialUnchecked,
} from "../../../src/sample/multinomial.ts";
import { zipfProbabilities } from "../../../src/sample/zipf.ts";
import {
  assertFillRowsMatchSingle,
  assertSameOutputGivenSameSeed,
  expectInvalidParameter,
} from "../laws.ts";
import {
  expectChiSquare,
  expectIntegerChiSquare,
  expectMean,
  expectVariance,
  seeded,
} from "../stats.ts";

/** `rows` multinomial draws, row-major. */
function draws(stream: RandomStream, rows: number, n: number, p: ArrayLike<number>): Int32Array {
  return fillMultinomial(stream, n, p, new Int32Array(rows * p.length));
}

/** Column `j` of a row-major rows × k matrix. */
function column(x: Int32Array, k: number, j: number): Int32Array {
  const rows = x.length / k;
  const c = new Int32Array(rows);
  for (let r = 0; r < rows; r++) c[r] = x[r * k + j];
  return c;
}

function binomialMarginal(c: Int32Array, n: number, p: number, label: string): void {
  const mu = n * p;
  const sigma = Math.sqrt(n * p * (1 - p));
  const lo = Math.max(0, Math.floor(mu - 8 * sigma - 2));
  const hi = Math.min(n, Math.ceil(mu + 8 * sigma + 2));
  expectIntegerChiSquare(
    c,
    (k) => binomialPmf(k, n, p),
    lo,
    hi,
    binomialCdf(lo - 1, n, p),
    binomialSf(hi, n, p),
    label,
  );
}

/** Every row sums to n, has no negative count, and is 0 wherever p is 0. */
function expectValidRows(x: Int32Array, n: number, p: ArrayLike<number>, label: string): void {
  const k = p.length;
  for (let r = 0; r < x.length / k; r++) {
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const v = x[r * k + j];
      if (v < 0 || (p[j] === 0 && v !== 0)) expect([label, r, j, v]).toBe("a valid count");
      sum += v;
    }
    if (sum !== n) expect([label, r, sum]).toBe(n);
  }
}

describe("multinomial: marginals are Binomial(n, p_i) (chi-square, α = 1e-6 each)", () => {
  it("p = (0.5, 0.2, 0, 0.15, 0.1, 0.05), n = 100 [seed marginals-small]", () => {
    const p = [0.5, 0.2, 0, 0.15, 0.1, 0.05];
    const n = 100;
    const x = draws(seeded("discrete/multinomial", "marginals-small"), 100_000, n, p);
    expectValidRows(x, n, p, "marginals-small");
    for (const j of [0, 1, 3, 4, 5]) {
      binomialMarginal(column(x, p.length, j), n, p[j], `marginals-small cell ${j}`);
    }
  });

  it("the benchmark setting: Zipf(1.1) over k = 100, n = 1000 [seed marginals-zipf]", () => {
    const p = zipfProbabilities(100, 1.1);
    const n = 1000;
    const x = draws(seeded("discrete/multinomial", "marginals-zipf"), 40_000, n, p);
    expectValidRows(x, n, p, "marginals-zipf");
    // Cell 0 goes through BTPE (n·p ≈ 234), cells 5 and 30 through inversion, cell 99 is the
    // remainder.
    for (const j of [0, 5, 30, 99]) {
      binomialMarginal(column(x, 100, j), n, p[j], `marginals-zipf cell ${j}`);
    }
  });

  it("n = 1e6, p = (0.3, 0.3, 0.4): flipped BTPE conditionals [seed marginals-large]", () => {
    const p = [0.3, 0.3, 0.4];
    const n = 1_000_000;
    const x = draws(seeded("discrete/multinomial", "marginals-large"), 100_000, n, p);
    expectValidRows(x, n, p, "marginals-large");
    for (let j = 0; j < 3; j++) {
      binomialMarginal(column(x, 3, j), n, p[j], `marginals-large cell ${j}`);
    }
  });
});

describe("multinomial: joint law of a 3-cell, n = 5 draw (chi-square, α = 1e-6 each)", () => {
  const n = 5;
  const p = [0.2, 0.5, 0.3];
  /** Exact multinomial pmf over the 21 outcomes (a, b, 5 − a − b), indexed a·6 + b. */
  function exactJoint(): Float64Array {
    const fact = [1, 1, 2, 6, 24, 120];
    const prob = new Float64Array(36);
    for (let a = 0; a <= n; a++) {
      for (let b = 0; a + b <= n; b++) {
        const c = n - a - b;
        prob[a * 6 + b] =
          (fact[n] / (fact[a] * fact[b] * fact[c])) * p[0] ** a * p[1] ** b * p[2] ** c;
      }
    }
    return prob;
  }
  function observedJoint(x: Int32Array): Float64Array {
    const obs = new Float64Array(36);
    for (let r = 0; r < x.length / 3; r++) {
      if (x[r * 3] + x[r * 3 + 1] + x[r * 3 + 2] !== n) expect(x.slice(r * 3, r * 3 + 3)).toBe(n);
      obs[x[r * 3] * 6 + x[r * 3 + 1]]++;
    }
    return obs;
  }
  /** Drops the 15 impossible (a + b > 5) cells, which have probability 0 and are never hit. */
  function possible(v: Float64Array): Float64Array {
    const out: number[] = [];
    for (let a = 0; a <= n; a++) for (let b = 0; a + b <= n; b++) out.push(v[a * 6 + b]);
    return Float64Array.from(out);
  }

  it("p = (0.2, 0.5, 0.3) [seed joint-p]", () => {
    const x = draws(seeded("discrete/multinomial", "joint-p"), 200_000, n, p);
    const r = expectChiSquare(possible(observedJoint(x)), possible(exactJoint()), "joint-p");
    expect(r.cells).toBeGreaterThanOrEqual(19);
  });

  it("unnormalised integer weights (2, 5, 3), total 10, via multinomialUnchecked [seed joint-w]", () => {
    const s = seeded("discrete/multinomial", "joint-w");
    const w = Int32Array.of(2, 5, 3);
    const rows = 200_000;
    const x = new Int32Array(rows * 3);
    const row = new Int32Array(3);
    for (let r = 0; r < rows; r++) x.set(multinomialUnchecked(s, n, w, row, 10), r * 3);
    expectChiSquare(possible(observedJoint(x)), possible(exactJoint()), "joint-w");
  });
});

describe("multinomial: means and covariances (α = 1e-6 each)", () => {
  it("p = (0.5, 0.2, 0, 0.15, 0.1, 0.05), n = 40 [seed moments]", () => {
    const p = [0.5, 0.2, 0, 0.15, 0.1, 0.05];
    const n = 40;
    const rows = 200_000;
    const x = draws(seeded("discrete/multinomial", "moments"), rows, n, p);
    /** Checks mean and variance of a Binomial(n, q) column. */
    const binomialMoments = (c: ArrayLike<number>, q: number, label: string): void => {
      const v = n * q * (1 - q);
      expectMean(c, n * q, v, label);
      expectVariance(c, v, 3 * v * v + v * (1 - 6 * q * (1 - q)), label);
    };
    for (const j of [0, 1, 3, 4, 5]) {
      const c = column(x, 6, j);
      const label = `moments cell ${j}`;
      binomialMoments(c, p[j], label);
    }
    // Var(X_i + X_j) = Var X_i + Var X_j + 2 Cov(X_i, X_j); X_i + X_j ~ Binomial(n, p_i + p_j),
    // so this checks Cov(X_i, X_j) = −n p_i p_j (given the marginal variances checked above).
    for (const [i, j] of [
      [0, 1],
      [3, 4],
      [0, 5],
    ]) {
      const a = column(x, 6, i);
      const b = column(x, 6, j);
      const sum = a.map((v, r) => v + b[r]);
      const q = p[i] + p[j];
      const v = n * q * (1 - q);
      expectVariance(sum, v, 3 * v * v + v * (1 - 6 * q * (1 - q)), `moments pair ${i}+${j}`);
    }
  });
});

describe("multinomial: exact cases and properties", () => {
  it("one-hot p gives n in that cell and consumes no randomness", () => {
    const s = derive("test/sample/discrete/multinomial", "one-hot");
    const before = s.state();
    for (const hot of [0, 3, 6]) {
      const p = new Float64Array(7);
      p[hot] = 1;
      const out = multinomial(s, 12345, p, new Int32Array(7).fill(-1));
      const expected = new Int32Array(7);
      expected[hot] = 12345;
      expect(out).toStrictEqual(expected);
    }
    expect(multinomial(s, 0, [0.5, 0.5], new Int32Array(2).fill(9))).toStrictEqual(
      new Int32Array(2),
    );
    expect(s.state()).toStrictEqual(before);
  });

  it("counts sum to n, are ≥ 0, and are 0 where p is 0 (fast-check, seed 424242)", () => {
    const weight = fc.oneof(
      fc.constant(0),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 1e-300, max: 1e-10, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.array(weight, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.nat(),
        (w, n, root) => {
          const total = w.reduce((a, b) => a + b, 0);
          fc.pre(total > 0);
          const p = w.map((v) => v / total);
          const s = derive("test/sample/discrete/multinomial", "property", root);
          const checked = multinomial(s, n, p, new Int32Array(p.length));
          const unchecked = multinomialUnchecked(s, n, w, new Int32Array(w.length), total);
          for (const [out, probs] of [
            [checked, p],
            [unchecked, w],
          ] as const) {
            let sum = 0;
            for (let i = 0; i < out.length; i++) {
              expect(out[i]).toBeGreaterThanOrEqual(0);
              if (probs[i] === 0) expect(out[i]).toBe(0);
              sum += out[i];
            }
            expect(sum).toBe(n);
          }
        },
      ),
      { numRuns: 300, seed: 424242 },
    );
  });

  it("a conditional probability rounded to ≥ 1 gives the cell everything that is left", () => {
    // After cell 0 the remaining mass is 1 − 0.6 = 0.4 < 0.4 + 1e-10: cell 1 takes all that is
    // left (the trailing 1e-20 cell cannot be reached at double precision anyway).
    const s = derive("test/sample/discrete/multinomial", "clamp");
    const w = [0.6, 0.4 + 1e-10, 1e-20];
    for (let i = 0; i < 100; i++) {
      const out = multinomialUnchecked(s, 1000, w, new Int32Array(3), 1);
      expect(out[0] + out[1]).toBe(1000);
      expect(out[2]).toBe(0);
    }
  });

  it("multinomialUnchecked may write over its weights (in-place refit)", () => {
    const counts = Int32Array.of(0, 400, 0, 350, 250, 0);
    const a = derive("test/sample/discrete/multinomial", "in-place");
    const b = derive("test/sample/discrete/multinomial", "in-place");
    const copy = counts.slice();
    for (let gen = 0; gen < 50; gen++) {
      const fresh = multinomialUnchecked(b, 1000, copy, new Int32Array(6), 1000);
      multinomialUnchecked(a, 1000, counts, counts, 1000);
      expect(counts).toStrictEqual(fresh);
      copy.set(fresh);
    }
  });

  it("rejects all-zero weights when n > 0 (unchecked form; an O(1) by-product)", () => {
    const s = derive("test/sample/discrete/multinomial", "zero-weights");
    expect(() => multinomialUnchecked(s, 3, [0, 0], new Int32Array(2))).toThrow(
      "multinomialUnchecked: p must have a positive entry when n > 0",
    );
    expect(multinomialUnchecked(s, 0, [0, 0], new Int32Array(2))).toStrictEqual(new Int32Array(2));
  });
});

describe("multinomial: laws", () => {
  const p = zipfProbabilities(20, 1.1);
  it("same seed ⇒ same draws (checked, unchecked, fill)", () => {
    assertSameOutputGivenSameSeed((s) => multinomial(s, 1000, p, new Int32Array(20)), {
      key: "multinomial",
    });
    assertSameOutputGivenSameSeed(
      (s) => multinomialUnchecked(s, 77, [3, 0, 1, 5], new Int32Array(4), 9),
      { key: "multinomialUnchecked" },
    );
    assertSameOutputGivenSameSeed((s) => fillMultinomial(s, 50, p, new Int32Array(60)), {
      key: "fillMultinomial",
    });
  });
  it("fill rows = repeated single draws", () => {
    assertFillRowsMatchSingle(
      (s, out: Float64Array) => {
        const counts = fillMultinomial(s, 1000, p, new Int32Array(out.length));
        out.set(counts);
        return out;
      },
      (s) => multinomial(s, 1000, p, new Int32Array(20)),
      20,
      { key: "fillMultinomial-rows" },
    );
  });
});

describe("multinomial: validation", () => {
  const s = derive("test/sample/discrete/multinomial", "validation");
  const p = [0.25, 0.75];
  it("rejects bad n", () => {
    for (const n of [1.5, -1, Number.NaN, 2 ** 31]) {
      expectInvalidParameter(() => multinomial(s, n, p, new Int32Array(2)), "multinomial", "n", n);
      expectInvalidParameter(
        () => fillMultinomial(s, n, p, new Int32Array(4)),
        "fillMultinomial",
        "n",
        n,
      );
    }
  });
  it("rejects bad p", () => {
    const sumOff = [0.5, 0.49];
    expectInvalidParameter(
      () => multinomial(s, 3, sumOff, new Int32Array(2)),
      "multinomial",
      "p",
      sumOff,
    );
    expectInvalidParameter(
      () => multinomial(s, 3, [0.5, -0.1, 0.6], new Int32Array(3)),
      "multinomial",
      "p[1]",
      -0.1,
    );
    expectInvalidParameter(
      () => multinomial(s, 3, [Number.NaN, 1], new Int32Array(2)),
      "multinomial",
      "p[0]",
      Number.NaN,
    );
    expectInvalidParameter(
      () => multinomial(s, 3, [0.5, Number.POSITIVE_INFINITY], new Int32Array(2)),
      "multinomial",
      "p[1]",
      Number.POSITIVE_INFINITY,
    );
    expectInvalidParameter(() => multinomial(s, 3, [], new Int32Array(0)), "multinomial", "p", []);
    expectInvalidParameter(
      () => fillMultinomial(s, 3, sumOff, new Int32Array(2)),
      "fillMultinomial",
      "p",
      sumOff,
    );
  });
  it("accepts a sum off by less than 1e-9 and rejects one off by more", () => {
    expect(multinomial(s, 10, [0.5, 0.5 + 5e-10], new Int32Array(2))).toHaveLength(2);
    const off = [0.5, 0.5 + 2e-9];
    expectInvalidParameter(
      () => multinomial(s, 10, off, new Int32Array(2)),
      "multinomial",
      "p",
      off,
    );
  });
  it("rejects a bad output array", () => {
    expectInvalidParameter(
      () => multinomial(s, 3, p, new Int32Array(3)),
      "multinomial",
      "out.length",
      3,
    );
    const bad = new Float64Array(2) as unknown as Int32Array;
    expectInvalidParameter(() => multinomial(s, 3, p, bad), "multinomial", "out", bad);
    expectInvalidParameter(
      () => fillMultinomial(s, 3, p, new Int32Array(5)),
      "fillMultinomial",
      "out.length",
      5,
    );
  });
});
