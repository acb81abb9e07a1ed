/** The claim contract is checked eagerly: each breach is a named error with the numbers. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkClaim } from "../../src/claims/checkClaim.ts";
import { ClaimDefinitionError, defineClaim } from "../../src/claims/defineClaim.ts";
import {
  greaterThan,
  meanAtMost,
  probabilityWithin,
  quantileWithin,
} from "../../src/verdict/index.ts";

const base = {
  id: "contract-probe",
  title: "t",
  citation: { source: "test", where: "test/claims/contract.test.ts" },
  statement: "s",
  kind: "bound" as const,
  scenario: fc.constant(1),
  checks: () => [meanAtMost("v", 1)],
  budget: { scenarios: 1, replicates: 10, maxReplicates: 10 },
};

describe("simulate must return one value per replicate of the range asked for", () => {
  it("too few values: names the claim, the observation and both counts", () => {
    const claim = defineClaim({
      ...base,
      simulate: (_s, range) => ({ v: new Float64Array(range.count - 1) }),
    });
    expect(() => checkClaim(claim)).toThrow(ClaimDefinitionError);
    expect(() => checkClaim(claim)).toThrow(
      /contract-probe.*observation "v".*replicates 0…9 \(10\).*9 values returned/,
    );
  });

  it("no observations at all (simulate returns undefined) is named, not a bare TypeError", () => {
    const none = defineClaim({ ...base, simulate: () => undefined as never });
    expect(() => checkClaim(none)).toThrow(ClaimDefinitionError);
    expect(() => checkClaim(none)).toThrow(
      /contract-probe: simulate must return an object of observations, got undefined/,
    );
  });

  it("too many values and a missing observation", () => {
    const extra = defineClaim({
      ...base,
      simulate: (_s, range) => ({ v: new Float64Array(range.count + 3) }),
    });
    expect(() => checkClaim(extra)).toThrow(/13 values returned/);
    const missing = defineClaim({
      ...base,
      simulate: (_s, range) => ({ w: new Float64Array(range.count) }),
    });
    expect(() => checkClaim(missing)).toThrow(/no observation "v".*returned: w/);
  });

  it("the right length passes (control)", () => {
    const ok = defineClaim({
      ...base,
      simulate: (_s, range) => ({
        v: Float64Array.from({ length: range.count }, (_, i) => (i % 2) / 100),
      }),
    });
    expect(checkClaim(ok).status).toBe("supported");
  });
});

describe("the equivalence rules read their observations under the same contract", () => {
  const withinBase = {
    ...base,
    checks: () => [
      probabilityWithin("hit", 0.5, { absolute: 0.3 }),
      quantileWithin("v", 0.5, 0, { absolute: 1 }),
    ],
    budget: { scenarios: 1, replicates: 10, maxReplicates: 640 },
  };
  const hits = (count: number) => Float64Array.from({ length: count }, (_, i) => i % 2);

  it("a missing or short observation names the claim, the observation and the rule", () => {
    const missing = defineClaim({
      ...withinBase,
      simulate: (_s, range) => ({ hit: hits(range.count) }),
    });
    expect(() => checkClaim(missing)).toThrow(
      /contract-probe.*no observation "v" \(a quantile-within check reads it; returned: hit\)/,
    );
    const short = defineClaim({
      ...withinBase,
      simulate: (_s, range) => ({ hit: hits(range.count - 1), v: hits(range.count) }),
    });
    expect(() => checkClaim(short)).toThrow(/observation "hit".*9 values returned/);
  });

  it("the right observations pass (control)", () => {
    const ok = defineClaim({
      ...withinBase,
      simulate: (_s, range) => ({ hit: hits(range.count), v: hits(range.count) }),
    });
    expect(checkClaim(ok).status).toBe("supported");
  });
});

describe("rule options and budget types", () => {
  it("greaterThan refuses comparing an observation with itself and unknown methods", () => {
    expect(() => greaterThan("a", "a")).toThrow(/greaterThan.*smaller.*must differ/);
    expect(() => greaterThan("a", "b", { method: "bogus" as "sign" })).toThrow(
      /greaterThan.*method.*"paired-t" or "sign".*bogus/,
    );
    expect(greaterThan("a", "b", { method: "sign" })).toMatchObject({ rule: "ordering" });
  });

  it("budget.strict must be a boolean and budget.alpha a number", () => {
    const simulate = () => ({ v: new Float64Array(10) });
    expect(() =>
      defineClaim({ ...base, simulate, budget: { strict: "no" as unknown as boolean } }),
    ).toThrow(/contract-probe.*budget\.strict must be true or false, got "no"/);
    expect(() =>
      defineClaim({ ...base, simulate, budget: { alpha: "0.01" as unknown as number } }),
    ).toThrow(/budget\.alpha must be in \(0, 0\.5\), got "0\.01"/);
  });
});

describe("checks must be built by the decision rules", () => {
  it("an unknown rule object, or something that is no check at all, is a named error naming the claim", () => {
    for (const bad of [{ rule: "bogus", observation: "v" }, {}, null, 3]) {
      expect(() =>
        defineClaim({
          ...base,
          simulate: (_s, range) => ({ v: new Float64Array(range.count) }),
          checks: () => [bad as never],
        }),
      ).toThrow(/contract-probe.*is not a check: build checks with the decision rules/);
    }
  });
});
