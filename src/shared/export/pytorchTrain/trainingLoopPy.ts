/**
 * The training project's training_loop.py: optimizer, loss, schedule, L2, one epoch of training, one evaluation pass.
 * Static Python (everything run-specific is in the JSON files beside it), kept as readable text.
 */
export const TRAINING_LOOP_PY = String.raw`"""One epoch of training and one pass of evaluation, with the app's optimizer, loss, schedule and L2."""
import math
import time

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader

from augment import augment_batch

EPSILON = 1e-7  # tfjs' float32 epsilon: Adam's and RMSProp's, and the clip of softmax outputs
BATCH_LINE_EVERY = 50  # steps between metrics.jsonl batch lines, as the app


def learning_rate_at(settings, epoch, epochs):
    """The rate for a 0-based epoch: constant, step (x factor every N epochs) or half a cosine to 0."""
    base, schedule = settings["learningRate"], settings["schedule"]
    if schedule["type"] == "step":
        return base * schedule["factor"] ** (epoch // schedule["every"])
    if schedule["type"] == "cosine":
        return base * 0.5 * (1 + math.cos(math.pi * epoch / max(1, epochs)))
    return base


def make_optimizer(net, settings):
    """The app's optimizer. weightDecay is an L2 penalty on conv and dense kernels only (not on biases or
    batch-norm), which is what torch's weight_decay adds to those parameters' gradients."""
    kernels = [m.weight for m in net.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    chosen = {id(p) for p in kernels}
    others = [p for p in net.parameters() if id(p) not in chosen]
    groups = [{"params": kernels, "weight_decay": settings["weightDecay"]}, {"params": others, "weight_decay": 0.0}]
    lr, name = settings["learningRate"], settings["optimizer"]
    if name == "sgd":
        return torch.optim.SGD(groups, lr=lr)
    if name == "momentum":
        return torch.optim.SGD(groups, lr=lr, momentum=settings["momentum"])
    if name == "adam":
        return torch.optim.Adam(groups, lr=lr, betas=(0.9, 0.999), eps=EPSILON)
    # tfjs divides by sqrt(mean square + eps), torch by sqrt(mean square) + eps: equal but for tiny gradients.
    return torch.optim.RMSprop(groups, lr=lr, alpha=0.9, eps=EPSILON, momentum=0.0)


def per_sample_loss(output, labels, kind):
    """Cross-entropy; a softmax output is clipped to [1e-7, 1 - 1e-7] first, as the app (and Keras) do."""
    if kind == "probabilities":
        picked = output.gather(1, labels.view(-1, 1)).squeeze(1)
        return -torch.log(picked.clamp(EPSILON, 1 - EPSILON))
    return F.cross_entropy(output, labels, reduction="none")


def _summed(values, device):
    """[sum over every process] of a few numbers."""
    t = torch.tensor(values, dtype=torch.float64, device=device)
    if dist.is_available() and dist.is_initialized():
        dist.all_reduce(t)
    return t.tolist()


def train_epoch(model, loader, optimizer, device, kind, augment, seed, epoch, state, max_steps, on_batch):
    """Trains one epoch (or until state['step'] reaches max_steps); returns the epoch's figures over all
    processes and whether the step limit ended it."""
    model.train()
    loss_sum = correct = seen = 0.0
    for images, labels, indexes in loader:
        if max_steps and state["step"] >= max_steps:
            return _figures(loss_sum, correct, seen, device), True
        x = images.to(device, non_blocking=True).float() / 255
        if augment:
            x = augment_batch(x, indexes.tolist(), augment, seed, epoch)
        y = labels.to(device, non_blocking=True)
        output = model(x)
        loss = per_sample_loss(output, y, kind).mean()
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        state["step"] += 1
        n = len(y)
        right = (output.argmax(1) == y).sum().item()
        loss_sum, correct, seen = loss_sum + loss.item() * n, correct + right, seen + n
        if state["step"] % BATCH_LINE_EVERY == 0:
            batch_loss, batch_right, batch_n = _summed([loss.item() * n, right, n], device)
            on_batch(state["step"], batch_loss / batch_n, batch_right / batch_n)
    stopped = bool(max_steps) and state["step"] >= max_steps
    return _figures(loss_sum, correct, seen, device), stopped


def _figures(loss_sum, correct, seen, device):
    loss_sum, correct, seen = _summed([loss_sum, correct, seen], device)
    return {"trainLoss": loss_sum / max(seen, 1), "trainAccuracy": correct / max(seen, 1), "images": seen}


@torch.no_grad()
def evaluate(net, dataset, device, kind, workers=0, batch_size=256):
    """Loss, accuracy and per-image results of a split, in inference mode (dropout off)."""
    net.eval()
    loss_sum, labels, predicted, confidence, indexes = 0.0, [], [], [], []
    started = time.time()
    for images, y, index in DataLoader(dataset, batch_size=batch_size, num_workers=workers):
        output = net(images.to(device).float() / 255)
        y = y.to(device)
        loss_sum += per_sample_loss(output, y, kind).sum().item()
        probabilities = output if kind == "probabilities" else torch.softmax(output, dim=1)
        best, which = probabilities.max(dim=1)
        labels += y.tolist()
        predicted += which.tolist()
        confidence += best.tolist()
        indexes += index.tolist()
    count = len(labels)
    accuracy = sum(int(p == t) for p, t in zip(predicted, labels)) / count if count else None
    seconds = time.time() - started
    results = {"labels": labels, "predicted": predicted, "confidence": confidence, "indexes": indexes,
               "imagesPerSecond": count / seconds if count and seconds > 0 else None}
    return (loss_sum / count if count else None), accuracy, results
`
