/**
 * The training project's seeded.py: the app's hash-keyed mulberry32 draws (split order, starting weights, augmentation).
 * Static Python (everything run-specific is in the JSON files beside it), kept as readable text.
 */
export const SEEDED_PY = String.raw`"""The workbench's seeded randomness, bit for bit: the same seed gives the same split order, starting
weights and augmentation draws here as in the app.

Every draw is keyed by a hash of (seed, sample index, epoch, ...), never by a running generator, so a
sample's augmentation does not depend on the batch it lands in, the batch size or the number of processes.
"""
import numpy as np

MASK = 0xFFFFFFFF
GOLDEN = 0x6D2B79F5


def _rotl(x, r):
    return ((x << r) | (x >> (32 - r))) & MASK


def _imul(a, b):
    return (a * b) & MASK


def _mix_word(h, word):
    k = _imul(word, 0xCC9E2D51)
    k = _rotl(k, 15)
    k = _imul(k, 0x1B873593)
    h ^= k
    h = _rotl(h, 13)
    return (_imul(h, 5) + 0xE6546B64) & MASK


def hash_key(*parts):
    """murmur3-style hash of integers (each folded to two 32-bit words), as the app's hashKey."""
    h = 0x2545F491
    for part in parts:
        whole = int(part)
        h = _mix_word(h, whole & MASK)
        h = _mix_word(h, (whole // 4294967296) & MASK)
    h ^= len(parts) * 8
    h ^= h >> 16
    h = _imul(h, 0x85EBCA6B)
    h ^= h >> 13
    h = _imul(h, 0xC2B2AE35)
    h ^= h >> 16
    return h


def mulberry32_block(seed, start, count):
    """Draws start .. start+count-1 of mulberry32(seed) as float64 in [0, 1).

    Draw k depends only on seed + (k + 1) * GOLDEN, so a whole block is computed at once."""
    k = np.arange(start + 1, start + count + 1, dtype=np.uint64)
    t = ((np.uint64(seed & MASK) + k * np.uint64(GOLDEN)) & np.uint64(MASK)).astype(np.uint32)
    t = (t ^ (t >> np.uint32(15))) * (t | np.uint32(1))
    t = t ^ (t + (t ^ (t >> np.uint32(7))) * (t | np.uint32(61)))
    return (t ^ (t >> np.uint32(14))).astype(np.float64) / 4294967296.0


class Mulberry32:
    """mulberry32 as a generator of floats in [0, 1), drawn one at a time."""

    def __init__(self, seed):
        self.seed = seed & MASK
        self.drawn = 0

    def __call__(self):
        self.drawn += 1
        t = (self.seed + self.drawn * GOLDEN) & MASK
        t = _imul(t ^ (t >> 15), t | 1)
        t ^= (t + _imul(t ^ (t >> 7), t | 61)) & MASK
        return ((t ^ (t >> 14)) & MASK) / 4294967296.0

    def block(self, count):
        values = mulberry32_block(self.seed, self.drawn, count)
        self.drawn += count
        return values


def shuffled(values, seed32):
    """Fisher-Yates with mulberry32(seed32), as the app shuffles a split."""
    out = list(values)
    draws = Mulberry32(seed32).block(max(0, len(out) - 1))
    for step, i in enumerate(range(len(out) - 1, 0, -1)):
        j = int(draws[step] * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out


def epoch_order(train_indexes, seed, epoch):
    """The order the app visits the training split in an epoch (its epochOrder)."""
    return shuffled(train_indexes, hash_key(seed, epoch, 0x7EA1))


def glorot_kernel(shape, seed, position):
    """The app's seeded Glorot-uniform kernel for weight number position of the tfjs model (tfjs layout)."""
    fan_out = shape[-1]
    fan_in = shape[-2] if len(shape) >= 2 else 1
    receptive = int(np.prod(shape[:-2])) if len(shape) > 2 else 1
    limit = np.sqrt(6.0 / ((fan_in + fan_out) * receptive))
    draws = mulberry32_block(hash_key(seed, position, 0x1417), 0, int(np.prod(shape)))
    return ((draws * 2 - 1) * limit).astype(np.float32).reshape(shape)
`
