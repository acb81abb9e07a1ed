/**
 * Claim: the collapse matrix — for every model family × training regime, whether the variance
 * and the tail mass collapse under recursive fitting (in probability).
 *
 * "Collapses" (almost-sure / in-probability sense, not in expectation —
 *   docs/theory.md#pitfall-mean-vs-typical): the median of X_T/X_0 is ≤ ½, i.e.
 *   P(X_T/X_0 ≤ ½) ≥ ½, X the model's variance or its mass on the truth's tail set (q = 0.05:
 *   beyond the 5% and 95% quantiles; least-probable symbols covering ≤ 5%). "Holds":
 *   P(X_T/X_0 < ½) ≤ ½. Gaussian families fit N(0, 1) samples, categorical ones Zipf(s) samples.
 * Asserted cells (docs/theory.md#collapse-matrix has the table): theory-backed and decisive in a
 *   400-replicate pilot (P(ratio ≤ ½) ≥ 0.8 or ≤ 0.25). Replace collapses MLE-type
 *   fits (not the unbiased Gaussian's tail mass, P ≈ 0.6–0.7 at T ≤ 4M); accumulate, subsample and
 *   fresh data hold (not the MLE Gaussian's subsample tail mass, P ≈ 0.33); KDE (each generation
 *   adds h² of variance) and smoothing (every symbol keeps mass ≥ α/(M + kα)) hold everywhere;
 *   keep-original (10%) keeps only 2–3 points of a small Gaussian sample, too few to anchor it: not
 *   asserted for MLE-type fits. Every cell, asserted or not, is in task.meta.collapse.tables.matrix
 *   with P(ratio ≤ ½) and its 95% Clopper–Pearson interval.
 * Decision rule: exact binomial (Clopper–Pearson) on the indicator, per asserted cell. Budget:
 *   α = 1e-6 per run over 2 scenarios × checks × looks (replicates 100 → 400).
 */

import {
  type Check,
  type ClaimScenario,
  clopperPearson,
  defineClaim,
  generationValues,
  quantileAtLeast,
  quantileAtMost,
  runReplicates,
  uniformInteger,
  uniformReal,
  verifyClaim,
} from "collapse-harness";
import fc from "fast-check";

const ANCHORED = ["accumulate", "accumulate-subsample", "fresh:lambda=1"];
const REGIMES = ["replace", ...ANCHORED, "keep-original:fraction=0.1"];
const GAUSSIAN = ["gaussian-mle", "gaussian-unbiased", "kde"];
const CATEGORICAL = ["categorical-mle", "categorical-smoothed:alpha=1"];

type Prediction = "collapses" | "holds";
interface Cell {
  family: string;
  regime: string;
  metric: "variance" | "tail";
}

/** The asserted prediction of a cell (undefined: measured, not asserted; see the header). */
function predict(c: Cell): Prediction | undefined {
  if (c.family === "kde" || c.family === "categorical-smoothed:alpha=1") return "holds";
  if (c.regime === "replace") {
    return c.family === "gaussian-unbiased" && c.metric === "tail" ? undefined : "collapses";
  }
  if (c.family === "gaussian-mle" && c.metric === "tail" && c.regime === "accumulate-subsample") {
    return undefined;
  }
  return ANCHORED.includes(c.regime) ? "holds" : undefined;
}

type Setting = { gM: number; gT: number; cM: number; cT: number; k: number; s: number };
/** The cell metric each engine metric fills. */
const CELL_METRIC = { variance: "variance", "tail-mass": "tail" } as const;

const cells: Cell[] = [
  ...GAUSSIAN.flatMap((family) =>
    REGIMES.flatMap((regime) => [
      { family, regime, metric: "variance" as const },
      { family, regime, metric: "tail" as const },
    ]),
  ),
  ...CATEGORICAL.flatMap((family) =>
    REGIMES.map((regime) => ({ family, regime, metric: "tail" as const })),
  ),
];
const key = (c: Cell) => `${c.metric}|${c.family}|${c.regime}`;

function ratioAt(r: ReturnType<typeof runReplicates>, metric: string, T: number): Float64Array {
  const start = generationValues(r, metric, 0);
  return generationValues(r, metric, T).map((v, i) => v / start[i]);
}

export const claim = defineClaim({
  id: "collapse-matrix",
  title: "Which family × regime pairs collapse (variance, tail mass)",
  citation: {
    source: "Shumailov et al. 2024; Gerstgrasser et al. 2024; Bertrand et al. 2024",
    where: "docs/theory.md#collapse-matrix",
  },
  statement:
    "Replace collapses variance and tail mass for MLE-type fits; accumulating or fresh real data prevents it; a KDE's variance grows instead.",
  kind: "in-probability",
  scenario: fc.record({
    gM: uniformInteger({ min: 20, max: 30 }),
    gT: uniformInteger({ min: 3, max: 4 }),
    cM: uniformInteger({ min: 300, max: 500 }),
    cT: uniformInteger({ min: 150, max: 200 }),
    k: uniformInteger({ min: 20, max: 60 }),
    s: uniformReal({ min: 0.9, max: 1.3, simplest: 1 }),
  }),
  simulate: (s: Setting, range) => {
    const out: Record<string, Float64Array> = {};
    for (const family of [...GAUSSIAN, ...CATEGORICAL]) {
      const gaussian = GAUSSIAN.includes(family);
      const T = gaussian ? s.gT * s.gM : s.cT;
      const metrics = gaussian ? (["variance", "tail-mass"] as const) : (["tail-mass"] as const);
      const truth = gaussian ? "gaussian" : `zipf:k=${s.k},s=${s.s}`;
      const samples = gaussian ? s.gM : s.cM;
      for (const regime of REGIMES) {
        const spec = { truth, family, regime, samples, generations: T, recordAt: [0, T] };
        const r = runReplicates({ ...spec, metrics }, range);
        for (const metric of metrics) {
          out[key({ family, regime, metric: CELL_METRIC[metric] })] = ratioAt(r, metric, T);
        }
      }
    }
    return out;
  },
  checks: () =>
    cells.flatMap((c): Check[] => {
      const p = predict(c);
      if (p === undefined) return [];
      return [
        p === "collapses" ? quantileAtMost(key(c), 0.5, 0.5) : quantileAtLeast(key(c), 0.5, 0.5),
      ];
    }),
  tables: (scenarios: readonly ClaimScenario<Setting>[]) => ({
    matrix: scenarios.map((sc) => ({
      setting: sc.setting,
      cells: cells.map((c) => {
        const x = sc.observations[key(c)] as Float64Array;
        const below = x.filter((v) => v <= 0.5).length;
        const [lo, hi] = clopperPearson(below, x.length, 0.025, 0.025);
        const sorted = Float64Array.from(x).sort();
        const measured: Prediction | "undecided" =
          lo > 0.5 ? "collapses" : hi < 0.5 ? "holds" : "undecided";
        return {
          ...c,
          predicted: predict(c) ?? "not asserted",
          measured,
          medianRatio: sorted[Math.floor((sorted.length - 1) / 2)],
          pCollapse: below / x.length,
          pCollapse95: [lo, hi],
          replicates: x.length,
        };
      }),
    })),
  }),
  budget: { scenarios: 2, replicates: 100, maxReplicates: 400 },
});

verifyClaim(claim);
