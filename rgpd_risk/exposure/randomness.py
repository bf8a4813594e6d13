"""Counter-based random bits for the exposure models (no global state).

A draw depends only on a key (a dataset or cell id), the seed and the draw index: the same
dataset gets the same draws in any inventory (common random numbers), and results do not
depend on the row order. SplitMix64 finaliser over ``key ^ counter``.
"""

from __future__ import annotations

import hashlib

import numpy as np

_U64 = np.uint64
_MIX1, _MIX2 = _U64(0xBF58476D1CE4E5B9), _U64(0x94D049BB133111EB)
_GOLDEN = 0x9E3779B97F4A7C15
_MASK64 = (1 << 64) - 1
_TWO53 = float(2**53)


def _mix64(z: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser (a bijection of uint64 with full avalanche), in place."""
    z ^= z >> _U64(30)
    z *= _MIX1
    z ^= z >> _U64(27)
    z *= _MIX2
    z ^= z >> _U64(31)
    return z


def _dataset_keys(ids: list[str]) -> np.ndarray:
    """A stable 64-bit key per dataset id (BLAKE2b), independent of the other rows."""
    return np.array(
        [int.from_bytes(hashlib.blake2b(i.encode("utf-8"), digest_size=8).digest(), "little")
         for i in ids],
        dtype=np.uint64,
    )


def _draw_counters(seed: int, n_draws: int, stream: int) -> np.ndarray:
    """Per-draw counters of one stream for a seed: ``mix(mix(seed) ^ (2 j + stream))``."""
    base = _mix64(np.array([(int(seed) + _GOLDEN) & _MASK64], dtype=np.uint64))[0]
    return _mix64((np.arange(n_draws, dtype=np.uint64) * _U64(2) + _U64(stream)) ^ base)


def _keyed_bits(keys: np.ndarray, counters: np.ndarray) -> np.ndarray:
    """53 random bits per (key, counter): counter-based, so a dataset's draws depend only
    on its own id, the seed and the draw index (common random numbers across inventories)."""
    return _mix64(keys ^ counters) >> _U64(11)
