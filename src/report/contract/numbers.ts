import type { NonFinite, ReportNumber } from "./schema.ts";

/** A JS number as a report number: finite as is; ±∞ and NaN as {@link NonFinite} with reason. */
export function reportNumber(x: number, reason: () => string): ReportNumber {
  if (Number.isFinite(x)) return x;
  return {
    value: Number.isNaN(x) ? "undefined" : x > 0 ? "Infinity" : "-Infinity",
    reason: reason(),
  };
}

/** A value from a JSON-safe meta (`jsonSafe` spells ±∞ and NaN as strings) as a report number. */
export function metaNumber(
  v: unknown,
  reason: (value: NonFinite["value"]) => string,
): ReportNumber {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (v === "Infinity" || v === "-Infinity" || v === "undefined")
    return { value: v, reason: reason(v) };
  if (
    v !== null &&
    typeof v === "object" &&
    "value" in v &&
    "reason" in v &&
    (v.value === "Infinity" || v.value === "-Infinity" || v.value === "undefined") &&
    typeof v.reason === "string" &&
    v.reason !== ""
  ) {
    return { value: v.value, reason: v.reason };
  }
  return { value: "undefined", reason: `not a number: ${JSON.stringify(v) ?? String(v)}` };
}

/** The JS number a report number stands for (NaN for undefined). */
export function numberValue(n: ReportNumber): number {
  if (typeof n === "number") return n;
  return n.value === "Infinity"
    ? Number.POSITIVE_INFINITY
    : n.value === "-Infinity"
      ? Number.NEGATIVE_INFINITY
      : Number.NaN;
}

/** Display form: 4 significant digits, ∞ spelled out, undefined as "undefined". */
export function formatNumber(n: ReportNumber): string {
  if (typeof n !== "number") {
    return n.value === "Infinity" ? "∞" : n.value === "-Infinity" ? "−∞" : "undefined";
  }
  const a = Math.abs(n);
  return a !== 0 && (a < 1e-3 || a >= 1e5)
    ? n.toExponential(3)
    : Number(n.toPrecision(4)).toString();
}
