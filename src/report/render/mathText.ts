/**
 * Typesetting of the plain-text math in claim titles, statements, theory formulas and axis titles
 * (`E[H_{t+1}]`, `σ²_t`, `(1 − 1/M)^(2t) H_0`): subscripts and superscripts become real ones — HTML
 * `<sub>`/`<sup>` in report.html, Unicode sub/superscript characters in SVG text, where a chart
 * library takes plain strings. No script, nothing fetched.
 *
 * What counts as a script (so identifiers like `tail_mass` or `keep_original` are left alone):
 * - `_{…}` / `^{…}` / `^(…)`: the bracketed text (no nested brackets);
 * - `_x` / `^x` with x one letter, or a run of digits, not followed by another letter or digit
 *   (`H_0`, `σ_t`, `x^2`, `p_10`; but not `tail_mass`, `x_max`).
 */

const SCRIPT =
  /([_^])(?:\{([^{}]+)\}|\(([^()]+)\)|(\p{L}(?![\p{L}\p{N}])|\p{N}+(?![\p{L}\p{N}])))/gu;

/** Splits text into plain runs and scripts. `(…)` after `_` is not a script (a call, `f_(x)`). */
function tokens(text: string): { plain: string; script?: { sup: boolean; body: string } }[] {
  const out: { plain: string; script?: { sup: boolean; body: string } }[] = [];
  let last = 0;
  for (const m of text.matchAll(SCRIPT)) {
    const sup = m[1] === "^";
    if (m[3] !== undefined && !sup) continue;
    const at = m.index ?? 0;
    // A script needs something to attach to: not at the start or after a space.
    if (at === 0 || /\s/.test(text[at - 1])) continue;
    out.push({ plain: text.slice(last, at), script: { sup, body: m[2] ?? m[3] ?? m[4] } });
    last = at + m[0].length;
  }
  out.push({ plain: text.slice(last) });
  return out;
}

/**
 * HTML with `<sub>`/`<sup>` for the scripts of text that is already HTML-escaped (escaping does
 * not touch `_ ^ { } ( )`).
 */
export function mathHtml(escaped: string): string {
  return tokens(escaped)
    .map((t) =>
      t.script === undefined
        ? t.plain
        : `${t.plain}<${t.script.sup ? "sup" : "sub"}>${t.script.body}</${t.script.sup ? "sup" : "sub"}>`,
    )
    .join("");
}

const SUPERSCRIPT: Record<string, string> = {
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
  "+": "⁺",
  "-": "⁻",
  "−": "⁻",
  "=": "⁼",
  "(": "⁽",
  ")": "⁾",
  n: "ⁿ",
  i: "ⁱ",
  t: "ᵗ",
  k: "ᵏ",
  m: "ᵐ",
  T: "ᵀ",
};

const SUBSCRIPT: Record<string, string> = {
  "0": "₀",
  "1": "₁",
  "2": "₂",
  "3": "₃",
  "4": "₄",
  "5": "₅",
  "6": "₆",
  "7": "₇",
  "8": "₈",
  "9": "₉",
  "+": "₊",
  "-": "₋",
  "−": "₋",
  "=": "₌",
  "(": "₍",
  ")": "₎",
  a: "ₐ",
  e: "ₑ",
  h: "ₕ",
  i: "ᵢ",
  j: "ⱼ",
  k: "ₖ",
  l: "ₗ",
  m: "ₘ",
  n: "ₙ",
  o: "ₒ",
  p: "ₚ",
  r: "ᵣ",
  s: "ₛ",
  t: "ₜ",
  u: "ᵤ",
  v: "ᵥ",
  x: "ₓ",
};

/**
 * Plain text with Unicode sub/superscript characters for the scripts (for SVG text). A script
 * with a character Unicode has no sub/superscript form for is kept as written.
 */
export function mathUnicode(text: string): string {
  return tokens(text)
    .map((t) => {
      if (t.script === undefined) return t.plain;
      const table = t.script.sup ? SUPERSCRIPT : SUBSCRIPT;
      const chars = [...t.script.body.replace(/\s+/g, "")];
      if (chars.every((c) => table[c] !== undefined)) {
        return t.plain + chars.map((c) => table[c]).join("");
      }
      const { sup, body } = t.script;
      return `${t.plain}${sup ? "^" : "_"}${body.length === 1 ? body : `{${body}}`}`;
    })
    .join("");
}
