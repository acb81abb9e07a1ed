/** Field-by-field comparison of report bodies, for `collapse verify-report`. */

/** One differing field: its JSON path and the two values (as JSON text). */
export interface Difference {
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
}

function show(v: unknown): string {
  if (v === undefined) return "(missing)";
  const text = JSON.stringify(v);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * The differences between two JSON values, as paths like `body.claims[0].scenarios[2].seed`:
 * leaves compared exactly (numbers bit for bit, as JSON numbers round-trip exactly), arrays
 * element by element plus their lengths, objects over the union of their keys.
 */
export function diffJson(expected: unknown, actual: unknown, path = "body"): Difference[] {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const out: Difference[] = [];
    if (expected.length !== actual.length) {
      out.push({
        path: `${path}.length`,
        expected: String(expected.length),
        actual: String(actual.length),
      });
    }
    const n = Math.min(expected.length, actual.length);
    for (let i = 0; i < n; i++) out.push(...diffJson(expected[i], actual[i], `${path}[${i}]`));
    return out;
  }
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
    return keys.flatMap((k) =>
      diffJson(
        expected[k],
        actual[k],
        /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`,
      ),
    );
  }
  if (Object.is(expected, actual)) return [];
  return [{ path, expected: show(expected), actual: show(actual) }];
}
