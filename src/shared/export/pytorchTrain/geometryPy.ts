/**
 * The training project's geometry.py: flip/rotate/shift/scale composed into one bilinear resampling (tf.image.transform semantics).
 * Static Python (everything run-specific is in the JSON files beside it), kept as readable text.
 */
export const GEOMETRY_PY = String.raw`"""Flips, rotations, shifts and scales as ONE resampling per sample, with TensorFlow's semantics (the app's
tf.image.transform): bilinear, pixel centres at integers, and a constant, edge or reflect border."""
import math

import torch


def _cos_sin(degrees):
    """cos and sin of an angle in degrees, exact at multiples of 90 degrees."""
    quarter = degrees / 90
    if quarter == int(quarter):
        return [(1, 0), (0, 1), (-1, 0), (0, -1)][int(quarter) % 4]
    radians = degrees * math.pi / 180
    return math.cos(radians), math.sin(radians)


def _about_centre(l00, l01, l10, l11, cx, cy):
    return [l00, l01, cx - l00 * cx - l01 * cy, l10, l11, cy - l10 * cx - l11 * cy]


def _multiply(m, n):
    return [
        m[0] * n[0] + m[1] * n[3], m[0] * n[1] + m[1] * n[4], m[0] * n[2] + m[1] * n[5] + m[2],
        m[3] * n[0] + m[4] * n[3], m[3] * n[1] + m[4] * n[4], m[3] * n[2] + m[4] * n[5] + m[5],
    ]


def sample_transform(drawn, height, width):
    """[a0, a1, a2, b0, b1, b2]: output pixel (x, y) samples input (a0 x + a1 y + a2, b0 x + b1 y + b2);
    None when no geometric op applied. The product of each op's inverse, in spec order."""
    cx, cy = (width - 1) / 2, (height - 1) / 2
    inverse = None
    for d in drawn:
        if d["type"] == "flip":
            step = _about_centre(-1 if d["horizontal"] else 1, 0, 0, -1 if d["vertical"] else 1, cx, cy)
        elif d["type"] == "rotate":
            c, s = _cos_sin(d["degrees"])
            step = _about_centre(c, -s, s, c, cx, cy)
        elif d["type"] == "shift":
            step = [1, 0, -d["x"], 0, 1, -d["y"]]
        elif d["type"] == "scale":
            step = _about_centre(1 / d["factor"], 0, 0, 1 / d["factor"], cx, cy)
        else:
            continue
        inverse = step if inverse is None else _multiply(inverse, step)
    return inverse


def _map_coord(coord, length, mode):
    """TensorFlow's ImageProjectiveTransform border handling: edge clamps, reflect mirrors (dcba|abcd|dcba)."""
    if mode == "edge":
        return coord.clamp(0, length - 1)
    if mode == "reflect":
        if length <= 1:
            return torch.zeros_like(coord)
        period = 2 * length
        c = torch.remainder(coord, period)
        c = torch.where(c >= length, period - c - 1, c)
        return c.clamp(0, length - 1)
    return coord


def resample(images, transforms, mode, fill_value):
    """Bilinear resampling of [N, C, H, W] with one 6-number transform per sample (tf.image.transform)."""
    n, c, h, w = images.shape
    dev = images.device
    t = torch.tensor(transforms, dtype=torch.float32, device=dev).view(n, 6, 1, 1)
    ys, xs = torch.meshgrid(torch.arange(h, device=dev), torch.arange(w, device=dev), indexing="ij")
    xs, ys = xs.float(), ys.float()
    x = _map_coord(t[:, 0] * xs + t[:, 1] * ys + t[:, 2], w, mode)
    y = _map_coord(t[:, 3] * xs + t[:, 4] * ys + t[:, 5], h, mode)
    x0, y0 = torch.floor(x), torch.floor(y)
    fx, fy = (x - x0).unsqueeze(1), (y - y0).unsqueeze(1)
    flat = images.reshape(n, c, h * w)

    def read(yy, xx):
        inside = ((yy >= 0) & (yy < h) & (xx >= 0) & (xx < w)).unsqueeze(1)
        at = (yy.clamp(0, h - 1) * w + xx.clamp(0, w - 1)).long().view(n, 1, h * w).expand(n, c, h * w)
        values = torch.gather(flat, 2, at).view(n, c, h, w)
        return torch.where(inside, values, torch.full_like(values, fill_value))

    top = (1 - fx) * read(y0, x0) + fx * read(y0, x0 + 1)
    bottom = (1 - fx) * read(y0 + 1, x0) + fx * read(y0 + 1, x0 + 1)
    return (1 - fy) * top + fy * bottom
`
