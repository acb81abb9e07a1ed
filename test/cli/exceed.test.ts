/** `collapse simulate --exceed`: exceedance probabilities per generation with exact intervals. */
import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { generationValues } from "../../src/chain/summarize.ts";
import { parseExceed, summarizeExceed } from "../../src/cli/exceed.ts";
import { chiSquareCdf, normalQuantile } from "../../src/numeric/index.ts";
import { runCliInProcess } from "./runInProcess.ts";

describe("parseExceed", () => {
  it("reads metric, comparison and decimal threshold", () => {
    expect(parseExceed("variance<0.01, support>=2,kl>1e-3", ["variance", "support", "kl"])).toEqual(
      [
        { label: "variance<0.01", metric: "variance", op: "<", threshold: 0.01 },
        { label: "support>=2", metric: "support", op: ">=", threshold: 2 },
        { label: "kl>1e-3", metric: "kl", op: ">", threshold: 1e-3 },
      ],
    );
  });

  it("names the bad condition: empty item, no comparison, hex or infinite threshold, a metric not computed", () => {
    const m = ["variance"];
    expect(() => parseExceed("variance<1,", m)).toThrow(/--exceed.*no empty item/);
    expect(() => parseExceed("variance=1", m)).toThrow(
      /--exceed.*<metric><op><number>.*"variance=1"/,
    );
    expect(() => parseExceed("variance<0x10", m)).toThrow(/--exceed.*"variance<0x10"/);
    expect(() => parseExceed("variance<Infinity", m)).toThrow(/--exceed/);
    expect(() => parseExceed("support>1", m)).toThrow(
      /names metric "support".*add it to --metrics/,
    );
  });
});

describe("summarizeExceed", () => {
  const run = (chains: number, seed: number) =>
    runChains(
      configFromSpec({
        truth: "gaussian",
        family: "gaussian-mle",
        regime: "replace",
        samples: 5,
        generations: 1,
        chains,
        seed,
        metrics: ["variance"],
      }),
    );

  it("counts the chains of the engine's own values, and the interval at 0 and n has its closed form", () => {
    const r = run(50, 11);
    const [c] = parseExceed("variance<0.6", ["variance"]);
    const e = summarizeExceed(r, c);
    const v = generationValues(r, "variance", 1);
    const below = v.filter((x) => x < 0.6).length;
    expect(e.fraction[1]).toBe(below / 50);
    expect(e.chains[1]).toBe(50);
    // Generation 0 is the truth (variance 1 in every chain): 0 of 50 below, so the exact
    // Clopper–Pearson upper bound is 1 − 0.025^(1/50) and the lower bound 0.
    expect(e.fraction[0]).toBe(0);
    expect(e.lower[0]).toBe(0);
    expect(e.upper[0]).toBeCloseTo(1 - 0.025 ** (1 / 50), 12);
    const [all] = parseExceed("variance>=1", ["variance"]);
    const a = summarizeExceed(r, all);
    expect(a.fraction[0]).toBe(1);
    expect(a.lower[0]).toBeCloseTo(0.025 ** (1 / 50), 12);
    expect(a.upper[0]).toBe(1);
  });

  it("matches the exact law: P(σ̂²₁ < ε) = P(χ²_{M−1} < Mε/σ²) for the Gaussian MLE (seed 7; false-alarm 0.1%)", () => {
    const K = 4000;
    const r = run(K, 7);
    for (const eps of [0.3, 0.6, 1.2]) {
      const [c] = parseExceed(`variance<${eps}`, ["variance"]);
      const f = summarizeExceed(r, c).fraction[1];
      const p = chiSquareCdf(5 * eps, 4);
      // Three conditions, each two-sided at 0.1%/3: a binomial proportion within z·√(p(1−p)/K).
      const tol = normalQuantile(1 - 0.001 / 6) * Math.sqrt((p * (1 - p)) / K);
      expect(Math.abs(f - p), `ε ${eps}: observed ${f}, exact ${p}, tolerance ${tol}`).toBeLessThan(
        tol,
      );
    }
  });
});

describe("collapse simulate --exceed", () => {
  const args = [
    "simulate",
    "--truth",
    "zipf:k=20,s=1.1",
    "--family",
    "categorical-mle",
    "--samples",
    "30",
    "--generations",
    "10",
    "--chains",
    "40",
    "--metrics",
    "support",
  ];

  it("--json carries fraction, interval and chains per condition; --csv adds P(...) rows", async () => {
    const j = await runCliInProcess([...args, "--exceed", "support<10", "--json"]);
    expect(j.code, j.stderr).toBe(0);
    const out = JSON.parse(j.stdout);
    expect(Object.keys(out.exceed)).toEqual(["support<10"]);
    const e = out.exceed["support<10"];
    expect(e.fraction).toHaveLength(11);
    expect(e.chains).toEqual(Array(11).fill(40));
    for (let t = 0; t <= 10; t++) {
      expect(e.lower95[t]).toBeLessThanOrEqual(e.fraction[t]);
      expect(e.upper95[t]).toBeGreaterThanOrEqual(e.fraction[t]);
    }
    // Support never grows under categorical-MLE replace, so P(support < 10) never falls.
    for (let t = 1; t <= 10; t++) expect(e.fraction[t]).toBeGreaterThanOrEqual(e.fraction[t - 1]);
    const c = await runCliInProcess([...args, "--exceed", "support<10", "--csv"]);
    const rows = c.stdout.trim().split("\n");
    expect(rows[0]).toBe("generation,metric,mean,se,median,q05,q95,q25,q75,lower95,upper95");
    const p = rows.filter((r) => r.split(",")[1] === "P(support<10)");
    expect(p).toHaveLength(11);
    expect(Number(p[10].split(",")[2])).toBe(e.fraction[10]);
    for (const row of rows) expect(row.split(",")).toHaveLength(11);
  });

  it("a condition on a metric the run does not compute is a named error before any chain runs", async () => {
    const r = await runCliInProcess([...args, "--exceed", "entropy<1"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^collapse: simulate: --exceed names metric "entropy"/);
  });
});
