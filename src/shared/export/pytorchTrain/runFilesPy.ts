/**
 * The training project's runfiles.py: atomic writes, metrics.jsonl, evaluation.json and model/ in the app's TF.js layout.
 * Static Python (everything run-specific is in the JSON files beside it), kept as readable text.
 */
export const RUN_FILES_PY = String.raw`"""The run folder the workbench opens: run.json, metrics.jsonl, evaluation.json and model/ (TF.js layout).

Every file is written to a temporary name, flushed and renamed into place, so the app (or a crash) never
sees half a file. Only process 0 writes.
"""
import json
import os
import shutil
from datetime import datetime, timezone

import numpy as np

from model import weight_arrays


def now():
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _write_bytes(path, data):
    temp = f"{path}.tmp-{os.getpid()}"
    with open(temp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temp, path)


def write_json(path, value):
    _write_bytes(path, (json.dumps(value, indent=2) + "\n").encode("utf-8"))


def append_metrics(run_dir, lines):
    if lines:
        with open(os.path.join(run_dir, "metrics.jsonl"), "a", encoding="utf-8") as f:
            f.write("".join(json.dumps(line) + "\n" for line in lines))


def read_metrics(run_dir):
    try:
        with open(os.path.join(run_dir, "metrics.jsonl"), encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    except (FileNotFoundError, json.JSONDecodeError):
        return []


def keep_metrics(run_dir, epochs_completed, step):
    """Drops metric lines past a checkpoint, so a resumed run counts no epoch twice."""
    kept = [m for m in read_metrics(run_dir)
            if (m["epoch"] <= epochs_completed if m["kind"] == "epoch" else m["step"] <= step)]
    _write_bytes(os.path.join(run_dir, "metrics.jsonl"), "".join(json.dumps(m) + "\n" for m in kept).encode())


def save_tfjs_model(model, template_dir, out_dir):
    """Writes out_dir/model.json + weights.bin in the app's layout: the topology and weight order of
    template_dir/model.json (the app's own export of this network), with the module's current values."""
    with open(os.path.join(template_dir, "model.json"), encoding="utf-8") as f:
        model_json = json.load(f)
    arrays = weight_arrays(model)
    entries = [entry for group in model_json["weightsManifest"] for entry in group["weights"]]
    chunks = []
    for entry in entries:
        value = arrays[entry["name"]].astype("<f4")
        if list(value.shape) != list(entry["shape"]):
            raise ValueError(f"{entry['name']} has shape {list(value.shape)}, the app expects {entry['shape']}")
        chunks.append(value.tobytes())
    model_json["weightsManifest"] = [{"paths": ["weights.bin"], "weights": entries}]
    model_json["generatedBy"] = "CNN Workbench PyTorch training project"
    partial = f"{out_dir}.partial-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    os.makedirs(partial)
    _write_bytes(os.path.join(partial, "weights.bin"), b"".join(chunks))
    _write_bytes(os.path.join(partial, "model.json"), json.dumps(model_json).encode("utf-8"))
    shutil.rmtree(out_dir, ignore_errors=True)
    os.replace(partial, out_dir)


def evaluation_json(split, labels, predicted, confidence, indexes, loss, classes, images_per_second):
    """evaluation.json as the app writes it: confusion matrix, per-class figures, every prediction."""
    n = len(classes)
    confusion = np.zeros((n, n), dtype=np.int64)
    for t, p in zip(labels, predicted):
        confusion[t, p] += 1
    per_class = []
    for c, name in enumerate(classes):
        tp, support, predicted_as = int(confusion[c, c]), int(confusion[c].sum()), int(confusion[:, c].sum())
        precision = tp / predicted_as if predicted_as else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class.append({"className": name, "precision": precision, "recall": recall, "f1": f1, "support": support})
    present = [m["f1"] for m in per_class if m["support"] > 0]
    rows = [{"index": int(i), "trueLabel": int(t), "predicted": int(p), "confidence": float(c)}
            for i, t, p, c in zip(indexes, labels, predicted, confidence)]
    wrong = sorted((r for r in rows if r["predicted"] != r["trueLabel"]), key=lambda r: (-r["confidence"], r["index"]))
    count = len(rows)
    return {
        "version": 1, "split": split, "count": count, "loss": loss if count else None,
        "accuracy": float(np.trace(confusion) / count) if count else None, "classNames": list(classes),
        "confusion": confusion.tolist(), "perClass": per_class,
        "macroF1": sum(present) / len(present) if present else None,
        "misclassified": wrong, "predictions": rows, "imagesPerSecond": images_per_second, "createdAt": now(),
    }
`
