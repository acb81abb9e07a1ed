/**
 * The JSON Schema of report.json (schemas/report.schema.json, shipped as
 * `collapse-harness/report.schema.json`): generated from the zod schema and kept in step with it,
 * and accepted by an independent validator — Python's `jsonschema` (Draft 2020-12) — on a real
 * report and on one without the fields zod defaults, while a tampered copy of that report is rejected by both validators. Deterministic.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  REPORT_VERSION,
  reportJsonSchema,
  validateReport,
} from "../../src/report/contract/schema.ts";
import { serializeReport } from "../../src/report/index.ts";
import { plantedClaimReport, ROOT, tinyClaims } from "./fixtures.ts";

const SCHEMA_FILE = join(ROOT, "schemas", "report.schema.json");
const work = mkdtempSync(join(tmpdir(), "collapse-json-schema-"));
const claims = tinyClaims("json-schema");
afterAll(() => {
  claims.cleanup();
  rmSync(work, { recursive: true, force: true });
});

/** A real report: the planted tiny claim checked at seed 7, with the small canonical simulations. */
async function realReport(): Promise<string> {
  return serializeReport(await plantedClaimReport(claims, "small", "json-schema-test"));
}

/** Validates files with Python's jsonschema; one line per file: "valid" or the first error. */
function pythonValidate(...files: string[]): string[] | undefined {
  const script = [
    "import json, sys",
    "from jsonschema import Draft202012Validator",
    "schema = json.load(open(sys.argv[1]))",
    "Draft202012Validator.check_schema(schema)",
    "v = Draft202012Validator(schema)",
    "for f in sys.argv[2:]:",
    "    errors = sorted(v.iter_errors(json.load(open(f))), key=lambda e: list(e.path))",
    "    print('valid' if not errors else 'invalid: ' + '/'.join(map(str, errors[0].path)) + ': ' + errors[0].message[:200])",
  ].join("\n");
  const r = spawnSync("python3", ["-c", script, SCHEMA_FILE, ...files], { encoding: "utf8" });
  if (r.status !== 0 && /No module named 'jsonschema'/.test(r.stderr)) return undefined;
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim().split("\n");
}

describe("report.json's JSON Schema", () => {
  it("the shipped file is the one generated from the zod schema (else: npm run schema)", () => {
    const shipped = JSON.parse(readFileSync(SCHEMA_FILE, "utf8"));
    expect(shipped, "schemas/report.schema.json is stale: run `npm run schema`").toEqual(
      reportJsonSchema(),
    );
    expect(shipped.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(shipped.properties.version.const).toBe(REPORT_VERSION);
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(pkg.exports["./report.schema.json"]).toBe("./schemas/report.schema.json");
    expect(pkg.files).toContain("schemas/*.json");
  });

  it("an independent validator (Python jsonschema, Draft 2020-12) accepts a real report and rejects a tampered one", async (ctx) => {
    const text = await realReport();
    const good = join(work, "report.json");
    writeFileSync(good, text);
    validateReport(JSON.parse(text), good);
    // Tampered: a count as a string, and a non-finite number without its reason.
    const tampered = JSON.parse(text);
    tampered.body.summary.passed = "1";
    const wrongType = join(work, "wrong-type.json");
    writeFileSync(wrongType, JSON.stringify(tampered));
    const noReason = JSON.parse(text);
    noReason.body.claims[0].scenarios[0].verdict.evidence[0].pValue = { value: "Infinity" };
    const missing = join(work, "no-reason.json");
    writeFileSync(missing, JSON.stringify(noReason));
    // Fields zod fills with defaults when absent (a claim's data and histograms) are optional in
    // both: a report written before they existed still reads.
    const older = JSON.parse(text);
    for (const entry of older.body.claims) {
      expect(entry).toHaveProperty("data");
      expect(entry).toHaveProperty("histograms");
      delete entry.data;
      delete entry.histograms;
    }
    const withoutDefaults = join(work, "without-defaults.json");
    writeFileSync(withoutDefaults, JSON.stringify(older));
    expect(validateReport(older, withoutDefaults).body.claims[0].data).toEqual([]);
    expect(() => validateReport(tampered, wrongType)).toThrow(/summary\.passed/);
    expect(() => validateReport(noReason, missing)).toThrow(/pValue/);

    const verdicts = pythonValidate(good, wrongType, missing, withoutDefaults);
    if (verdicts === undefined) {
      console.warn("Python jsonschema is not installed: the independent validation is skipped");
      ctx.skip();
      return;
    }
    expect(verdicts[0]).toBe("valid");
    expect(verdicts[1]).toMatch(/^invalid: body\/summary\/passed: /);
    expect(verdicts[2]).toMatch(
      /^invalid: body\/claims\/0\/scenarios\/0\/verdict\/evidence\/0\/pValue/,
    );
    expect(verdicts[3]).toBe("valid");
  });
});
