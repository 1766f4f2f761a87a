/**
 * The training project's train.py: the entry point, one process or many under torchrun (DistributedDataParallel).
 * Static Python (everything run-specific is in the JSON files beside it), kept as readable text.
 */
export const TRAIN_PY = String.raw`"""Trains the exported workbench run with PyTorch, on one process or many (DistributedDataParallel).

    python train.py                                   # one process (a GPU when there is one)
    torchrun --nproc_per_node=N train.py              # N processes on this machine, one per GPU

Everything defaults to the app's run (settings.json, augment.json, splits.json); flags override it. The
batch size is per process: a step sees batch-size x processes images. When training ends this folder is a
run the workbench opens: run.json, metrics.jsonl, evaluation.json and model/ in the app's TF.js layout.
"""
import argparse
import functools
import hashlib
import json
import math
import os
import time

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader

from augment import check_spec
from data import AppOrderSampler, SplitImages, load_splits
from run_record import RunRecord
from model import ExportedNet, load_exported_weights, load_weight_arrays
from seeded import glorot_kernel
from training_loop import evaluate, learning_rate_at, make_optimizer, train_epoch

HERE = os.path.dirname(os.path.abspath(__file__))


def read_json(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return json.load(f)


def parse_args(exported, splits):
    s = exported["settings"]
    p = argparse.ArgumentParser(description="Train the exported CNN Workbench run with PyTorch.")
    p.add_argument("--data", default=splits["root"], help="folder with one sub-folder per class (default: %(default)s)")
    p.add_argument("--epochs", type=int, default=s["epochs"])
    p.add_argument("--steps", type=int, default=s.get("steps"), help="train this many optimizer steps instead of --epochs")
    p.add_argument("--batch-size", type=int, default=s["batchSize"], help="images per process and step")
    p.add_argument("--lr", type=float, default=s["learningRate"])
    p.add_argument("--seed", type=int, default=s["seed"])
    p.add_argument("--workers", type=int, default=2, help="data-loading processes per training process")
    p.add_argument("--init-weights", help="a TF.js model folder to start from (run-weights: the app's trained weights)")
    p.add_argument("--resume", action="store_true", help="continue from the newest checkpoint in pytorch-checkpoints/")
    return p.parse_args()


def start_processes():
    """(rank, world size, device); joins the process group when torchrun started this process."""
    if "RANK" not in os.environ:
        return 0, 1, torch.device("cuda" if torch.cuda.is_available() else "cpu")
    local = int(os.environ.get("LOCAL_RANK", 0))
    if torch.cuda.is_available():
        torch.cuda.set_device(local)
    dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
    device = torch.device(f"cuda:{local}") if torch.cuda.is_available() else torch.device("cpu")
    return dist.get_rank(), dist.get_world_size(), device


def app_initial_weights(net, seed):
    """The app's seeded starting weights: Glorot-uniform kernels, zero biases, batch-norm at 1 and 0."""
    with open(os.path.join(HERE, "run-weights", "model.json"), encoding="utf-8") as f:
        entries = [e for g in json.load(f)["weightsManifest"] for e in g["weights"]]
    arrays = {}
    for position, entry in enumerate(entries):
        name, shape = entry["name"], entry["shape"]
        if name.endswith("/kernel"):
            arrays[name] = glorot_kernel(shape, seed, position)
        else:
            fill = 1.0 if name.endswith(("/gamma", "/moving_variance")) else 0.0
            arrays[name] = torch.full(shape, fill).numpy()
    load_weight_arrays(net, arrays)


def validate(evaluate_split, net, val, device, kind, here):
    """Process 0 validates; every process gets its figures (early stopping must decide alike everywhere)."""
    figures = evaluate_split(net, val, device, kind)[:2] if here and len(val) else (None, None)
    if dist.is_available() and dist.is_initialized():
        shared = [figures]
        dist.broadcast_object_list(shared, src=0)
        figures = shared[0]
    return figures


def weights_digest(net):
    h = hashlib.sha256()
    for value in net.state_dict().values():
        h.update(value.detach().cpu().contiguous().numpy().tobytes())
    return h.hexdigest()


def main():
    exported, splits, spec = read_json("settings.json"), load_splits(), read_json("augment.json")
    args = parse_args(exported, splits)
    rank, world, device = start_processes()
    settings = dict(exported["settings"], epochs=args.epochs, batchSize=args.batch_size, learningRate=args.lr, seed=args.seed)
    if args.steps:
        settings["steps"] = args.steps
    augment = spec if settings["augment"] and spec.get("ops") else None
    if augment:
        check_spec(augment)
    kind = read_json("preprocessing.json").get("output", "probabilities")
    train, val, test = (SplitImages(splits, name, args.data) for name in ("train", "val", "test"))
    sampler = AppOrderSampler(train, args.seed, world, rank)
    loader = DataLoader(train, batch_size=args.batch_size, sampler=sampler, num_workers=args.workers,
                        pin_memory=device.type == "cuda")
    evaluate_split = functools.partial(evaluate, workers=args.workers)
    batches = math.ceil(len(sampler) / args.batch_size)
    if settings.get("steps"):
        settings["epochs"] = math.ceil(settings["steps"] / batches)  # the epochs the steps span, the last partial
    epochs = settings["epochs"]

    torch.manual_seed(args.seed + rank)  # dropout masks differ between processes, as their images do
    net = ExportedNet()
    if args.init_weights:
        load_exported_weights(net, os.path.join(HERE, args.init_weights))
    else:
        app_initial_weights(net, args.seed)
    net.to(device)
    optimizer = make_optimizer(net, settings)
    run = RunRecord(HERE, exported, settings, augment, (len(train), len(val), len(test)), world, device,
                    args.init_weights, active=rank == 0)
    state = run.resume(net, optimizer, device) if args.resume else run.start()
    model = DistributedDataParallel(net, device_ids=[device.index] if device.type == "cuda" else None) if world > 1 else net

    max_steps = settings.get("steps")
    for epoch in range(state["epochsCompleted"], epochs):
        lr = learning_rate_at(settings, epoch, epochs)
        for group in optimizer.param_groups:
            group["lr"] = lr
        sampler.set_epoch(epoch)
        started = time.time()
        on_batch = lambda step, loss, accuracy: run.batch(epoch + 1, step, loss, accuracy)
        figures, out_of_steps = train_epoch(model, loader, optimizer, device, kind, augment, args.seed, epoch,
                                            state, max_steps, on_batch)
        seconds = time.time() - started
        val_loss, val_accuracy = validate(evaluate_split, net, val, device, kind,
                                          settings["validateEachEpoch"] and rank == 0)
        if run.end_epoch(net, optimizer, epoch + 1, figures, val_loss, val_accuracy, lr, seconds) or out_of_steps:
            break

    run.restore_best(net)
    print(f"rank {rank} of {world}: final weights sha256 {weights_digest(net)}", flush=True)
    if rank == 0:
        run.finish(net, test if len(test) else val, "test" if len(test) else "val", evaluate_split, device, kind)
    if world > 1:
        # DDP's reducer holds the process group. Freed after destroy_process_group, it would be the last holder,
        # and gloo's destructor would join its threads with the GIL held: a hang at exit (pytorch#56297).
        del model
        dist.barrier()
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
`
