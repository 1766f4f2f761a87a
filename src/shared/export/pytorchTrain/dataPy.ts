/**
 * The training project's data.py: the app's images, split (splits.json), preprocessing and epoch order.
 * Static Python (everything run-specific is in the JSON files beside it), kept as readable text.
 */
export const DATA_PY = String.raw`"""The workbench's dataset: the same images, the same split and the same preprocessing as the app.

splits.json (written by the app) lists every usable image relative to the data folder, in the app's order
(the position is the image's index: it keys the augmentation draws), and the train/val/test split per class.
Each image is decoded as the app does: EXIF orientation applied, alpha flattened onto black, resized to the
input size (stretch, letterbox or centre-crop), converted to grey (linear-light luminance, as libvips) or
RGB, kept as uint8; the training loop divides by 255.
"""
import json
import math
import os

import numpy as np
import torch
from PIL import Image, ImageOps
from torch.utils.data import Dataset, DistributedSampler

from seeded import epoch_order

HERE = os.path.dirname(os.path.abspath(__file__))


def load_splits(path=os.path.join(HERE, "splits.json")):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _srgb_to_linear(v):
    v = v / 255.0
    return np.where(v <= 0.04045, v / 12.92, ((v + 0.055) / 1.055) ** 2.4)


def _linear_to_srgb(y):
    return np.where(y <= 0.0031308, 12.92 * y, 1.055 * np.power(y, 1 / 2.4) - 0.055) * 255.0


def _flatten_alpha(image):
    """RGB with any transparency composited onto black, as sharp's flatten()."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = np.asarray(image.convert("RGBA"), dtype=np.float64)
        rgb = rgba[..., :3] * (rgba[..., 3:] / 255.0)
        return Image.fromarray(np.clip(np.rint(rgb), 0, 255).astype(np.uint8), "RGB")
    return image.convert("RGB")


def _resize(image, width, height, mode):
    if image.size == (width, height):
        return image
    if mode == "stretch":
        return image.resize((width, height), Image.LANCZOS)
    w, h = image.size
    scale = min(width / w, height / h) if mode == "letterbox" else max(width / w, height / h)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    resized = image.resize(size, Image.LANCZOS)
    if mode == "letterbox":
        canvas = Image.new("RGB", (width, height))
        canvas.paste(resized, ((width - size[0]) // 2, (height - size[1]) // 2))
        return canvas
    left, top = (size[0] - width) // 2, (size[1] - height) // 2
    return resized.crop((left, top, left + width, top + height))


def load_image(path, input_shape, resize):
    """uint8 [H, W, C] as the app decodes the file."""
    with Image.open(path) as opened:
        image = ImageOps.exif_transpose(opened)
        if image.mode in ("I;16", "I;16B", "I"):
            image = Image.fromarray((np.asarray(image, dtype=np.float64) / 257.0).round().astype(np.uint8))
        rgb = _resize(_flatten_alpha(image), input_shape["width"], input_shape["height"], resize)
    pixels = np.array(rgb, dtype=np.uint8)
    if input_shape["channels"] == 3:
        return pixels
    grey = pixels[..., 0] if _is_grey(pixels) else _luminance(pixels)
    return grey[..., None]


def _is_grey(rgb):
    return bool((rgb[..., 0] == rgb[..., 1]).all() and (rgb[..., 1] == rgb[..., 2]).all())


def _luminance(rgb):
    linear = _srgb_to_linear(rgb.astype(np.float64))
    y = linear @ np.array([0.2126, 0.7152, 0.0722])
    return np.clip(np.rint(_linear_to_srgb(y)), 0, 255).astype(np.uint8)


class SplitImages(Dataset):
    """One split: items are (uint8 [C, H, W], label, index in the app's image list)."""

    def __init__(self, splits, name, data_dir):
        self.root = data_dir
        self.input = splits["input"]
        self.resize = splits["resize"]
        position = {path: i for i, path in enumerate(splits["files"])}
        self.items = []
        for label, class_name in enumerate(splits["classes"]):
            for path in splits["splits"][name].get(class_name, []):
                self.items.append((path, label, position[path]))
        self.items.sort(key=lambda item: item[2])
        missing = [p for p, _, _ in self.items[:1] + self.items[-1:] if not os.path.isfile(os.path.join(data_dir, p))]
        if missing:
            raise FileNotFoundError(
                f"{os.path.join(data_dir, missing[0])} does not exist: pass --data DIR, the folder with one "
                f"sub-folder per class that the app opened (copied or mounted where every process can read it)."
            )

    def __len__(self):
        return len(self.items)

    def __getitem__(self, k):
        path, label, index = self.items[k]
        pixels = load_image(os.path.join(self.root, path), self.input, self.resize)
        return torch.from_numpy(pixels).permute(2, 0, 1).contiguous(), label, index

    def indexes(self):
        return [index for _, _, index in self.items]


class AppOrderSampler(DistributedSampler):
    """A DistributedSampler that visits the split in the app's order for the epoch: with one process, the
    app's batches exactly; with N, process r takes every N-th image of that order from the r-th on."""

    def __init__(self, dataset, seed, num_replicas, rank):
        super().__init__(dataset, num_replicas=num_replicas, rank=rank, shuffle=True, seed=seed)

    def __iter__(self):
        order = epoch_order(range(len(self.dataset)), self.seed, self.epoch)
        padding = self.total_size - len(order)  # to a multiple of the process count, as torch pads
        order += (order * math.ceil(padding / len(order)))[:padding]
        return iter(order[self.rank : self.total_size : self.num_replicas])
`
