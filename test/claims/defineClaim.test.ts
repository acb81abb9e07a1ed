import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ClaimDefinition, defineClaim } from "../../src/claims/defineClaim.ts";
import { meanEquals } from "../../src/verdict/index.ts";

const base: ClaimDefinition<{ x: number }> = {
  id: "my-claim",
  title: "a title",
  citation: { source: "A paper", where: "Theorem 1" },
  statement: "a statement",
  kind: "in-expectation",
  scenario: fc.record({ x: fc.integer({ min: 1, max: 10 }) }),
  simulate: () => ({ v: new Float64Array(2) }),
  checks: (s) => [meanEquals("v", s.x)],
};

describe("defineClaim validates eagerly, messages start with the claim id", () => {
  it("accepts a valid definition and fills the budget defaults", () => {
    const c = defineClaim(base);
    expect(c.budget).toEqual({
      alpha: 1e-6,
      scenarios: 8,
      replicates: 200,
      maxReplicates: 3200,
      strict: true,
      timeLimitMs: 90_000,
      maxShrinks: 40,
    });
  });

  it.each([
    [{ id: "Bad Id" }, /^defineClaim: id must be kebab-case .*got "Bad Id"/],
    [{ title: "" }, /^my-claim: title is missing/],
    [{ statement: " " }, /^my-claim: statement is missing/],
    [{ citation: { source: "x", where: "" } }, /^my-claim: citation is missing/],
    [{ citation: undefined }, /^my-claim: citation is missing/],
    [{ kind: "sometimes" }, /^my-claim: kind must be one of sure, almost-sure, .*got "sometimes"/],
    [{ scenario: { x: 1 } }, /^my-claim: scenario must be a fast-check arbitrary/],
    [{ budget: { alpha: 0.5 } }, /^my-claim: budget.alpha must be in \(0, 0.5\), got 0.5/],
    [{ budget: { alpha: 0 } }, /^my-claim: budget.alpha must be in \(0, 0.5\), got 0/],
    [{ budget: { scenarios: 0 } }, /^my-claim: budget.scenarios must be an integer >= 1, got 0/],
    [
      { budget: { replicates: 100, maxReplicates: 50 } },
      /^my-claim: budget.maxReplicates must be an integer >= budget.replicates, got 50/,
    ],
  ] as const)("rejects %j", (patch, message) => {
    expect(() =>
      defineClaim({ ...base, ...(patch as object) } as ClaimDefinition<{ x: number }>),
    ).toThrow(message);
  });

  it("rejects an arbitrary that can produce an invalid setting, naming the setting", () => {
    const bad = {
      ...base,
      scenario: fc.record({ x: fc.integer({ min: -3, max: 10 }) }),
      checks: (s: { x: number }) => [meanEquals("v", s.x, { variance: s.x })],
    };
    expect(() => defineClaim(bad)).toThrow(
      /^my-claim: the scenario arbitrary produced an invalid setting \{"x":-?\d+\}: meanEquals: variance must be finite and > 0/,
    );
  });
});
