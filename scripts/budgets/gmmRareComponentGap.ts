/**
 * Budget of properties/gmm-rare-component-lost.test.ts: how far EM's loss probability P(lost at T)
 * falls below the exact Wright–Fisher value L_T over the claim's scenario range, by Monte Carlo
 * through the harness's own gmm family (the claim's observation, the claim's horizon T).
 * Prints, per grid point, L_T, the estimate, its standard error and the gap L_T − P̂.
 * Run: npx tsx scripts/budgets/gmmRareComponentGap.ts [replicates=4000] [samples w sdRare D]
 */
import {
  expectModel,
  generationValues,
  type MixtureModel,
  runReplicates,
} from "../../src/engine.ts";
import { normalSf, wrightFisherLoss } from "../../src/theory/index.ts";

const replicates = Number(process.argv[2] ?? 4000);
/** Optional single scenario: samples w sdRare D (else the grid). */
const single = process.argv.length >= 7 ? process.argv.slice(3, 7).map(Number) : undefined;
const grid = single
  ? { samples: [single[0]], w: [single[1]], sdRare: [single[2]], D: [single[3]] }
  : { samples: [12, 15, 18], w: [0.1, 0.175, 0.25], sdRare: [0.5, 1, 1.5], D: [10, 14] };
const GAP = 0.08;
const weighted = (m: MixtureModel, f: (j: number) => number) =>
  m.weights.reduce((total, weight, j) => total + weight * f(j), 0);

const rows: string[] = [];
let worst = { gap: -1, at: "" };
for (const samples of grid.samples) {
  for (const w of grid.w) {
    for (const sdRare of grid.sdRare) {
      for (const D of grid.D) {
        const L = wrightFisherLoss(samples, w, 400);
        const T = L.findIndex((l) => l >= 1 - w - GAP) + 1;
        const muRare = D * Math.max(1, sdRare);
        const r = runReplicates(
          {
            truth: `gmm:weights=${1 - w}/${w},means=0/${muRare},sds=1/${sdRare}`,
            family: "gmm",
            regime: "replace",
            samples,
            generations: T,
            metrics: [],
            recordAt: [T],
          },
          { seed: process.env.PROBE_SEED ?? "20261207", first: 0, count: replicates },
          {
            observe: {
              lost: (model) => {
                const m = expectModel(model, "mixture");
                const sd = (j: number) => Math.sqrt(m.variances[j]);
                const rare = weighted(m, (j) => normalSf(muRare / 2, m.means[j], sd(j)));
                return rare < 1 / (2 * samples) ? 1 : 0;
              },
            },
          },
        );
        const lost = generationValues(r, "lost", T);
        const p = lost.reduce((a, b) => a + b, 0) / lost.length;
        const se = Math.sqrt((p * (1 - p)) / lost.length);
        const gap = L[T - 1] - p;
        const at = `M=${samples} w=${w} sdRare=${sdRare} D=${D} T=${T}`;
        rows.push(
          `${at}: L_T=${L[T - 1].toFixed(4)} P=${p.toFixed(4)} se=${se.toFixed(4)} gap=${gap.toFixed(4)}`,
        );
        if (gap > worst.gap) worst = { gap, at };
      }
    }
  }
}
console.log(`${rows.join("\n")}\nlargest gap L_T − P: ${worst.gap.toFixed(4)} at ${worst.at}`);
