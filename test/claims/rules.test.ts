/**
 * Decision rules against references from test/fixtures/make_verdict_fixtures.py, and exact cases.
 * Clopper–Pearson references are 50-digit mpmath roots of the binomial tails (scipy's
 * proportion_ci, kept in the fixture for comparison, is off by 3e-7 relative at k=3, n=1e5).
 * Our bounds are Beta quantiles solved to adjacent doubles on an incomplete beta accurate to
 * ≤ 18·|ln p|·ε; with |ln p| ≤ 16 here and condition numbers ≤ 1/k ≤ 1 that is < 1e-12 relative.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  boundRule,
  clopperPearson,
  evaluateScenario,
  lookCount,
  meanEquals,
  meanEqualsRule,
  orderingRule,
  probabilityRule,
  sureRule,
} from "../../src/verdict/index.ts";

const fx = JSON.parse(
  readFileSync(new URL("../fixtures/verdict/scipy.json", import.meta.url), "utf8"),
);
const rel = (a: number, b: number) =>
  a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe("decision rules vs scipy", () => {
  it("Clopper–Pearson intervals (50-digit mpmath references)", () => {
    for (const c of fx.clopperPearson) {
      const a = (1 - c.conf) / 2;
      const [lo, hi] = clopperPearson(c.k, c.n, a, a);
      expect(rel(lo, c.low), JSON.stringify(c)).toBeLessThanOrEqual(1e-12);
      expect(rel(hi, c.high), JSON.stringify(c)).toBeLessThanOrEqual(1e-12);
    }
  });

  it("exact binomial p-values of the probability rule (scipy binomtest, one-sided)", () => {
    for (const c of fx.binomialTests) {
      const atLeast = probabilityRule(c.k, c.n, c.p, "at-least", { alpha: 0.05 });
      const atMost = probabilityRule(c.k, c.n, c.p, "at-most", { alpha: 0.05 });
      expect(rel(atLeast.pValue, c.less), JSON.stringify(c)).toBeLessThanOrEqual(1e-12);
      expect(rel(atMost.pValue, c.greater), JSON.stringify(c)).toBeLessThanOrEqual(1e-12);
      expect(atLeast.outcome === "refuted").toBe(c.less < 0.05);
      expect(atMost.outcome === "refuted").toBe(c.greater < 0.05);
    }
  });

  it("one-sample t-test statistic and p-value (scipy ttest_1samp)", () => {
    for (const c of fx.tTests) {
      const e = meanEqualsRule(Float64Array.from(c.x), c.mu0, { alpha: 0.01, precision: 10 });
      expect(
        rel(e.statistic, c.statistic),
        `statistic ${JSON.stringify(c.mu0)}`,
      ).toBeLessThanOrEqual(1e-12);
      expect(rel(e.pValue, c.p), `p ${c.p}`).toBeLessThanOrEqual(1e-9);
      expect(e.outcome === "refuted").toBe(c.p < 0.01);
    }
  });

  it("sign test p-values (scipy binomtest with p = ½)", () => {
    for (const c of fx.signTests) {
      const a = new Float64Array(c.pos + c.neg + 3);
      const b = new Float64Array(a.length);
      for (let i = 0; i < c.pos; i++) a[i] = 1;
      for (let i = c.pos; i < c.pos + c.neg; i++) b[i] = 1; // 3 ties at the end, dropped
      const e = orderingRule(a, b, { alpha: 0.01, method: "sign" });
      expect(rel(e.pValue, c.less)).toBeLessThanOrEqual(1e-12);
      expect(e.replicates).toBe(c.pos + c.neg);
      expect(e.outcome).toBe(
        c.less < 0.01 ? "refuted" : c.greater < 0.01 ? "supported" : "inconclusive",
      );
    }
  });
});

describe("decision rules: outcomes", () => {
  const x = Float64Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 0.9 : 1.1));
  it("mean-equals: supported with enough precision, inconclusive without, refuted when wrong", () => {
    expect(meanEqualsRule(x, 1, { alpha: 1e-6, variance: 0.01, precision: 0.05 }).outcome).toBe(
      "supported",
    );
    expect(meanEqualsRule(x, 1, { alpha: 1e-6, variance: 0.01, precision: 0.001 }).outcome).toBe(
      "inconclusive",
    );
    expect(meanEqualsRule(x, 1.2, { alpha: 1e-6, variance: 0.01, precision: 0.05 }).outcome).toBe(
      "refuted",
    );
  });

  it("bound: refuted only when the lower bound exceeds B", () => {
    expect(boundRule(x, 1.05, "at-most", { alpha: 1e-6 }).outcome).toBe("supported");
    expect(boundRule(x, 0.999, "at-most", { alpha: 1e-6 }).outcome).toBe("inconclusive");
    expect(boundRule(x, 0.95, "at-most", { alpha: 1e-6 }).outcome).toBe("refuted");
    expect(boundRule(x, 0.95, "at-least", { alpha: 1e-6 }).outcome).toBe("supported");
  });

  it("sure: one violation refutes and is located", () => {
    const e = sureRule(
      [{ replicate: 3, detail: "generation 7: support 5 > 4" }],
      10,
      "support never grows",
    );
    expect(e.outcome).toBe("refuted");
    expect(e.violation).toBe("replicate 3, generation 7: support 5 > 4");
    expect(sureRule([], 10, "x").outcome).toBe("supported");
  });

  it("rejects invalid input with named errors", () => {
    expect(() => meanEqualsRule(x, Number.NaN, { alpha: 0.01, precision: 1 })).toThrow(
      /meanEquals: expected .*got NaN/,
    );
    expect(() => meanEqualsRule(x, 0, { alpha: 0.7, precision: 1 })).toThrow(
      /meanEquals: alpha must be in \(0, 0.5\), got 0.7/,
    );
    expect(() =>
      meanEqualsRule(Float64Array.from([1, Number.POSITIVE_INFINITY]), 0, {
        alpha: 0.01,
        precision: 1,
      }),
    ).toThrow(/meanEquals: values\[1\] must be finite/);
    expect(() => probabilityRule(5, 4, 0.5, "at-least", { alpha: 0.01 })).toThrow(
      /probability: successes .*got 5/,
    );
    expect(() => clopperPearson(1, 0, 0.05, 0.05)).toThrow(/clopperPearson: n .*got 0/);
  });
});

describe("sequential evaluation", () => {
  it("doubles replicates while inconclusive, reuses earlier ones, splits α over checks × looks", () => {
    const calls: [number, number][] = [];
    const v = evaluateScenario(
      [meanEquals("x", 0, { variance: 1, precision: 0.3 })],
      (first, count) => {
        calls.push([first, count]);
        // Deterministic values with mean 0 and variance 1.
        return {
          x: Float64Array.from({ length: count }, (_, i) => ((first + i) % 2 === 0 ? 1 : -1)),
        };
      },
      { alpha: 1e-6, replicates: 100, maxReplicates: 1600 },
    );
    expect(lookCount(100, 1600)).toBe(5);
    expect(v.alphaPerTest).toBe(1e-6 / 5);
    // Detectable effect (z_{1−α/10} + z_0.9)·1/√n ≤ 0.3 first holds at n = 800.
    expect(calls).toEqual([
      [0, 100],
      [100, 100],
      [200, 200],
      [400, 400],
    ]);
    expect(v.outcome).toBe("supported");
    expect(v.replicates).toBe(800);
  });
});

describe("degenerate samples and margins", () => {
  const same = new Float64Array(50).fill(0.3);
  it("zero spread is inconclusive for t-based rules, never a refutation", () => {
    expect(meanEqualsRule(same, 0.2, { alpha: 1e-6, precision: 0.5 }).outcome).toBe("inconclusive");
    expect(boundRule(same, 0.1, "at-most", { alpha: 1e-6 }).outcome).toBe("inconclusive");
    expect(orderingRule(same, new Float64Array(50), { alpha: 1e-6 }).outcome).toBe("inconclusive");
    // With an exact variance the z-test is decisive as usual.
    expect(meanEqualsRule(same, 0.2, { alpha: 1e-6, variance: 0.01, precision: 0.5 }).outcome).toBe(
      "refuted",
    );
  });

  it("a bound's margin lets a mean sitting on the bound be supported, and never blocks a refutation", () => {
    const x = Float64Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 0.9 : 1.1));
    expect(boundRule(x, 1, "at-most", { alpha: 1e-6 }).outcome).toBe("inconclusive");
    expect(boundRule(x, 1, "at-most", { alpha: 1e-6, margin: 0.05 }).outcome).toBe("supported");
    expect(boundRule(x, 0.9, "at-most", { alpha: 1e-6, margin: 0.5 }).outcome).toBe("refuted");
    expect(() => boundRule(x, 1, "at-most", { alpha: 1e-6, margin: -1 })).toThrow(
      /bound: margin must be finite and >= 0, got -1/,
    );
  });
});
