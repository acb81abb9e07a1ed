/**
 * Sub- and superscripts of the report's plain-text math: what is typeset, and the identifiers
 * that must be left alone. Expected outputs written by hand from the rules in src/report/render/mathText.ts.
 */
import { describe, expect, it } from "vitest";
import { mathHtml, mathUnicode } from "../../src/report/render/mathText.ts";

describe("mathHtml", () => {
  it.each([
    ["E[H_t] = (1 − 1/M)^(2t) H_0", "E[H<sub>t</sub>] = (1 − 1/M)<sup>2t</sup> H<sub>0</sub>"],
    ["E[H_{t+1}] ≤ E[H_t]", "E[H<sub>t+1</sub>] ≤ E[H<sub>t</sub>]"],
    ["σ²_t → 0", "σ²<sub>t</sub> → 0"],
    ["p_10 and x^2", "p<sub>10</sub> and x<sup>2</sup>"],
    ["tail_mass, keep_original, x_max", "tail_mass, keep_original, x_max"],
    ["a _t b, ^2 alone", "a _t b, ^2 alone"],
    ["f_(x) is not a script", "f_(x) is not a script"],
  ])("%s", (input, expected) => {
    expect(mathHtml(input)).toBe(expected);
  });
});

describe("mathUnicode", () => {
  it.each([
    ["σ²_t", "σ²ₜ"],
    ["E[H_{t+1}]", "E[Hₜ₊₁]"],
    ["(1 − 1/M)^(2t)", "(1 − 1/M)²ᵗ"],
    ["ln σ²_t (log scale)", "ln σ²ₜ (log scale)"],
    // No Unicode subscript capital: kept as written.
    ["w_{M}", "w_M"],
    ["q_{0.5}", "q_{0.5}"],
    ["tail_mass", "tail_mass"],
  ])("%s", (input, expected) => {
    expect(mathUnicode(input)).toBe(expected);
  });
});
