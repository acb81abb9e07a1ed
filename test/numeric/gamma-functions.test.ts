import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { digamma, lbeta, lgamma, trigamma } from "../../src/numeric/index.ts";
import { AccuracyCheck, EPS, type FixtureNumber, loadFixture, num } from "./accuracy.ts";

interface Case {
  args: FixtureNumber[];
  scipy: FixtureNumber;
  mp: FixtureNumber;
}
const fx =
  loadFixture<Record<"lgamma" | "digamma" | "trigamma" | "lbeta", Case[]>>("gamma_functions.json");

describe("lgamma vs mpmath (fixture gamma_functions.json)", () => {
  it("x > 0: within 6 ε relative, including next to the zeros at 1 and 2", () => {
    // ζ-series on [1.5, 2.5] (exact zero at 2), recurrence with one log elsewhere, Stirling
    // (< 2e-18) above 10: a few roundings, ≤ 6 ε (seen ≤ 4 ε). scipy's gammaln loses relative
    // accuracy next to 1 and 2 (e.g. 2e-9 at 1 + 1e-8); the mpmath value is the reference.
    const chk = new AccuracyCheck("lgamma");
    for (const c of fx.lgamma) {
      const x = num(c.args[0]);
      if (x > 0) chk.check([x], lgamma(x), num(c.mp), { rel: 6 });
    }
    expect(chk.failures).toEqual([]);
  });

  it("x < 0: within 6 ε of the larger reflection term (absolute near the zeros of lnΓ)", () => {
    // lnΓ(x) = ln(π/|sin πx|) − lnΓ(1 − x): the result's error is ~ε times the size of the two
    // terms, which is relative except where they cancel (zeros of lnΓ on the negative axis).
    const chk = new AccuracyCheck("lgamma");
    for (const c of fx.lgamma) {
      const x = num(c.args[0]);
      if (x >= 0) continue;
      const scale =
        Math.abs(lgamma(1 - x)) + Math.abs(Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))));
      chk.check([x], lgamma(x), num(c.mp), { rel: 6, abs: 6 * EPS * scale });
    }
    expect(chk.failures).toEqual([]);
  });
});

describe("digamma / trigamma vs mpmath", () => {
  it("digamma, x > 0: within 8 ε relative, including at the root x₀ = 1.4616…", () => {
    // Taylor series about the root on [1, 2] (44 terms, < 1e-19), recurrence sums of ≤ 9
    // positive terms, asymptotic series (< 3e-19) above 10: ≤ 8 ε (seen ≤ 4 ε).
    const chk = new AccuracyCheck("digamma");
    for (const c of fx.digamma) {
      const x = num(c.args[0]);
      if (x > 0) chk.check([x], digamma(x), num(c.mp), { rel: 8 });
    }
    expect(chk.failures).toEqual([]);
  });

  it("digamma, x < 0: within 8 ε of the reflection terms", () => {
    // ψ(x) = ψ(1 − x) − π cot πx: relative accuracy is lost only where the two terms cancel.
    const chk = new AccuracyCheck("digamma");
    for (const c of fx.digamma) {
      const x = num(c.args[0]);
      if (x >= 0) continue;
      const scale = Math.abs(digamma(1 - x)) + Math.abs(Math.PI / Math.tan(Math.PI * x));
      chk.check([x], digamma(x), num(c.mp), { rel: 8, abs: 8 * EPS * scale });
    }
    expect(chk.failures).toEqual([]);
  });

  it("trigamma: within 6 ε relative (x > 0: all terms positive)", () => {
    const chk = new AccuracyCheck("trigamma");
    for (const c of fx.trigamma) {
      const x = num(c.args[0]);
      const scale = x < 0 ? Math.PI ** 2 / Math.sin(Math.PI * x) ** 2 + trigamma(1 - x) : 0;
      chk.check([x], trigamma(x), num(c.mp), { rel: 6, abs: 6 * EPS * scale });
    }
    expect(chk.failures).toEqual([]);
  });
});

describe("lbeta vs mpmath", () => {
  it("within 8 ε relative, or 8 ε·(|lnΓ(a)| + |lnΓ(b)|) absolute next to the zeros of ln B", () => {
    // Stirling differences are combined analytically, so huge arguments (1e100) cost nothing;
    // scipy's betaln is off by 6e6 ε at (0.1, 1e6).
    const chk = new AccuracyCheck("lbeta");
    for (const c of fx.lbeta) {
      const [a, b] = c.args.map(num);
      const scale = Math.min(a, b) < 2 ? Math.abs(lgamma(Math.min(a, b))) : 0;
      chk.check([a, b], lbeta(a, b), num(c.mp), { rel: 8, abs: 8 * EPS * scale });
    }
    expect(chk.failures).toEqual([]);
  });
});

describe("gamma-function identities", () => {
  // x = k/2^20 keeps x + 1 exact, so the identities test the functions, not the rounding of x + 1.
  const dyadic = fc.integer({ min: 10_000, max: 2 ** 40 }).map((k) => k / 2 ** 20);

  it("lgamma recurrence lnΓ(x + 1) = lnΓ(x) + ln x", () => {
    fc.assert(
      fc.property(dyadic, (x) => {
        const lhs = lgamma(x + 1);
        const rhs = lgamma(x) + Math.log(x);
        const scale = Math.abs(lgamma(x)) + Math.abs(Math.log(x)) + Math.abs(lhs);
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(8 * EPS * scale);
      }),
      { seed: 11, numRuns: 2000 },
    );
  });

  it("digamma recurrence ψ(x + 1) = ψ(x) + 1/x and trigamma ψ′(x + 1) = ψ′(x) − 1/x²", () => {
    fc.assert(
      fc.property(dyadic, (x) => {
        const scale = Math.abs(digamma(x)) + 1 / x + Math.abs(digamma(x + 1));
        expect(Math.abs(digamma(x + 1) - digamma(x) - 1 / x)).toBeLessThanOrEqual(8 * EPS * scale);
        const tScale = trigamma(x) + 1 / (x * x);
        expect(Math.abs(trigamma(x + 1) - trigamma(x) + 1 / (x * x))).toBeLessThanOrEqual(
          8 * EPS * tScale,
        );
      }),
      { seed: 12, numRuns: 2000 },
    );
  });

  it("lbeta is symmetric and matches exact small cases", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e8, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e8, noNaN: true }),
        (a, b) => {
          expect(lbeta(a, b)).toBe(lbeta(b, a));
        },
      ),
      { seed: 13, numRuns: 1000 },
    );
    expect(lbeta(1, 1)).toBe(0);
    expect(Math.abs(lbeta(2, 3) - Math.log(1 / 12))).toBeLessThanOrEqual(4 * EPS);
    expect(lgamma(1)).toBe(0);
    expect(lgamma(2)).toBe(0);
    expect(Math.abs(lgamma(0.5) - Math.log(Math.sqrt(Math.PI)))).toBeLessThanOrEqual(2 * EPS);
    expect(Math.abs(digamma(1) + 0.5772156649015329)).toBeLessThanOrEqual(2 * EPS);
    expect(Math.abs(trigamma(1) - Math.PI ** 2 / 6)).toBeLessThanOrEqual(4 * EPS);
    expect(lgamma(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});
