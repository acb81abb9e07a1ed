#!/usr/bin/env python3
"""numpy references for bench/families.ts: the same chains, the real procedure, vectorised over chains.

Usage: families_numpy.py <case> K T M [seed]; prints one JSON line {"case", "seconds"}.
Cases: gaussian-mle, gaussian-unbiased, categorical-mle (Zipf(100, 1.1)), categorical-smoothed
(alpha 0.5), kde-fixed (bandwidth 0.1), kde-silverman (0.9·min(sd, IQR/1.34)·n^(-1/5) refitted each
generation). All under replace. GMM needs scikit-learn; it is reported as skipped when absent.
"""
import json
import sys
import time

import numpy as np


def gaussian(rng, K, T, M, ddof):
    mu, sd = np.zeros(K), np.ones(K)
    for _ in range(T):
        x = rng.standard_normal((K, M)) * sd[:, None] + mu[:, None]
        mu, sd = x.mean(axis=1), x.std(axis=1, ddof=ddof)


def categorical(rng, K, T, M, alpha):
    k = 100
    p0 = np.arange(1, k + 1, dtype=float) ** -1.1
    p = np.tile(p0 / p0.sum(), (K, 1))
    for _ in range(T):
        c = rng.multinomial(M, p)
        p = (c + alpha) / (M + k * alpha)


def kde(rng, K, T, M, silverman):
    data = rng.standard_normal((K, M))
    rows = np.arange(K)[:, None]
    h = np.full(K, 0.1)
    for _ in range(T):
        if silverman:
            sd = data.std(axis=1, ddof=1)
            q75, q25 = np.percentile(data, [75, 25], axis=1)
            h = 0.9 * np.minimum(sd, (q75 - q25) / 1.34) * M ** -0.2
        idx = rng.integers(0, M, (K, M))
        data = data[rows, idx] + h[:, None] * rng.standard_normal((K, M))


def main():
    case, K, T, M = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    rng = np.random.default_rng(int(sys.argv[5]) if len(sys.argv) > 5 else 1)
    run = {
        "gaussian-mle": lambda: gaussian(rng, K, T, M, 0),
        "gaussian-unbiased": lambda: gaussian(rng, K, T, M, 1),
        "categorical-mle": lambda: categorical(rng, K, T, M, 0.0),
        "categorical-smoothed": lambda: categorical(rng, K, T, M, 0.5),
        "kde-fixed": lambda: kde(rng, K, T, M, False),
        "kde-silverman": lambda: kde(rng, K, T, M, True),
    }.get(case)
    if run is None:
        print(json.dumps({"case": case, "skipped": "no numpy reference"}))
        return
    t0 = time.perf_counter()
    run()
    print(json.dumps({"case": case, "seconds": time.perf_counter() - t0}))


if __name__ == "__main__":
    main()
