/**
 * docs/peers.md lists every peer experiment next to the `collapse simulate` line that runs it.
 * Every fenced block tagged `sh peer=<id>` holds one such command; this file runs each one in
 * process at small scale (exit 0, parseable JSON, the settings of the line) and, for the lines
 * whose setting has a closed form, checks the simulated values against that theory.
 *
 * Calibration of the theory checks: each check compares the mean over K chains with its exact
 * expectation at a few generations, by a two-sided z-test (exact variance where the theory gives
 * it, else the printed standard error, K ≥ 2000 so the CLT holds), at level α_check split evenly
 * (Bonferroni) over its generations; the bound checks use the CLI's exact 95% Clopper–Pearson
 * interval one-sidedly. With the fixed seed printed in each failure message a failure
 * reproduces exactly; a wrong law fails by many standard errors.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { truthFromSpec } from "../../src/chain/specs.ts";
import { normalQuantile } from "../../src/numeric/index.ts";
import {
  accumulateGaussianMeanErrorMoments,
  freshDataGaussianVariance,
  gaussianMleVarianceMoments,
  inverseSquareSum,
  olsTestErrorMoments,
  seddikSegregatingBounds,
  sureshStdBound,
  sureshSurvivalBounds,
  weightedFreshGaussianMeanError,
} from "../../src/theory/index.ts";
import { DEFAULT_TEXT_FILE } from "../../src/truths/text.ts";
import { runCliInProcess } from "../cli/runInProcess.ts";

const DOC = new URL("../../docs/peers.md", import.meta.url);

/** A `sh peer=<id>` block of docs/peers.md: its id, 1-based line and command words. */
interface PeerLine {
  readonly id: string;
  readonly line: number;
  readonly words: readonly string[];
}

/**
 * Splits one shell command into words the way `sh` would for these lines: single and double
 * quotes group (and are removed), a backslash-newline continues the line, whitespace separates.
 */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: "'" | '"' | undefined;
  const text = command.replace(/\\\n/g, " ");
  for (const ch of text) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote !== undefined) throw new Error(`unterminated ${quote} quote in: ${command}`);
  if (inWord) words.push(word);
  return words;
}

/** The `sh peer=<id>` blocks of a Markdown document, in order. */
function peerLines(markdown: string): PeerLine[] {
  const lines = markdown.split("\n");
  const found: PeerLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```sh peer=([a-z0-9-]+)\s*$/.exec(lines[i]);
    if (open === null) continue;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && lines[j] !== "```") body.push(lines[j++]);
    if (j === lines.length) throw new Error(`peers.md:${i + 1}: block ${open[1]} is not closed`);
    found.push({ id: open[1], line: i + 1, words: shellWords(body.join("\n")) });
    i = j;
  }
  return found;
}

/** The value of `--name` in a word list (the next word), or undefined. */
function option(words: readonly string[], name: string): string | undefined {
  const i = words.indexOf(name);
  return i < 0 ? undefined : words[i + 1];
}

/** A copy of the word list with `--name`'s value replaced (the option must be present). */
function withOption(words: readonly string[], name: string, value: string): string[] {
  const i = words.indexOf(name);
  if (i < 0) throw new Error(`${name} missing from: ${words.join(" ")}`);
  return [...words.slice(0, i + 1), value, ...words.slice(i + 2)];
}

/**
 * The peers' data files the lines name: built here from the GNU GPL-3 text (the `text` truth's
 * default corpus). The unigram counts use Suresh et al.'s tokenisation: lower-case, split on
 * runs of non-word characters (`re.sub(r"\W+", " ", text.lower()).split()`).
 */
async function placeholderFiles(): Promise<Record<string, string>> {
  const text = await readFile(DEFAULT_TEXT_FILE, "utf8");
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().split(/\W+/)) {
    if (word !== "") counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const dir = mkdtempSync(join(tmpdir(), "collapse-peers-"));
  const countsFile = join(dir, "wikitext2-unigram.counts");
  writeFileSync(countsFile, [...counts].map(([w, c]) => `${w} ${c}\n`).join(""));
  return { "wikitext2-unigram.counts": countsFile, "train_sampled.txt": DEFAULT_TEXT_FILE };
}

/** Replaces a placeholder `file=<name>` in the --truth spec by the file built for it. */
function substituteFiles(words: readonly string[], files: Record<string, string>): string[] {
  const truth = option(words, "--truth") ?? "";
  const m = /file=([^,]+)/.exec(truth);
  if (m === null) return [...words];
  const path = files[m[1]];
  if (path === undefined) throw new Error(`peers.md names an unknown data file ${m[1]}`);
  return withOption(words, "--truth", truth.replace(m[0], `file=${path}`));
}

/**
 * The CLI arguments (after `npx collapse`) of a line at another scale, printing JSON: `cap`
 * lowers --chains, --generations (and --samples when given) to at most the given values (the smoke
 * runs), `set` replaces --chains and --generations by them (the theory checks).
 */
function scaled(
  peer: PeerLine,
  files: Record<string, string>,
  scale: { chains: number; generations: number; samples?: number; seed?: number },
  mode: "cap" | "set",
): string[] {
  let words = substituteFiles(peer.words.slice(2), files);
  const adjust = (name: string, value: number) => {
    const given = Number(option(words, name));
    words = withOption(words, name, String(mode === "cap" ? Math.min(given, value) : value));
  };
  adjust("--chains", scale.chains);
  adjust("--generations", scale.generations);
  if (scale.samples !== undefined) adjust("--samples", scale.samples);
  return [...words, "--seed", String(scale.seed ?? 1), "--json"];
}

interface SimulateJson {
  readonly config: {
    truth: string;
    family: string;
    regime: string;
    samples: number;
    generations: number;
    chains: number;
    seed: number;
    metrics: string[];
  };
  readonly generations: number[];
  readonly metrics: Record<string, { mean: number[]; se: number[] }>;
  readonly exceed?: Record<string, { fraction: number[]; lower95: number[]; upper95: number[] }>;
}

async function simulate(args: readonly string[]): Promise<SimulateJson> {
  const r = await runCliInProcess(args);
  expect(r.escaped, `collapse ${args.join(" ")}\n${r.stderr}`).toBeUndefined();
  expect(r.code, `collapse ${args.join(" ")}\n${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout) as SimulateJson;
}

const markdown = await readFile(DOC, "utf8");
const PEERS = peerLines(markdown);
const FILES = await placeholderFiles();
const byId = (id: string): PeerLine => {
  const p = PEERS.find((x) => x.id === id);
  if (p === undefined) throw new Error(`docs/peers.md has no block sh peer=${id}`);
  return p;
};

/** Smoke scale: enough to run every code path of a line, small enough for the whole file < 10 s. */
const SMOKE = { chains: 20, generations: 3, samples: 10_000 };

describe("docs/peers.md command blocks", () => {
  it("are well-formed: unique ids, one `npx collapse simulate` each with the options the test scales", () => {
    expect(PEERS.length).toBeGreaterThanOrEqual(20);
    const ids = PEERS.map((p) => p.id);
    expect(new Set(ids).size, `duplicate ids in ${ids.join(", ")}`).toBe(ids.length);
    for (const p of PEERS) {
      const where = `docs/peers.md:${p.line} (${p.id})`;
      expect(p.words.slice(0, 3), where).toEqual(["npx", "collapse", "simulate"]);
      for (const name of ["--truth", "--family", "--samples", "--generations", "--chains"]) {
        expect(option(p.words, name), `${where}: ${name}`).toBeDefined();
      }
      // Output format and seed are the test's to choose.
      for (const name of ["--json", "--csv", "--seed", "--per-chain"]) {
        expect(p.words.includes(name), `${where}: ${name}`).toBe(false);
      }
    }
  });

  it("shellWords groups quotes and joins continued lines", () => {
    expect(shellWords("a --exceed 'sd>0.1' \\\n  \"x y\" b")).toEqual([
      "a",
      "--exceed",
      "sd>0.1",
      "x y",
      "b",
    ]);
    expect(() => shellWords("a 'b")).toThrow(/unterminated/);
  });

  it.each(PEERS.map((p) => [p.id, p] as const))(
    "%s runs at small scale with the line's settings",
    async (_id, peer) => {
      const args = scaled(peer, FILES, SMOKE, "cap");
      const out = await simulate(args);
      const T = Math.min(Number(option(peer.words, "--generations")), SMOKE.generations);
      const where = `docs/peers.md:${peer.line}: collapse ${args.join(" ")}`;
      expect(out.config.family, where).toBe(option(peer.words, "--family"));
      expect(out.config.regime, where).toBe(option(peer.words, "--regime") ?? "replace");
      expect(out.config.chains, where).toBe(
        Math.min(Number(option(peer.words, "--chains")), SMOKE.chains),
      );
      expect(out.generations, where).toEqual(Array.from({ length: T + 1 }, (_, t) => t));
      const metrics = option(peer.words, "--metrics")?.split(",") ?? out.config.metrics;
      expect(out.config.metrics, where).toEqual(metrics);
      for (const m of metrics) expect(out.metrics[m].mean, `${where}: ${m}`).toHaveLength(T + 1);
      const exceed = option(peer.words, "--exceed");
      if (exceed !== undefined) {
        expect(Object.keys(out.exceed ?? {}), where).toEqual(exceed.split(","));
      }
    },
  );
});

/** The chains' mean of `metric` against exact means (and exact variances when given) at `ts`. */
function expectMeans(
  out: SimulateJson,
  metric: string,
  ts: readonly number[],
  exact: (t: number) => { mean: number; variance?: number },
  alpha: number,
): void {
  const K = out.config.chains;
  // The printed standard error stands in for the exact one only with many chains (CLT).
  expect(K, `chains of the ${metric} check`).toBeGreaterThanOrEqual(2000);
  const z = normalQuantile(1 - alpha / (2 * ts.length));
  for (const t of ts) {
    const { mean, variance } = exact(t);
    const se = variance === undefined ? out.metrics[metric].se[t] : Math.sqrt(variance / K);
    const actual = out.metrics[metric].mean[t];
    const tolerance = z * se;
    expect(
      Math.abs(actual - mean),
      `${metric} at t=${t}, seed ${out.config.seed}, K=${K}, M=${out.config.samples}: ` +
        `expected ${mean}, actual ${actual}, tolerance ${tolerance} (z=${z.toFixed(2)}, α=${alpha})`,
    ).toBeLessThanOrEqual(tolerance);
  }
}

/** Per-check false-alarm probability; 10 checks keep the file's total at most 10⁻³. */
const ALPHA = 1e-4;
const CHECK = { chains: 2000, generations: 5, seed: 20261207 };

describe("peer lines against exact theory (α = 1e-4 per check, fixed seed 20261207)", () => {
  it("kazdan-gaussian-replace-d1: E[σ²_t] = ((M−1)/M)^t, the MLE decay", async () => {
    const out = await simulate(scaled(byId("kazdan-gaussian-replace-d1"), FILES, CHECK, "set"));
    const M = out.config.samples;
    expectMeans(out, "variance", [1, 3, 5], (t) => gaussianMleVarianceMoments(M, t), ALPHA);
  });

  it("kazdan-gaussian-accumulate-d1: E‖μ_t − μ₀‖² follows the exact accumulate recursion", async () => {
    const out = await simulate(scaled(byId("kazdan-gaussian-accumulate-d1"), FILES, CHECK, "set"));
    const n = out.config.samples;
    expectMeans(
      out,
      "mean-error",
      [1, 3, 5],
      (t) => accumulateGaussianMeanErrorMoments(n, t),
      ALPHA,
    );
  });

  it("suresh-gaussian-trajectories: the unbiased σ²_t has mean σ² and E σ⁴_t = ((M+1)/(M−1))^t", async () => {
    const out = await simulate(scaled(byId("suresh-gaussian-trajectories"), FILES, CHECK, "set"));
    const M = out.config.samples;
    // σ²_t = σ²Π S_i with S_i i.i.d. χ²_{M−1}/(M−1): E S = 1, E S² = (M+1)/(M−1).
    expectMeans(
      out,
      "variance",
      [1, 3, 5],
      (t) => ({ mean: 1, variance: ((M + 1) / (M - 1)) ** t - 1 }),
      ALPHA,
    );
  });

  it("suresh-bernoulli-trajectories: p̂_t is a martingale with Var = p₀(1−p₀)(1 − (1−1/n)^t)", async () => {
    const out = await simulate(scaled(byId("suresh-bernoulli-trajectories"), FILES, CHECK, "set"));
    const n = out.config.samples;
    const p0 = 0.2;
    expectMeans(
      out,
      "tail-mass",
      [1, 3, 5],
      (t) => ({ mean: p0, variance: p0 * (1 - p0) * (1 - (1 - 1 / n) ** t) }),
      ALPHA,
    );
  });

  it("kazdan-regression-replace and -accumulate: E‖w_t − w*‖² = σ²d·(t or Σ1/i²)/(n − d − 1)", async () => {
    for (const [id, s2] of [
      ["kazdan-regression-replace", (t: number) => t],
      ["kazdan-regression-accumulate", (t: number) => inverseSquareSum(t)],
    ] as const) {
      // Three generations: each accumulate fit refits the whole pool, the costliest check here.
      const out = await simulate(scaled(byId(id), FILES, { ...CHECK, generations: 3 }, "set"));
      const d = 10;
      const sigma = 1;
      expect(out.config.truth, id).toMatch(/d=10,sigma=1/);
      expectMeans(
        out,
        "test-error",
        [1, 2, 3],
        (t) => olsTestErrorMoments(d, out.config.samples, sigma * sigma * s2(t)),
        ALPHA,
      );
    }
  });

  it("kazdan-kde-moons: E[tr Cov_t] = a^t·V₀ + M·d·h²·(1 − a^t), a = 1 − 1/M (the KDE's variance drifts up)", async () => {
    const peer = byId("kazdan-kde-moons");
    // Only the variance is checked: nll's 500 held-out points × M centres per value would cost
    // 2000 chains × 6 generations of O(500·M·d) for nothing this check reads.
    const out = await simulate(
      withOption(scaled(peer, FILES, CHECK, "set"), "--metrics", "variance"),
    );
    const M = out.config.samples;
    const truth = option(peer.words, "--truth") ?? "";
    const h = Number(/bandwidth=([0-9.]+)/.exec(option(peer.words, "--family") ?? "")?.[1]);
    const v0 = truthFromSpec(truth).summaries.variance as number;
    const d = 2;
    const a = 1 - 1 / M;
    expectMeans(
      out,
      "variance",
      [1, 3, 5],
      (t) => ({ mean: a ** t * v0 + M * d * h * h * (1 - a ** t) }),
      ALPHA,
    );
  });

  it("kazdan-discrete-replace: E[1 − Σp²_t] = (1 − 1/n)^t (1 − 1/k)", async () => {
    const out = await simulate(scaled(byId("kazdan-discrete-replace"), FILES, CHECK, "set"));
    const n = out.config.samples;
    const k = 100;
    expectMeans(
      out,
      "heterozygosity",
      [1, 3, 5],
      (t) => ({ mean: (1 - 1 / n) ** t * (1 - 1 / k) }),
      ALPHA,
    );
  });

  it("he-fresh-unweighted and bertrand-fresh-lambda: E[σ²_t] follows the exact fresh-data recursion", async () => {
    for (const id of ["he-fresh-unweighted", "bertrand-fresh-lambda"]) {
      const out = await simulate(scaled(byId(id), FILES, CHECK, "set"));
      const M = out.config.samples;
      const regime = option(byId(id).words, "--regime") ?? "";
      const lambda = /lambda=([0-9.]+)/.exec(regime);
      const real = lambda
        ? Math.round(M / (1 + Number(lambda[1])))
        : Number(/real=(\d+)/.exec(regime)?.[1]);
      // Generation 1 is fitted to n₀ real samples (first=, default M): E σ²_1 = (n₀ − 1)/n₀ and
      // E(μ_1 − μ)² = 1/n₀; the recursion runs from there.
      const n0 = Number(/first=(\d+)/.exec(regime)?.[1] ?? M);
      const start = { variance: (n0 - 1) / n0, meanError: 1 / n0 };
      const a = freshDataGaussianVariance(M, real, 4, start).variance;
      expectMeans(out, "variance", [1, 3, 5], (t) => ({ mean: a[t - 1] }), ALPHA);
    }
  });

  it("he-weighted-golden and he-weighted-k4: E(μ_t − μ)² and E σ²_t follow the exact weighted recursion", async () => {
    for (const id of ["he-weighted-golden", "he-weighted-k4"]) {
      const peer = byId(id);
      const out = await simulate(scaled(peer, FILES, CHECK, "set"));
      const regime = option(peer.words, "--regime") ?? "";
      const read = (key: string) => Number(new RegExp(`${key}=([0-9.]+)`).exec(regime)?.[1]);
      const [n, w, first] = [read("real"), read("weight"), read("first")];
      const m = out.config.samples - n;
      expect(option(peer.words, "--family"), id).toBe("gaussian-mle");
      expect(out.config.truth, id).toMatch(/sd=1$/);
      // gaussian-mle: ddof 0. The squared error's exact variance makes its z-test exact up to
      // the CLT; E σ²_t uses the printed standard error (K = 2000). The two lines share one
      // check's α: a quarter per line and metric.
      const th = weightedFreshGaussianMeanError(n, m, w, CHECK.generations, { ddof: 0, first });
      const ts = [1, 3, 5];
      expectMeans(
        out,
        "mean-error",
        ts,
        (t) => ({ mean: th.meanError[t - 1], variance: th.meanErrorVariance[t - 1] }),
        ALPHA / 4,
      );
      expectMeans(out, "variance", ts, (t) => ({ mean: th.variance[t - 1] }), ALPHA / 4);
    }
  });

  it("suresh-bernoulli-survival-small-p: P(P_k ≠ 0) and P(P_k ∉ {0,1}) respect Theorem 1 and Seddik et al.'s bounds", async () => {
    const peer = byId("suresh-bernoulli-survival-small-p");
    const out = await simulate(
      scaled(peer, FILES, { chains: 5000, generations: 20, seed: CHECK.seed }, "set"),
    );
    const n = out.config.samples;
    const p0 = 0.01;
    const alive = out.exceed?.["tail-mass>0"];
    const segregating = out.exceed?.["support>1"];
    expect(alive && segregating).toBeTruthy();
    if (alive === undefined || segregating === undefined) return;
    for (let k = 1; k <= 20; k++) {
      const s = sureshSurvivalBounds(n, p0, k);
      const h = seddikSegregatingBounds(n, p0, k);
      const at = `k=${k}, seed ${out.config.seed}, K=${out.config.chains}, n=${n}`;
      // One-sided checks with the exact 95% interval (false alarm ≤ 2.5% per bound only if the
      // theorem were false; the theorems hold, so these fail only on a simulation bug).
      expect(
        alive.upper95[k],
        `P(P_k≠0) upper 95% vs Suresh L_k=${s.lower}, ${at}`,
      ).toBeGreaterThanOrEqual(s.lower);
      if (s.upper < 1) {
        expect(
          alive.lower95[k],
          `P(P_k≠0) lower 95% vs Suresh U_k=${s.upper}, ${at}`,
        ).toBeLessThanOrEqual(s.upper);
      }
      expect(
        segregating.upper95[k],
        `segregating vs Seddik lower ${h.lower}, ${at}`,
      ).toBeGreaterThanOrEqual(h.lower);
      expect(
        segregating.lower95[k],
        `segregating vs Seddik upper ${h.upper}, ${at}`,
      ).toBeLessThanOrEqual(h.upper);
    }
  });

  it("suresh-gaussian-std-bound: P(σ_k > ε) ≤ (σ₀/ε)exp(−k/(4M−1)) where the bound is below 1", async () => {
    const peer = byId("suresh-gaussian-std-bound");
    const out = await simulate(
      scaled(peer, FILES, { chains: 1000, generations: 200, seed: CHECK.seed }, "set"),
    );
    const M = out.config.samples;
    const above = out.exceed?.["sd>0.1"];
    expect(above).toBeDefined();
    if (above === undefined) return;
    let informative = 0;
    for (let k = 1; k <= 200; k++) {
      const bound = sureshStdBound(1 / 0.1, M, k);
      if (bound >= 1) continue;
      informative++;
      expect(
        above.lower95[k],
        `P(σ_k > 0.1) lower 95% at k=${k}, seed ${out.config.seed}, K=${out.config.chains}, M=${M}: bound ${bound}`,
      ).toBeLessThanOrEqual(bound);
    }
    // The bound drops below 1 at k > (4M − 1) ln 10 ≈ 90 for M = 10: the check is not vacuous.
    expect(informative).toBeGreaterThan(100);
  });
});
