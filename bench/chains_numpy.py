#!/usr/bin/env python3
"""numpy side of bench/chains.ts: the same two chain workloads, the real procedure.

Prints one JSON line: {"numpy": version, "gaussian": seconds, "categorical": seconds}.
Arguments (all optional, as key=value): K, T, M (Gaussian), CK, CT, CM, k, s (categorical), seed,
only=gaussian|categorical (run one workload).
"""
import json
import sys
import time

import numpy as np


def arg(name, default):
    for a in sys.argv[1:]:
        if a.startswith(name + "="):
            return type(default)(a.split("=", 1)[1])
    return default


def gaussian_chains(rng, K, T, M):
    mu = np.zeros(K)
    sd = np.ones(K)
    for _ in range(T):
        x = rng.standard_normal((K, M))
        x *= sd[:, None]
        x += mu[:, None]
        mu = x.mean(axis=1)
        sd = np.sqrt(x.var(axis=1, ddof=1))  # unbiased variance
    return mu, sd


def categorical_chains(rng, K, T, M, k, s):
    p0 = np.arange(1, k + 1, dtype=float) ** -s
    p0 /= p0.sum()
    p = np.tile(p0, (K, 1))
    for _ in range(T):
        counts = rng.multinomial(M, p)  # one multinomial draw of M per chain
        p = counts / M  # refit by frequencies (MLE)
    return p


def main():
    seed = arg("seed", 1)
    K, T, M = arg("K", 1000), arg("T", 1000), arg("M", 100)
    CK, CT, CM = arg("CK", 1000), arg("CT", 500), arg("CM", 1000)
    k, s = arg("k", 100), arg("s", 1.1)
    only = arg("only", "")
    rng = np.random.default_rng(seed)
    out = {"numpy": np.__version__, "check": {}}
    if only in ("", "gaussian"):
        t0 = time.perf_counter()
        mu, sd = gaussian_chains(rng, K, T, M)
        out["gaussian"] = time.perf_counter() - t0
        out["check"]["gaussianMeanSd"] = float(sd.mean())
    if only in ("", "categorical"):
        t0 = time.perf_counter()
        p = categorical_chains(rng, CK, CT, CM, k, s)
        out["categorical"] = time.perf_counter() - t0
        out["check"]["categoricalMeanSupport"] = float((p > 0).sum(axis=1).mean())
    print(json.dumps(out))


if __name__ == "__main__":
    main()
