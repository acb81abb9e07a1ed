/**
 * The claim file `collapse new <name>` writes: a complete, true claim (the unbiased Gaussian
 * variance is a martingale under replace), so it passes as generated and shows every part a
 * claim has — the claim block, a scenario arbitrary, the simulation and a decision rule.
 */
export function scaffoldClaim(id: string): string {
  return `/**
 * Claim: under replace, refitting a Gaussian by its unbiased variance keeps E[σ²_t] = σ².
 *
 * Citation: Shumailov et al., Nature 631 (2024), Theorem 3.1 and its exact 1-D forms
 *   (docs/theory.md#gaussian-exact-unbiased): σ²_{t+1} = σ²_t·χ²_{M−1}/(M−1), a martingale.
 * Setting: truth N(0, 1); each generation refits to M samples of the previous fit (replace).
 * Decision rule: meanEquals on σ²_T over replicate chains with its exact variance
 *   Var[σ²_T] = ((M + 1)/(M − 1))^T − 1 (E[(χ²_{M−1}/(M−1))²] = (M + 1)/(M − 1) per generation)
 *   as the bound of the variance-bound interval, valid for this right-skewed observation;
 *   supported once a deviation of 0.2 would be detected with power 0.9, doubling replicates up
 *   to the cap.
 * Budget: α = 1e-6 per run (default), Bonferroni over scenarios × checks × looks.
 *
 * Scaffolded by \`collapse new ${id}\`: replace the claim block, the scenario arbitrary, the
 * simulation and the checks with your own claim; \`npx vitest run <this file>\` checks it.
 */
import {
  defineClaim,
  generationValues,
  meanEquals,
  runReplicates,
  uniformInteger,
  verifyClaim,
} from "collapse-harness";
import fc from "fast-check";

export const claim = defineClaim({
  id: "${id}",
  title: "E[σ²_t] = σ² under gaussian-unbiased replace",
  citation: {
    source: "Shumailov et al., Nature 631 (2024)",
    where: "Theorem 3.1; docs/theory.md#gaussian-exact-unbiased",
  },
  statement:
    "Refitting a Gaussian by its unbiased variance to M of its own samples keeps the expected variance at σ² in every generation.",
  kind: "in-expectation",
  assumptions: ["truth N(0, 1)", "replace regime", "M ≥ 20"],
  // Uniform over the ranges (fast-check's own integers favour the ends); counterexamples
  // shrink toward the simplest setting, M = 20 and one generation.
  scenario: fc.record({
    samples: uniformInteger({ min: 20, max: 200, simplest: 20 }),
    generations: uniformInteger({ min: 1, max: 5, simplest: 1 }),
  }),
  simulate: (s, range) => {
    const r = runReplicates(
      {
        truth: "gaussian:mean=0,sd=1",
        family: "gaussian-unbiased",
        regime: "replace",
        samples: s.samples,
        generations: s.generations,
        metrics: ["variance"],
      },
      range,
    );
    return { variance: generationValues(r, "variance", s.generations) };
  },
  checks: (s) => [
    meanEquals("variance", 1, {
      variance: ((s.samples + 1) / (s.samples - 1)) ** s.generations - 1,
      precision: 0.2,
    }),
  ],
});

verifyClaim(claim);
`;
}
