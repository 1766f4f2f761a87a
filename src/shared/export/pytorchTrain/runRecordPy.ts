/**
 * The training project's run_record.py: run.json, metrics, checkpoints and early stopping, as the app records a run.
 * Static Python (everything run-specific is in the JSON files beside it), kept as readable text.
 */
export const RUN_RECORD_PY = String.raw`"""This folder's run as the workbench records one: run.json, metrics.jsonl, checkpoints, early stopping.
Every process keeps the same state; only process 0 (active) writes."""
import copy
import glob
import json
import os
import random
import string
from datetime import datetime

import torch

import runfiles

CHECKPOINTS = "pytorch-checkpoints"
KEEP_CHECKPOINTS = 2


class RunRecord:
    def __init__(self, run_dir, exported, settings, augment, counts, world, device, init_weights, active):
        self.dir, self.active, self.settings = run_dir, active, settings
        self.patience = settings["earlyStopping"]["patience"] if settings["earlyStopping"]["enabled"] else None
        self.best = {"bestValLoss": None, "bestEpoch": None, "epochsWithoutImprovement": 0}
        self.best_weights, self.batch_lines = None, []
        recorded = dict(settings)
        if "steps" not in exported["settings"]:
            recorded.pop("steps", None)  # this app version has no steps setting; epochs says how long
        dataset = dict(exported["dataset"], counts=dict(zip(("train", "val", "test"), counts)))
        engine = "nccl" if device.type == "cuda" else "gloo"
        how = f"{world} processes ({engine}), DistributedDataParallel" if world > 1 else "1 process"
        self.run = {
            "version": 1, "id": datetime.now().strftime("%Y%m%d-%H%M%S-torch-")
            + "".join(random.choices(string.ascii_lowercase, k=3)),
            "status": "running", "createdAt": runfiles.now(), "updatedAt": runfiles.now(), "settings": recorded,
            "network": exported["network"], "augment": augment, "dataset": dataset,
            "backend": {"name": "pytorch", "attempts": [],
                        "why": f"PyTorch {torch.__version__} on {device.type}, {how}; batch {settings['batchSize']} "
                               f"per process ({settings['batchSize'] * world} per step)"},
            "epochsCompleted": 0, "step": 0, "final": None, "pid": os.getpid(), "error": None, "warnings": [],
            "initialWeights": os.path.abspath(os.path.join(run_dir, init_weights)) if init_weights else None,
        }
        self.state = {"epochsCompleted": 0, "step": 0, "trainedImages": 0.0, "trainingSeconds": 0.0}

    def start(self):
        if self.active:
            open(os.path.join(self.dir, "metrics.jsonl"), "w").close()
            self._write_run()
        return self.state

    def resume(self, net, optimizer, device):
        found = sorted(glob.glob(os.path.join(self.dir, CHECKPOINTS, "epoch-*.pt")))
        if not found:
            raise SystemExit(f"--resume: no checkpoint in {os.path.join(self.dir, CHECKPOINTS)}; start without it.")
        saved = torch.load(found[-1], map_location=device)
        net.load_state_dict(saved["model"])
        optimizer.load_state_dict(saved["optimizer"])
        self.state.update(saved["state"])
        self.best, self.best_weights = saved["best"], saved["bestWeights"]
        previous = os.path.join(self.dir, "run.json")
        if os.path.exists(previous):
            with open(previous, encoding="utf-8") as f:
                old = json.load(f)
            self.run.update(id=old["id"], createdAt=old["createdAt"])
        if self.active:
            runfiles.keep_metrics(self.dir, self.state["epochsCompleted"], self.state["step"])
            self._write_run()
        return self.state

    def batch(self, epoch, step, loss, accuracy):
        self.batch_lines.append({"kind": "batch", "epoch": epoch, "step": step, "loss": loss, "accuracy": accuracy})

    def end_epoch(self, net, optimizer, epoch, figures, val_loss, val_acc, lr, seconds):
        """Records an epoch (metrics, checkpoint, run.json); True when early stopping's patience ran out."""
        self.state.update(epochsCompleted=epoch, step=self.state["step"])
        self.state["trainedImages"] += figures["images"]
        self.state["trainingSeconds"] += seconds
        line = {"kind": "epoch", "epoch": epoch, "step": self.state["step"], "trainLoss": figures["trainLoss"],
                "trainAccuracy": figures["trainAccuracy"], "valLoss": val_loss, "valAccuracy": val_acc,
                "learningRate": lr, "seconds": seconds}
        out_of_patience = False
        if self.patience is not None and val_loss is not None:
            if self.best["bestValLoss"] is None or val_loss < self.best["bestValLoss"]:
                self.best = {"bestValLoss": val_loss, "bestEpoch": epoch, "epochsWithoutImprovement": 0}
                self.best_weights = copy.deepcopy({k: v.cpu() for k, v in net.state_dict().items()})
            else:
                self.best["epochsWithoutImprovement"] += 1
                out_of_patience = self.best["epochsWithoutImprovement"] >= self.patience
        if self.active:
            runfiles.append_metrics(self.dir, self.batch_lines + [line])
            self._checkpoint(net, optimizer, epoch)
            self.run.update(epochsCompleted=epoch, step=self.state["step"])
            if out_of_patience:
                self.run["warnings"].append(f"Stopped early after epoch {epoch}: the validation loss stopped improving.")
            self._write_run()
            print(f"epoch {epoch}: loss {figures['trainLoss']:.4f}, accuracy {figures['trainAccuracy']:.4f}"
                  + (f", val loss {val_loss:.4f}, val accuracy {val_acc:.4f}" if val_loss is not None else "")
                  + f", {figures['images'] / max(seconds, 1e-9):.0f} images/s", flush=True)
        self.batch_lines = []
        return out_of_patience

    def restore_best(self, net):
        """Early stopping ends with the weights of the epoch with the lowest validation loss."""
        if self.patience is not None and self.best_weights is not None:
            net.load_state_dict(self.best_weights)

    def finish(self, net, split, split_name, evaluate, device, kind):
        loss, accuracy, results = evaluate(net, split, device, kind)
        classes = self.run["dataset"]["classNames"]
        evaluation = runfiles.evaluation_json(split_name, results["labels"], results["predicted"],
                                              results["confidence"], results["indexes"], loss, classes,
                                              results["imagesPerSecond"])
        runfiles.write_json(os.path.join(self.dir, "evaluation.json"), evaluation)
        runfiles.save_tfjs_model(net, os.path.join(self.dir, "run-weights"), os.path.join(self.dir, "model"))
        torch.save({k: v.cpu() for k, v in net.state_dict().items()}, os.path.join(self.dir, "final.pt"))
        epochs = [m for m in runfiles.read_metrics(self.dir) if m["kind"] == "epoch"]
        figures = next((m for m in epochs if m["epoch"] == self.best["bestEpoch"]), epochs[-1] if epochs else {})
        tested = split_name == "test"
        self.run.update(status="completed", final={
            "trainLoss": figures.get("trainLoss"), "trainAccuracy": figures.get("trainAccuracy"),
            "valLoss": figures.get("valLoss"), "valAccuracy": figures.get("valAccuracy"),
            "testLoss": loss if tested else None, "testAccuracy": accuracy if tested else None,
            "imagesPerSecond": self.state["trainedImages"] / self.state["trainingSeconds"] if self.state["trainingSeconds"] else None,
            "bestEpoch": figures.get("epoch")})
        self._write_run()
        print(f"{split_name} accuracy {accuracy:.4f}; the run is in {self.dir} (the workbench opens it: "
              f"cnn-workbench train --import {self.dir})", flush=True)

    def _checkpoint(self, net, optimizer, epoch):
        folder = os.path.join(self.dir, CHECKPOINTS)
        os.makedirs(folder, exist_ok=True)
        target = os.path.join(folder, f"epoch-{epoch:05d}.pt")
        torch.save({"model": net.state_dict(), "optimizer": optimizer.state_dict(), "state": dict(self.state),
                    "best": self.best, "bestWeights": self.best_weights}, target + ".tmp")
        os.replace(target + ".tmp", target)
        for old in sorted(glob.glob(os.path.join(folder, "epoch-*.pt")))[:-KEEP_CHECKPOINTS]:
            os.remove(old)

    def _write_run(self):
        self.run["updatedAt"] = runfiles.now()
        runfiles.write_json(os.path.join(self.dir, "run.json"), self.run)
`
