#!/usr/bin/env python3
"""Budget of properties/heat-death-entropy.test.ts: the largest standard deviation of the plug-in
entropy H(p̂_M) of M draws from a tempered bounded Zipf p_0^(τ) over the claim's scenario range
(k 3…10, s 0.5…1.5, τ in [0.5, 0.8] ∪ [1.25, 2], M 10…60), by Monte Carlo on a grid, and the
smallest H_0. Prints the sd, where it is reached, and H_0's minimum.
"""
import numpy as np

rng = np.random.default_rng(1)
best = (0.0, None)
h0_min = np.inf
for k in range(3, 11):
    for s in np.linspace(0.5, 1.5, 5):
        p0 = np.arange(1, k + 1) ** -s
        p0 /= p0.sum()
        h0_min = min(h0_min, float(-(p0 * np.log(p0)).sum()))
        for tau in [0.5, 0.6, 0.7, 0.8, 1.25, 1.5, 1.75, 2.0]:
            p = p0 ** (1 / tau)
            p /= p.sum()
            for M in [10, 12, 15, 20, 30, 60]:
                c = rng.multinomial(M, p, size=20000) / M
                with np.errstate(divide="ignore", invalid="ignore"):
                    H = -np.where(c > 0, c * np.log(c), 0).sum(1)
                if H.std() > best[0]:
                    best = (float(H.std()), dict(k=k, s=float(s), tau=tau, M=M))
print(f"largest sd of H_1: {best[0]:.4f} at {best[1]}; smallest H_0: {h0_min:.4f}")
