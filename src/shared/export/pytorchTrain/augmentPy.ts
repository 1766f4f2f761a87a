/**
 * The training project's augment.py: the augmentation spec's draws and pixel ops, as the app draws and applies them.
 * Static Python (everything run-specific is in the JSON files beside it), kept as readable text.
 */
export const AUGMENT_PY = String.raw`"""The workbench's augmentation (augment.json) in torch ops, with the app's semantics and the app's draws.

Per sample, the ops that apply and their parameters are drawn from (seed, image index, epoch), exactly as
the app draws them. Flips, rotations, shifts and scales are composed into one transform and resampled once
(bilinear, with the spec's one fill mode); then salt-and-pepper, Gaussian noise, brightness and contrast
follow in spec order. Pixel values are floats in [0, 1]; images are [N, C, H, W] on any device.
"""
import numpy as np
import torch

from geometry import resample, sample_transform
from seeded import Mulberry32, hash_key, mulberry32_block

STREAM_PARAMS = 1
STREAM_PIXELS = 2
GEOMETRIC = ("flip", "rotate", "shift", "scale")
KNOWN_OPS = GEOMETRIC + ("saltPepper", "gaussianNoise", "brightness", "contrast")


def enabled_ops(spec):
    return [(position, op) for position, op in enumerate(spec.get("ops", [])) if op.get("enabled", True)]


def check_spec(spec):
    """Refuses ops this file does not know, instead of silently training without them."""
    for position, op in enabled_ops(spec):
        if op.get("type") not in KNOWN_OPS:
            raise ValueError(f"augment.json: op {position} ({op.get('type')}) is not supported by augment.py")
        if op.get("interpolation", "bilinear") != "bilinear" or op.get("expand", False):
            raise ValueError(
                f"augment.json: op {position} ({op['type']}) asks for"
                f" {'expand' if op.get('expand') else op.get('interpolation')}; augment.py resamples bilinear, at the"
                " image's size, only"
            )


def resolve_fill(spec):
    """The one border fill of the geometric resampling: the first fill/fillValue any enabled op sets."""
    filling = [op for _, op in enabled_ops(spec) if op["type"] in ("rotate", "shift", "scale")]
    mode = next((op["fill"] for op in filling if "fill" in op), "constant")
    value = next((op["fillValue"] for op in filling if "fillValue" in op), 0.0)
    return mode, float(value)


def _op_random(seed, index, epoch, position, stream):
    return Mulberry32(hash_key(seed, index, epoch, position, stream))


def _draw_range(random, value):
    if isinstance(value, (int, float)):
        return float(value)
    lo, hi = value
    return float(lo) if hi == lo else lo + (hi - lo) * random()


def draw_params(spec, seed, index, epoch, height, width):
    """The ops applied to one sample and their parameters: the app's drawParams, draw for draw."""
    drawn = []
    for position, op in enabled_ops(spec):
        random = _op_random(seed, index, epoch, position, STREAM_PARAMS)
        if not random() < op.get("probability", 1):
            continue
        kind = op["type"]
        d = {"opPosition": position, "type": kind}
        if kind == "flip":
            d.update(horizontal=op["direction"] != "vertical", vertical=op["direction"] != "horizontal")
        elif kind == "rotate":
            d["degrees"] = _draw_range(random, op["degrees"])
        elif kind == "shift":
            x, y = _draw_range(random, op["x"]), _draw_range(random, op["y"])
            fraction = op.get("unit") == "fraction"
            d.update(x=x * width if fraction else x, y=y * height if fraction else y)
        elif kind == "scale":
            d["factor"] = _draw_range(random, op["factor"])
        else:
            field = {"saltPepper": "amount", "gaussianNoise": "sigma", "brightness": "delta", "contrast": "factor"}
            d[field[kind]] = _draw_range(random, op[field[kind]])
        drawn.append(d)
    return drawn


def _noise_draws(seed, index, epoch, position, count):
    return mulberry32_block(hash_key(seed, index, epoch, position, STREAM_PIXELS), 0, count)


def _salt_pepper(x, d, key):
    """One draw per pixel (shared by its channels): 0 with probability amount, 1 with probability amount."""
    _, h, w = x.shape
    u = torch.from_numpy(_noise_draws(*key, d["opPosition"], h * w).reshape(h, w)).to(x.device)
    amount = d["amount"]
    keep = (u >= 2 * amount).to(x.dtype)
    salt = ((u >= amount) & (u < 2 * amount)).to(x.dtype)
    return x * keep + salt


def _gaussian(x, d, key):
    """N(0, sigma^2) per value, Box-Muller over the app's draws in its [H, W, C] order, then clipped."""
    c, h, w = x.shape
    count = c * h * w
    u = _noise_draws(*key, d["opPosition"], count + (count % 2)).reshape(-1, 2)
    radius = d["sigma"] * np.sqrt(-2 * np.log(1 - u[:, 0]))
    angle = 2 * np.pi * u[:, 1]
    noise = np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1).reshape(-1)[:count]
    hwc = torch.from_numpy(noise.astype(np.float32).reshape(h, w, c)).to(x.device)
    return (x + hwc.permute(2, 0, 1)).clamp(0, 1)


def _brightness(x, d, key):
    return (x + d["delta"]).clamp(0, 1)


def _contrast(x, d, key):
    mean = x.mean(dim=(1, 2), keepdim=True)
    f = d["factor"]
    return (x * f + mean * (1 - f)).clamp(0, 1)


PIXEL_OPS = {"saltPepper": _salt_pepper, "gaussianNoise": _gaussian, "brightness": _brightness, "contrast": _contrast}


def apply_drawn(images, drawn_per_sample, keys, fill):
    """Applies already drawn parameters: one composed resampling per moved sample, then the pixel ops.
    keys holds (seed, index, epoch) per sample (the noise streams are keyed by it)."""
    n, _, h, w = images.shape
    transforms = [sample_transform(drawn, h, w) for drawn in drawn_per_sample]
    out = images
    if any(t is not None for t in transforms):
        identity = [1, 0, 0, 0, 1, 0]
        moved = resample(images, [t or identity for t in transforms], fill[0], fill[1])
        still = torch.tensor([t is None for t in transforms], device=images.device).view(n, 1, 1, 1)
        out = torch.where(still, images, moved)
    samples = []
    for i, drawn in enumerate(drawn_per_sample):
        x = out[i]
        for d in drawn:
            if d["type"] in PIXEL_OPS:
                x = PIXEL_OPS[d["type"]](x, d, keys[i])
        samples.append(x)
    return torch.stack(samples)


def augment_batch(images, indexes, spec, seed, epoch):
    """What training calls per batch: images [N, C, H, W] in [0, 1], indexes = the images' dataset indexes."""
    _, _, h, w = images.shape
    drawn = [draw_params(spec, seed, int(index), epoch, h, w) for index in indexes]
    keys = [(seed, int(index), epoch) for index in indexes]
    return apply_drawn(images, drawn, keys, resolve_fill(spec))
`
