/**
 * A number written in decimal, optionally with an exponent (`12`, `-0.5`, `.25`, `1e3`,
 * `2.5E-4`) — the one number syntax of spec strings and command-line options. Anything else —
 * hexadecimal (`0x10`), binary, `Infinity`, `NaN`, blanks, an empty string — gives undefined, so
 * the caller can name the parameter in its error. (`Number()` would read `0x10` as 16 and `""`
 * as 0.)
 */
export function parseDecimal(text: string): number | undefined {
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
