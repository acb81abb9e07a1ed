/**
 * A claim report's scenario text is JSON when the setting is plain data (fast-check prints its
 * null-prototype records as `{__proto__:null,…}`, which no JSON reader takes), and fast-check's
 * printing otherwise (values JSON would change: −0, NaN). Deterministic: fixed root seed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkClaim } from "../../src/claims/checkClaim.ts";
import { defineClaim } from "../../src/claims/defineClaim.ts";
import { meanAtMost } from "../../src/verdict/index.ts";

const claimOf = (scenario: fc.Arbitrary<unknown>) =>
  defineClaim({
    id: "scenario-text",
    title: "Scenario text",
    citation: { source: "test", where: "test/claims/scenarioText.test.ts" },
    statement: "A constant observation 0 has mean at most 1.",
    kind: "bound",
    assumptions: [],
    scenario,
    simulate: (_s: unknown, range) => ({ x: new Float64Array(range.count) }),
    checks: () => [meanAtMost("x", 1)],
    budget: { scenarios: 2, replicates: 10, maxReplicates: 10 },
  });

describe("scenario text", () => {
  it("is JSON for plain records, null-prototype ones included (no __proto__:null)", () => {
    // fast-check's records (shrunk ones in particular) have a null prototype, which its printer
    // shows as {__proto__:null,…}.
    const record = Object.assign(Object.create(null) as object, { k: 3, name: "a" });
    expect(fc.stringify(record)).toContain("__proto__:null");
    const r = checkClaim(claimOf(fc.constant(record)), { rootSeed: 1 });
    for (const s of r.scenarios) {
      expect(s.scenario).not.toContain("__proto__");
      expect(JSON.parse(s.scenario)).toEqual({ k: 3, name: "a" });
      expect(s.setting).toEqual({ k: 3, name: "a" });
    }
  });

  it("falls back to fast-check's printing when JSON would change the value", () => {
    const r = checkClaim(claimOf(fc.record({ v: fc.constant(Number.NaN) })), { rootSeed: 1 });
    expect(r.scenarios[0].scenario).toContain("Number.NaN");
  });
});
