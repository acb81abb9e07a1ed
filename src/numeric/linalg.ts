/**
 * Dense linear-algebra kernels on row-major Float64Array matrices, hand-written for the small
 * (d ≲ 100) matrices refitted every generation: a general library call costs more in allocation
 * and dispatch than the O(d³) arithmetic itself.
 *
 * Symmetric inputs are given by their LOWER triangle (entries a[i·d + j] with i ≥ j); the strict
 * upper triangle is never read. This is LAPACK's uplo = 'L' convention, also numpy.linalg.eigh's
 * default, so a matrix that is symmetric only up to rounding (a product S·A·S) needs no
 * symmetrisation first.
 */

import { assertInteger, InvalidParameterError } from "../util/validate.ts";

/**
 * Tolerance of positive semi-definiteness checks, relative and per dimension: a d × d symmetric
 * matrix passes when its smallest eigenvalue is ≥ −PSD_TOLERANCE_PER_DIM · d · max_i |λ_i|.
 * Forming a covariance and computing its eigenvalues perturbs them by about d·ε·‖A‖ (Higham,
 * Accuracy and Stability of Numerical Algorithms, 2nd ed., §3.5; Jacobi's backward error,
 * Demmel & Veselić 1992; test/numeric/linalg.test.ts sees ≤ 0.5·d·ε·‖A‖), so an honest PSD
 * matrix — an exactly singular covariance in particular — passes with a 100× margin, while a
 * genuinely indefinite one (λ_min/λ_max < −1.5·10⁻¹⁴·d) is rejected.
 */
export const PSD_TOLERANCE_PER_DIM = 64 * Number.EPSILON;

/**
 * Numerical rank tolerance, relative and per dimension: an eigenvalue λ of a d × d symmetric PSD
 * matrix with λ ≤ RANK_TOLERANCE_PER_DIM · d · λ_max counts as 0. This is the default of
 * numpy.linalg.matrix_rank (σ_max · max(m, n) · ε) and of MATLAB's `rank`. The null eigenvalues
 * of exactly rank-deficient sample covariances stay below 0.5·d·ε·λ_max (measured ≤ 0.3 and
 * asserted in test/engine/mvGaussian.test.ts), under this level. A positive definite matrix is
 * counted singular only when its condition number exceeds 1/(d·ε) ≈ 4.5·10¹⁵/d: rounding its
 * entries alone (relative ε) can then move its smallest eigenvalue by 1/d of its size.
 */
export const RANK_TOLERANCE_PER_DIM = Number.EPSILON;

/** Cyclic Jacobi converges quadratically (5–10 sweeps in practice); this only bounds the loop. */
const MAX_SWEEPS = 100;

function checkDim(api: string, d: number): void {
  assertInteger(api, "d", d, 1, 46340);
}

function checkMatrix(api: string, name: string, a: ArrayLike<number>, length: number): void {
  if (a === null || typeof a !== "object" || typeof a.length !== "number") {
    throw new InvalidParameterError(api, name, "must be an array-like of numbers", a);
  }
  if (a.length !== length) {
    throw new InvalidParameterError(api, `${name}.length`, `must equal ${length}`, a.length);
  }
  for (let i = 0; i < length; i++) {
    const v = a[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new InvalidParameterError(api, `${name}[${i}]`, "must be a finite number", v);
    }
  }
}

function checkSquare(api: string, a: ArrayLike<number>, d: number): void {
  checkDim(api, d);
  checkMatrix(api, "a", a, d * d);
}

/**
 * Cholesky–Banachiewicz on the lower triangle of `a`. Returns the pivot index at which the
 * factorisation broke down (pivot ≤ 0), or −1 with `out` holding L (zeros above the diagonal).
 */
function choleskyInto(a: ArrayLike<number>, d: number, out: Float64Array): number {
  for (let i = 0; i < d; i++) {
    const ri = i * d;
    for (let j = 0; j <= i; j++) {
      const rj = j * d;
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= out[ri + k] * out[rj + k];
      if (i === j) {
        if (!(s > 0)) return i;
        out[ri + i] = Math.sqrt(s);
      } else {
        out[ri + j] = s / out[rj + j];
      }
    }
  }
  return -1;
}

function notPositiveDefinite(api: string, a: ArrayLike<number>, pivot: number): never {
  throw new InvalidParameterError(
    api,
    "a",
    `must be symmetric positive definite (Cholesky pivot ${pivot} is not > 0)`,
    a,
  );
}

/**
 * The Cholesky factor L of a symmetric positive definite A = L·Lᵀ: lower triangular with a
 * positive diagonal, zeros above it (scipy.linalg.cholesky(a, lower=True)). Backward stable:
 * L·Lᵀ = A + ΔA with |ΔA| ≤ γ_{d+1}|L||Lᵀ| (Higham Thm 10.3).
 * @param a d × d row-major; only the lower triangle is read.
 * @throws InvalidParameterError if a pivot is ≤ 0 (A not positive definite to working
 * precision), or on a bad size or a non-finite entry.
 */
export function cholesky(a: ArrayLike<number>, d: number): Float64Array {
  checkSquare("cholesky", a, d);
  const l = new Float64Array(d * d);
  const failed = choleskyInto(a, d, l);
  if (failed >= 0) notPositiveDefinite("cholesky", a, failed);
  return l;
}

/**
 * {@link cholesky} that returns null instead of throwing when A is not positive definite (for
 * callers that handle singular matrices themselves). Sizes and entries are still validated.
 */
export function tryCholesky(a: ArrayLike<number>, d: number): Float64Array | null {
  checkSquare("tryCholesky", a, d);
  const l = new Float64Array(d * d);
  return choleskyInto(a, d, l) >= 0 ? null : l;
}

/**
 * ln det A of a symmetric positive definite A, as 2·Σ ln L_ii from its Cholesky factor (no
 * overflow or underflow of the determinant itself).
 * @throws InvalidParameterError if A is not positive definite (use symmetricEigen for the
 * eigenvalues of a singular or indefinite matrix).
 */
export function choleskyLogDet(a: ArrayLike<number>, d: number): number {
  checkSquare("choleskyLogDet", a, d);
  const l = new Float64Array(d * d);
  const failed = choleskyInto(a, d, l);
  if (failed >= 0) notPositiveDefinite("choleskyLogDet", a, failed);
  let s = 0;
  for (let i = 0; i < d; i++) s += Math.log(l[i * d + i]);
  return 2 * s;
}

/**
 * L⁻¹ for a lower-triangular L (read from the lower triangle), by forward substitution column by
 * column; the result is lower triangular.
 * @throws InvalidParameterError if a diagonal entry is 0.
 */
export function lowerTriangularInverse(l: ArrayLike<number>, d: number): Float64Array {
  const api = "lowerTriangularInverse";
  checkDim(api, d);
  checkMatrix(api, "l", l, d * d);
  for (let i = 0; i < d; i++) {
    if (l[i * d + i] === 0) {
      throw new InvalidParameterError(api, `l[${i * d + i}]`, "must be non-zero (diagonal)", 0);
    }
  }
  const inv = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    inv[j * d + j] = 1 / l[j * d + j];
    for (let i = j + 1; i < d; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= l[i * d + k] * inv[k * d + j];
      inv[i * d + j] = s / l[i * d + i];
    }
  }
  return inv;
}

/** Eigenvalues in ascending order and the matching orthonormal eigenvectors. */
export interface SymmetricEigen {
  /** λ_0 ≤ λ_1 ≤ … ≤ λ_{d−1}. */
  readonly values: Float64Array;
  /** d × d row-major; column i (vectors[r·d + i], r = 0…d−1) is the unit eigenvector of λ_i. */
  readonly vectors: Float64Array;
}

/**
 * Eigen-decomposition A = V·diag(λ)·Vᵀ of a symmetric matrix by the cyclic Jacobi method
 * (Golub & Van Loan, Matrix Computations, 4th ed., Alg. 8.5.3), with Rutishauser's rotation
 * formulas (t = sign(θ)/(|θ| + √(1 + θ²)), updates through τ = s/(1 + c)). A rotation is skipped
 * when |a_pq| ≤ ε·√|a_pp·a_qq| (the Demmel–Veselić criterion, which keeps the high relative
 * accuracy of Jacobi); sweeps stop when a whole sweep rotates nothing. Same output convention as
 * numpy.linalg.eigh: ascending eigenvalues, eigenvectors in columns (signs are arbitrary).
 * @param a d × d row-major; only the lower triangle is read.
 */
export function symmetricEigen(a: ArrayLike<number>, d: number): SymmetricEigen {
  checkSquare("symmetricEigen", a, d);
  return jacobi(a, d, true);
}

/**
 * The eigenvalues of a symmetric matrix in ascending order: {@link symmetricEigen} without
 * accumulating the eigenvectors (about half the work).
 * @param a d × d row-major; only the lower triangle is read.
 */
export function symmetricEigenvalues(a: ArrayLike<number>, d: number): Float64Array {
  checkSquare("symmetricEigenvalues", a, d);
  return jacobi(a, d, false).values;
}

function jacobi(a: ArrayLike<number>, d: number, wantVectors: boolean): SymmetricEigen {
  const A = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      A[i * d + j] = a[i * d + j];
      A[j * d + i] = a[i * d + j];
    }
  }
  const V = new Float64Array(d * d);
  for (let i = 0; i < d; i++) V[i * d + i] = 1;
  const eps = Number.EPSILON;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < d - 1; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = A[p * d + q];
        if (apq === 0) continue;
        const app = A[p * d + p];
        const aqq = A[q * d + q];
        if (Math.abs(apq) <= eps * Math.sqrt(Math.abs(app)) * Math.sqrt(Math.abs(aqq))) {
          A[p * d + q] = 0;
          A[q * d + p] = 0;
          continue;
        }
        rotated = true;
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.hypot(1, theta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        const tau = s / (1 + c);
        const h = t * apq;
        A[p * d + p] = app - h;
        A[q * d + q] = aqq + h;
        A[p * d + q] = 0;
        A[q * d + p] = 0;
        for (let r = 0; r < d; r++) {
          if (r !== p && r !== q) {
            const g = A[r * d + p];
            const k = A[r * d + q];
            const np = g - s * (k + g * tau);
            const nq = k + s * (g - k * tau);
            A[r * d + p] = np;
            A[p * d + r] = np;
            A[r * d + q] = nq;
            A[q * d + r] = nq;
          }
        }
        if (wantVectors) {
          for (let r = 0; r < d; r++) {
            const g = V[r * d + p];
            const k = V[r * d + q];
            V[r * d + p] = g - s * (k + g * tau);
            V[r * d + q] = k + s * (g - k * tau);
          }
        }
      }
    }
    if (!rotated) break;
  }
  const order = Array.from({ length: d }, (_, i) => i).sort(
    (i, j) => A[i * d + i] - A[j * d + j] || i - j,
  );
  const values = new Float64Array(d);
  const vectors = new Float64Array(d * d);
  for (let c = 0; c < d; c++) {
    const src = order[c];
    values[c] = A[src * d + src];
    for (let r = 0; r < d; r++) vectors[r * d + c] = V[r * d + src];
  }
  return { values, vectors };
}

/**
 * V·diag(f(λ))·Vᵀ from an eigen-decomposition, symmetric by construction (the lower triangle is
 * computed and mirrored).
 */
function fromEigen(eig: SymmetricEigen, d: number, f: Float64Array): Float64Array {
  const V = eig.vectors;
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += V[i * d + k] * f[k] * V[j * d + k];
      out[i * d + j] = s;
      out[j * d + i] = s;
    }
  }
  return out;
}

/**
 * The positive semi-definite square root S = V·diag(√λ)·Vᵀ of a symmetric PSD matrix A (S² = A,
 * S symmetric PSD; scipy.linalg.sqrtm returns the same principal root). Negative eigenvalues within
 * rounding of 0 (≥ −{@link PSD_TOLERANCE_PER_DIM}·d·max|λ|) are taken as 0, so singular
 * matrices are fine.
 * @param a d × d row-major; only the lower triangle is read.
 * @throws InvalidParameterError if A has an eigenvalue below −PSD_TOLERANCE_PER_DIM·d·max|λ|.
 */
export function sqrtmSymmetric(a: ArrayLike<number>, d: number): Float64Array {
  const api = "sqrtmSymmetric";
  checkSquare(api, a, d);
  const eig = jacobi(a, d, true);
  const lo = eig.values[0];
  const scale = Math.max(Math.abs(lo), Math.abs(eig.values[d - 1]));
  const noise = PSD_TOLERANCE_PER_DIM * d * scale;
  if (lo < -noise) {
    throw new InvalidParameterError(
      api,
      "a",
      `must be positive semi-definite (smallest eigenvalue ${lo} < −${noise})`,
      a,
    );
  }
  const roots = eig.values.map((v) => (v > 0 ? Math.sqrt(v) : 0));
  return fromEigen(eig, d, roots);
}

/**
 * C = A·B for A (n × m) and B (m × p), row-major; C is n × p. Plain i-k-j loops (contiguous
 * inner loop); |C − fl(C)| ≤ γ_m|A||B| elementwise (Higham eq. 3.13).
 */
export function matMul(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  n: number,
  m: number = n,
  p: number = n,
): Float64Array {
  const api = "matMul";
  assertInteger(api, "n", n, 1, 2 ** 26);
  assertInteger(api, "m", m, 1, 2 ** 26);
  assertInteger(api, "p", p, 1, 2 ** 26);
  checkMatrix(api, "a", a, n * m);
  checkMatrix(api, "b", b, m * p);
  const c = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const ci = i * p;
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k];
      if (aik === 0) continue;
      const bk = k * p;
      for (let j = 0; j < p; j++) c[ci + j] += aik * b[bk + j];
    }
  }
  return c;
}

/** tr A = Σ a_ii of a d × d row-major matrix. */
export function trace(a: ArrayLike<number>, d: number): number {
  checkSquare("trace", a, d);
  let s = 0;
  for (let i = 0; i < d; i++) s += a[i * d + i];
  return s;
}
