/**
 * Canonical chain summaries and their charts: the quartiles, sample chains and fractions of
 * chains collapsed in the report body are recomputed here from the engine's per-chain values
 * (own sort, own counting, not the report's code path); the chart specs draw the median with its
 * 50% and 90% bands, and draw theory curves after every data layer. Deterministic: root seed 11,
 * `small` preset (24 chains × 8 generations).
 */
import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { clopperPearson } from "../../src/index.ts";
import {
  BodySchema,
  buildBody,
  canonicalSpecs,
  chartSpec,
  fractionChartSpec,
  runCanonical,
  SAMPLE_CHAINS,
} from "../../src/report/index.ts";
import {
  histogramChartSpec,
  histogramRows,
  TRAJECTORY_LAYERS,
} from "../../src/report/render/charts.ts";
import { histogramGenerations } from "../../src/report/simulations/canonical.ts";

const ROOT_SEED = 11;
const canonical = runCanonical(ROOT_SEED, "small");
const specs = canonicalSpecs(ROOT_SEED, "small");
const results = new Map(specs.map((r) => [r.key, runChains(configFromSpec(r.spec))]));

/** The per-chain values of a metric at generation t, straight from the engine's result. */
function chainValues(key: string, metric: string, t: number): number[] {
  const r = results.get(key);
  if (r === undefined) throw new Error(`no canonical run ${key}`);
  const T1 = r.generations + 1;
  return Array.from({ length: r.chains }, (_, c) => r.values[metric][c * T1 + t]);
}

/** numpy's default (type 7) quantile, written out: h = (n − 1)q, interpolate between order statistics. */
function type7(values: number[], q: number): number {
  const s = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
}

/** Relative tolerance for two summation orders of the same interpolation: a few ulps. */
const TOL = 8 * Number.EPSILON;

describe("canonical series carry quartiles and individual chains", () => {
  const body = buildBody(
    { files: [], tests: [], moduleErrors: [], unhandledErrors: [] },
    {
      rootSeed: ROOT_SEED,
      claims: [],
      preset: "small",
      chains: 24,
      generations: 8,
      trajectories: canonical.trajectories,
      fractions: canonical.fractions,
      histograms: canonical.histograms,
      matrix: canonical.matrix,
    },
  );

  it("the body with the new fields fits the schema", () => {
    const parsed = BodySchema.safeParse(body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
  });

  it("q25, median and q75 equal type-7 quantiles of the engine's per-chain values", () => {
    let checked = 0;
    for (const chart of body.trajectories) {
      const setting = chart.id.startsWith("variance-")
        ? `gaussian-${chart.id.slice("variance-".length)}`
        : "categorical-mle";
      for (const s of chart.series) {
        const run = specs.find((r) => r.setting.id === setting && r.regime.label === s.label);
        if (run === undefined) throw new Error(`no run for ${chart.id}/${s.label}`);
        for (let t = 0; t <= run.spec.generations; t++) {
          const x = chainValues(run.key, chart.metric, t);
          for (const [name, q] of [
            ["q25", 0.25],
            ["median", 0.5],
            ["q75", 0.75],
          ] as const) {
            const expected = type7(x, q);
            const actual = s[name]?.[t];
            if (typeof actual !== "number") throw new Error(`${chart.id} ${s.label} ${name}[${t}]`);
            expect(
              Math.abs(actual - expected),
              `${chart.id} ${s.label} ${name} at t = ${t}: expected ${expected}, got ${actual}`,
            ).toBeLessThanOrEqual(TOL * Math.max(1, Math.abs(expected)));
            checked++;
          }
          // The quartiles bracket the median, and the 90% band brackets the quartiles.
          expect(s.q05?.[t] as number).toBeLessThanOrEqual(s.q25?.[t] as number);
          expect(s.q75?.[t] as number).toBeLessThanOrEqual(s.q95?.[t] as number);
        }
      }
    }
    expect(checked).toBe(6 * 3 * 9 * 3);
  });

  it("the sample chains are the first chains, value for value", () => {
    const chart = body.trajectories.find((c) => c.id === "variance-mle");
    const s = chart?.series.find((x) => x.label === "replace");
    expect(s?.chains.map((c) => c.chain)).toEqual(
      Array.from({ length: SAMPLE_CHAINS }, (_, i) => i),
    );
    for (const c of s?.chains ?? []) {
      for (let t = 0; t <= 8; t++) {
        expect(c.values[t]).toBe(chainValues("gaussian-mle/replace", "variance", t)[c.chain]);
      }
    }
  });

  it("fractions of chains collapsed are counted from the per-chain values, with exact intervals", () => {
    const events: Record<string, (v: number) => boolean> = {
      "collapsed-variance-unbiased": (v) => v <= 0.5,
      "collapsed-variance-mle": (v) => v <= 0.5,
      "collapsed-tail-mass": (v) => v === 0,
      "collapsed-support": (v) => v === 1,
    };
    const setting: Record<string, string> = {
      "collapsed-variance-unbiased": "gaussian-unbiased",
      "collapsed-variance-mle": "gaussian-mle",
      "collapsed-tail-mass": "categorical-mle",
      "collapsed-support": "categorical-mle",
    };
    expect(body.fractions.map((f) => f.id).sort()).toEqual(Object.keys(events).sort());
    let someEvent = false;
    for (const f of body.fractions) {
      for (const s of f.series) {
        const run = specs.find((r) => r.setting.id === setting[f.id] && r.regime.label === s.label);
        if (run === undefined) throw new Error(`no run for ${f.id}/${s.label}`);
        for (let t = 0; t <= 8; t++) {
          const x = chainValues(run.key, f.metric, t).filter((v) => !Number.isNaN(v));
          const k = x.filter(events[f.id]).length;
          someEvent ||= k > 0;
          expect([s.events[t], s.chains[t]], `${f.id} ${s.label} t = ${t}`).toEqual([k, x.length]);
          expect(s.fraction[t]).toBe(k / x.length);
          const [lo, hi] = clopperPearson(k, x.length, 0.025, 0.025);
          expect([s.lower[t], s.upper[t]]).toEqual([lo, hi]);
        }
      }
    }
    // A test of counts that are all zero could not tell counting from returning 0.
    expect(someEvent).toBe(true);
  });
});

describe("per-generation histograms", () => {
  it("draw generations 1, ≈T/4, ≈T/2 and T, distinct and ascending", () => {
    expect(histogramGenerations(1)).toEqual([1]);
    expect(histogramGenerations(2)).toEqual([1, 2]);
    expect(histogramGenerations(3)).toEqual([1, 2, 3]);
    expect(histogramGenerations(8)).toEqual([1, 2, 4, 8]);
    expect(histogramGenerations(40)).toEqual([1, 10, 20, 40]);
  });

  const setting: Record<string, string> = {
    "histogram-variance-unbiased": "gaussian-unbiased",
    "histogram-entropy": "categorical-mle",
  };

  it("bin every chain's value at the drawn generations (own binning of the engine's values)", () => {
    expect(canonical.histograms.map((h) => h.id).sort()).toEqual(Object.keys(setting).sort());
    for (const h of canonical.histograms) {
      expect(h.generations).toEqual([1, 2, 4, 8]);
      const B = h.edges.length - 1;
      const toX = (v: number) => (h.scale === "log10" ? Math.log10(v) : v);
      const [lo, hi] = [toX(h.edges[0]), toX(h.edges[B])];
      // Edges ascending, spanning exactly the drawn values of every setting and generation.
      const drawn: number[] = [];
      for (const s of h.series) {
        const run = specs.find((r) => r.setting.id === setting[h.id] && r.regime.label === s.label);
        if (run === undefined) throw new Error(`no run for ${h.id}/${s.label}`);
        for (const [i, t] of h.generations.entries()) {
          const x = chainValues(run.key, h.metric, t);
          const inside = x.filter((v) => Number.isFinite(v) && (h.scale === "linear" || v > 0));
          drawn.push(...inside.map(toX));
          const own = new Array<number>(B).fill(0);
          for (const v of inside)
            own[Math.min(B - 1, Math.floor(((toX(v) - lo) / (hi - lo)) * B))]++;
          expect(s.counts[i], `${h.id} ${s.label} t = ${t}`).toEqual(own);
          expect(s.outside[i]).toBe(x.length - inside.length);
        }
      }
      expect(Math.min(...drawn)).toBeCloseTo(lo, 12);
      expect(Math.max(...drawn)).toBeCloseTo(hi, 12);
      for (let b = 0; b < B; b++) expect(h.edges[b + 1]).toBeGreaterThan(h.edges[b]);
    }
  });

  it("draw one step line per generation in each setting's panel, shares summing to 1", () => {
    for (const h of canonical.histograms) {
      const spec = histogramChartSpec(h) as unknown as {
        facet: { field: string };
        spec: { layer: { mark: { type: string; interpolate: string } }[] };
      };
      expect(spec.facet.field).toBe("series");
      expect(spec.spec.layer.map((l) => [l.mark.type, l.mark.interpolate])).toEqual([
        ["line", "step-after"],
      ]);
      const rows = histogramRows(h);
      for (const s of h.series) {
        for (const t of h.generations) {
          const line = rows.filter((r) => r.series === s.label && r.generation === `t = ${t}`);
          // B bins plus the closing point at the last edge (which repeats the last bin).
          expect(line).toHaveLength(h.edges.length);
          const total = line.slice(0, -1).reduce((a, r) => a + r.share, 0);
          expect(total).toBeCloseTo(1, 12);
        }
      }
    }
  });
});

describe("chart specs", () => {
  type Layer = { transform?: { filter: string }[]; mark: { type: string; strokeDash?: number[] } };
  const layersOf = (spec: unknown): Layer[] => (spec as { spec: { layer: Layer[] } }).spec.layer;
  const kindOf = (l: Layer) => /datum\.layer === '(\w+)'/.exec(l.transform?.[0]?.filter ?? "")?.[1];

  it("draw the median line over its 50% and 90% bands, and theory curves after every data layer", () => {
    for (const chart of canonical.trajectories) {
      const kinds = layersOf(chartSpec(chart)).map(kindOf);
      expect(kinds, chart.id).toEqual(expect.arrayContaining(["band90", "band50", "median"]));
      const layers = layersOf(chartSpec(chart));
      expect(layers[kinds.indexOf("band90")].mark.type).toBe("area");
      expect(layers[kinds.indexOf("band50")].mark.type).toBe("area");
      expect(layers[kinds.indexOf("median")].mark.type).toBe("line");
      const hasTheory = chart.series.some((s) => s.theory !== null);
      expect(kinds.includes("theory"), chart.id).toBe(hasTheory);
      if (hasTheory) {
        expect(kinds.at(-1), chart.id).toBe("theory");
        expect(layers.at(-1)?.mark.strokeDash, chart.id).toBeDefined();
      }
      expect(kinds).toEqual(TRAJECTORY_LAYERS.filter((k) => kinds.includes(k)));
    }
  });

  it("use a log axis for variance and say so; tail mass that reaches 0 stays linear and says so", () => {
    const axisTitle = (id: string) => {
      const chart = canonical.trajectories.find((c) => c.id === id);
      if (chart === undefined) throw new Error(id);
      const median = layersOf(chartSpec(chart)).find((l) => kindOf(l) === "median") as unknown as {
        encoding: { y: { title: string; scale: { type?: string } } };
      };
      return median.encoding.y;
    };
    // The chart's label σ²_t, typeset for SVG text (Unicode subscript t).
    expect(axisTitle("variance-mle")).toMatchObject({
      title: "σ²ₜ (log scale)",
      scale: { type: "log" },
    });
    const tailReachesZero = canonical.trajectories
      .find((c) => c.id === "tail-mass")
      ?.series.some((s) => s.q05?.some((v) => v === 0));
    expect(axisTitle("tail-mass").scale.type === "log").toBe(!tailReachesZero);
    expect(axisTitle("tail-mass").title).toMatch(tailReachesZero ? /linear/ : /log scale/);
    expect(axisTitle("support").scale.type).toBeUndefined();
  });

  it("a fraction chart draws the fraction over its exact band on [0, 1]", () => {
    const spec = fractionChartSpec(canonical.fractions[0]) as unknown as {
      spec: {
        layer: { mark: { type: string }; encoding: { y: { scale: { domain: number[] } } } }[];
      };
    };
    expect(spec.spec.layer.map((l) => l.mark.type)).toEqual(["area", "line"]);
    expect(spec.spec.layer[1].encoding.y.scale.domain).toEqual([0, 1]);
  });
});
