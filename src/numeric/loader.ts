/**
 * Saddle-point kernels for binomial, Poisson and gamma/beta "power terms", after C. Loader,
 * "Fast and Accurate Computation of Binomial Probabilities" (2000; the algorithm behind R's
 * dbinom/dpois). Internal to src/numeric.
 *
 * Why not lgamma in log space: log C(n, k) + k ln p + (n − k) ln(1 − p) cancels values of size
 * n ln n (≈ 2e10 for n = 1e9), so its absolute error ~n ln n·ε ≈ 5e-6 becomes the relative error
 * of the pmf. Loader's form subtracts the large parts analytically: only the Stirling remainders
 * δ(n) = lnΓ(n + 1) − (n + ½)ln n + n − ln√(2π) and the deviance terms
 * bd0(x, M) = x ln(x/M) + M − x (≥ 0, small near the mode) are evaluated, both to full accuracy.
 */

const LN_SQRT_2PI = 0.9189385332046728;
const TWO_PI = 6.283185307179586;

/**
 * δ(n) = lnΓ(n + 1) − (n + ½)ln n + n − ln√(2π) at n = ½, 1, …, 20 (mpmath, 60 digits; make_tables() in test/fixtures/make_numeric_fixtures.py).
 * @internal
 * Index i holds δ((i + 1)/2).
 */
export const STIRLERR_HALF = [
  0.15342640972002736, 0.08106146679532726, 0.05481412105191765, 0.0413406959554093,
  0.03316287351993629, 0.02767792568499834, 0.023746163656297496, 0.020790672103765093,
  0.018488450532673187, 0.016644691189821193, 0.015134973221917378, 0.013876128823070748,
  0.012810465242920227, 0.01189670994589177, 0.011104559758206917, 0.010411265261972096,
  0.009799416126158804, 0.009255462182712733, 0.008768700134139386, 0.00833056343336287,
  0.00793411456431402, 0.007573675487951841, 0.007244554301320383, 0.00694284010720953,
  0.006665247032707682, 0.006408994188004207, 0.006171712263039458, 0.0059513701127588475,
  0.0057462165130101155, 0.005554733551962801, 0.005375599032926835, 0.0052076559196096404,
  0.005049887331583002, 0.004901395948434738, 0.00476138694171445, 0.004629153749334028,
  0.0045040661551206855, 0.004385560249232324, 0.004273129932103007, 0.004166319691996922,
];

/**
 * Stirling remainder δ(n) = lnΓ(n + 1) − (n + ½)ln n + n − ln√(2π) for real n > 0
 * (Loader 2000, eq. 2.3).
 * - 2n an integer ≤ 40: table (exact to rounding);
 * - n ≥ 10: δ(n) = Σ_{k=1}^{8} B_{2k}/(2k(2k−1)n^{2k−1}) (A&S 6.1.40), error < 2e-18;
 * - otherwise: upward recurrence δ(n) = δ(n + 1) + (n + ½)ln(1 + 1/n) − 1, absolute error
 *   ≲ 10 ε (plus ~ε·|ln n|/2 for tiny n).
 */
export function stirlerr(n: number): number {
  if (n <= 20) {
    const twice = 2 * n;
    if (Number.isInteger(twice)) return STIRLERR_HALF[twice - 1];
  }
  let acc = 0;
  let y = n;
  if (y < 10) {
    if (y < 1e-300) {
      // 1/y would overflow; use the definition (lnΓ(1 + y) ≈ 0 to double precision here).
      return -(y + 0.5) * Math.log(y) + y - LN_SQRT_2PI;
    }
    while (y < 10) {
      acc += (y + 0.5) * Math.log1p(1 / y) - 1;
      y += 1;
    }
  }
  const r = 1 / y;
  const r2 = r * r;
  const s =
    r *
    (1 / 12 -
      r2 *
        (1 / 360 -
          r2 *
            (1 / 1260 -
              r2 *
                (1 / 1680 -
                  r2 * (1 / 1188 - r2 * (691 / 360360 - r2 * (1 / 156 - r2 * (3617 / 122400))))))));
  return acc + s;
}

/**
 * Deviance term bd0(x, M) = x ln(x/M) + M − x ≥ 0 (Loader 2000, eq. 2.4), given d = x − M
 * computed accurately by the caller (the rounding of d is the main error source near the mode).
 * With v = d/(x + M), ln(x/M) = 2 artanh v gives the series bd0 = d·v + 2x Σ_{j≥1} v^{2j+1}/(2j+1)
 * (Loader's eq. 2.5), which has no cancellation. Loader switches to the closed form already at
 * |v| ≥ 0.1, where x ln(x/M) and M − x cancel up to 8-fold (R ≥ 4.4 added an extended-precision
 * "ebd0" for this); here the series is used up to |v| < 0.5 (≤ 27 terms), beyond which the closed
 * form cancels at most ~2.3-fold.
 * @internal
 */
export function bd0(x: number, M: number, d: number): number {
  if (x === 0) return M;
  if (Math.abs(d) < 0.5 * (x + M)) {
    let v = d / (x + M);
    let s = d * v;
    if (Math.abs(s) < Number.MIN_VALUE * 4) return s;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / M) - d;
}

const SPLITTER = 134217729; // 2^27 + 1 (Veltkamp–Dekker splitting)

/**
 * a − b·c with the product b·c evaluated exactly (Dekker's two-product), so the result is
 * correctly rounded up to the final subtraction even when a ≈ b·c.
 * @internal
 */
export function subtractProduct(a: number, b: number, c: number): number {
  const p = b * c;
  let t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  t = SPLITTER * c;
  const ch = t - (t - c);
  const cl = c - ch;
  const e = bh * ch - p + bh * cl + bl * ch + bl * cl; // b·c = p + e exactly
  return a - p - e;
}

/**
 * The Poisson "density" e^{−λ} λ^x / Γ(x + 1) for real x ≥ 0 and λ ≥ 0
 * (Loader 2000: e^{−δ(x) − bd0(x, λ)}/√(2πx)). Relative error ≲ 10 ε + ε·bd0 (the exponent's
 * rounding; unavoidable when the result is far below 1).
 * @internal
 */
export function dpoisRaw(x: number, lambda: number): number {
  if (lambda === 0) return x === 0 ? 1 : 0;
  if (x === 0) return Math.exp(-lambda);
  if (!Number.isFinite(lambda)) return 0;
  return Math.exp(-stirlerr(x) - bd0(x, lambda, x - lambda)) / Math.sqrt(TWO_PI * x);
}

/**
 * The binomial "density" Γ(n + 1)/(Γ(x + 1)Γ(n − x + 1)) p^x q^{n−x} for real 0 ≤ x ≤ n, with
 * q = 1 − p and d = x − n·p supplied accurately by the caller (Loader 2000, eq. 2.5):
 * exp(δ(n) − δ(x) − δ(n − x) − bd0(x, np) − bd0(n − x, nq)) · √(n/(2πx(n − x))).
 * @internal
 */
export function dbinomRaw(x: number, n: number, p: number, q: number, d: number): number {
  if (p === 0) return x === 0 ? 1 : 0;
  if (q === 0) return x === n ? 1 : 0;
  if (x === 0) {
    if (n === 0) return 1;
    // q^n, with ln q = ln(1 − p) evaluated as −bd0(n, nq)/n − p when p is small.
    const lc = p < 0.1 ? -bd0(n, n * q, -d) - n * p : n * Math.log(q);
    return Math.exp(lc);
  }
  if (x === n) {
    const lc = q < 0.1 ? -bd0(n, n * p, d) - n * q : n * Math.log(p);
    return Math.exp(lc);
  }
  if (x < 0 || x > n) return 0;
  const lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p, d) - bd0(n - x, n * q, -d);
  const lf = TWO_PI * x * ((n - x) / n);
  return Math.exp(lc) / Math.sqrt(lf);
}
