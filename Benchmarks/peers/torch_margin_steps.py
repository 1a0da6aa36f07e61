#!/usr/bin/env python3
"""PyTorch (eager, CPU) peer of `margin-bench margin`, `margin-bench cnn` and `margin-bench images`.

Times one training step (forward, loss, backward, RMSProp update) per loss, with
the same networks, batches and loss settings as the Swift benchmark, and prints
each median with its ratio to cross-entropy. Like the Swift benchmark, the losses
are timed in interleaved rounds (the ratio is the median of per-round ratios), so
the machine's drift between minutes moves the ratios little. Based on the team's
/work/shared/peers/torch_margin.py (the loss formulas are the same), trimmed to
the two workloads the Swift benchmark measures.

Workloads:
  toy  MLP 2 -> 32 -> 32 -> 32 -> 32 -> 2 (ReLU), one batch of 128 standard-normal
       points labelled by the sign of the first coordinate; margin at the input
       and the four hidden activations.
  cnn  MNIST shape: conv5x5x32 'same' -> ReLU -> maxpool 2 -> conv5x5x64 'same' ->
       ReLU -> maxpool 2 -> dense 512 -> ReLU -> dense 10, one batch of 256
       uniform [1, 28, 28] images with random labels; margin at the input, both
       pooled convolution activations and the dense-512 activation.

  images  the image notebooks' networks: the MLP 784 -> 256 -> 256 -> 10 (ReLU) on
       flattened images, batch 128, margin at the input and both hidden layers; then
       the CNN above, batch 256 (`--network mlp|cnn` picks one). Per network:
       cross-entropy and the two first-order margin forms, and one IFGSM iteration
       (input gradient of the cross-entropy, signed step of 1/255, projection onto
       the 0.1 l_inf ball and [0, 1]) on 1,000 random images with random labels.

Losses (toy and cnn): cross-entropy; multi-class hinge (multi_margin_loss);
paper eq. (10), l2, gamma 1, max over all other classes (9 for the CNN);
reference variant, l_inf, gamma 1e4, alpha 4, top-1; each margin loss
first-order (the gradient-norm denominator detached) and exact
(create_graph=True). RMSProp: lr 1e-4, alpha 0.9, eps 1e-10, as the Swift
benchmark.

Usage (venv: python3 -m venv .venv-peers && .venv-peers/bin/pip install torch numpy):
  .venv-peers/bin/python Benchmarks/peers/torch_margin_steps.py toy
  .venv-peers/bin/python Benchmarks/peers/torch_margin_steps.py cnn --seconds 8
  .venv-peers/bin/python Benchmarks/peers/torch_margin_steps.py cnn --only exact
  .venv-peers/bin/python Benchmarks/peers/torch_margin_steps.py images --seconds 3
Options: --threads N (default 2), --seconds S (budget per loss after warm-up),
--only SUBSTRING ... (cross-entropy always runs), --json FILE.
"""

import argparse
import json
import math
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from torch_toy import QuietCheck


# --------------------------------------------------------------------------- models

class MLP(nn.Module):
    """2 -> 32 -> 32 -> 32 -> 32 -> 2, ReLU; returns the logits and the hidden activations."""

    def __init__(self, width=32, depth=4):
        super().__init__()
        dims = [2] + [width] * depth
        self.hidden = nn.ModuleList(nn.Linear(a, b) for a, b in zip(dims[:-1], dims[1:]))
        self.out = nn.Linear(width, 2)

    def forward(self, x):
        acts = []
        for layer in self.hidden:
            x = F.relu(layer(x))
            acts.append(x)
        return self.out(x), acts


class CNN(nn.Module):
    """The MNIST-shaped network; returns the logits and the three hidden activations."""

    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 32, 5, padding=2)
        self.c2 = nn.Conv2d(32, 64, 5, padding=2)
        self.f1 = nn.Linear(7 * 7 * 64, 512)
        self.f2 = nn.Linear(512, 10)

    def forward(self, x):
        a1 = F.max_pool2d(F.relu(self.c1(x)), 2)
        a2 = F.max_pool2d(F.relu(self.c2(a1)), 2)
        a3 = F.relu(self.f1(a2.flatten(1)))
        return self.f2(a3), [a1, a2, a3]


class ImageMLP(nn.Module):
    """784 -> 256 -> 256 -> 10, ReLU; returns the logits and the two hidden activations."""

    def __init__(self):
        super().__init__()
        self.f1 = nn.Linear(784, 256)
        self.f2 = nn.Linear(256, 256)
        self.out = nn.Linear(256, 10)

    def forward(self, x):
        a1 = F.relu(self.f1(x))
        a2 = F.relu(self.f2(a1))
        return self.out(a2), [a1, a2]


# --------------------------------------------------------------------------- losses

def dual_norm(g, q):
    """Per-row dual norm of a [batch, ...] gradient (q = 1, 2 or inf)."""
    g = g.flatten(1)
    if q == 1:
        return g.abs().sum(1)
    if q == 2:
        return torch.linalg.vector_norm(g, 2, dim=1)
    return g.abs().amax(1)


def paper_margin(model, x, y, *, exact, gamma=1.0, eps=1e-6):
    """Eq. (10), l2 (dual l2), max over all other classes, input and hidden layers."""
    x = x.detach().requires_grad_(True)
    logits, acts = model(x)
    layers = [x] + acts
    batch, classes = logits.shape
    onehot = F.one_hot(y, classes).bool()
    others = torch.arange(classes).expand(batch, classes)[~onehot].view(batch, classes - 1)
    difference = logits.gather(1, others) - logits.gather(1, y[:, None])      # (B, K): f_i - f_y
    norms = [[] for _ in layers]
    for k in range(others.shape[1]):
        seed = torch.zeros_like(logits)
        seed.scatter_(1, others[:, k:k + 1], 1.0)
        seed.scatter_add_(1, y[:, None], torch.full((batch, 1), -1.0, dtype=logits.dtype))
        grads = torch.autograd.grad(logits, layers, grad_outputs=seed, retain_graph=True, create_graph=exact)
        for l, g in enumerate(grads):
            norms[l].append(dual_norm(g, 2))
    total = 0.0
    for l in range(len(layers)):
        denominator = torch.stack(norms[l], 1)
        if not exact:
            denominator = denominator.detach()
        total = total + F.relu(gamma + difference / (eps + denominator)).amax(1).mean()
    return total


def reference_margin(model, x, y, *, exact, gamma=1e4, alpha=4.0, eps=1e-6):
    """The released reference's variant: softmax probabilities, l_inf (dual l1 divided by
    the layer size), top-1 other class, distance bounded below by gamma (1 - alpha)."""
    x = x.detach().requires_grad_(True)
    logits, acts = model(x)
    layers = [x] + acts
    sizes = [float(t[0].numel()) for t in layers]
    onehot = F.one_hot(y, logits.shape[1]).to(logits.dtype)
    p = torch.softmax(logits, 1)
    difference = (p * onehot).sum(1, keepdim=True) - (p * (1.0 - onehot)).amax(1, keepdim=True)
    grads = torch.autograd.grad(difference.sum(), layers, retain_graph=True, create_graph=exact)
    lower = gamma * (1.0 - alpha)
    losses = []
    for g, size in zip(grads, sizes):
        denominator = (dual_norm(g, 1) / size)[:, None]
        if not exact:
            denominator = denominator.detach()
        d = difference / (denominator + eps)
        bounded = d + F.relu(lower - d)                      # max(d, gamma (1 - alpha))
        losses.append((F.relu(gamma - bounded) - gamma).sum(1).mean())
    return torch.stack(losses).mean()


LOSSES = [
    ("cross-entropy", lambda m, x, y: F.cross_entropy(m(x)[0], y)),
    ("multi-class hinge", lambda m, x, y: F.multi_margin_loss(m(x)[0], y)),
    ("margin paper l2 first-order", lambda m, x, y: paper_margin(m, x, y, exact=False)),
    ("margin paper l2 exact", lambda m, x, y: paper_margin(m, x, y, exact=True)),
    ("margin reference l_inf (top-1) first-order", lambda m, x, y: reference_margin(m, x, y, exact=False)),
    ("margin reference l_inf (top-1) exact", lambda m, x, y: reference_margin(m, x, y, exact=True)),
]


# --------------------------------------------------------------------------- timing

def workload(name):
    """(model constructor, inputs, labels, warm-up rounds, minimum timed steps)."""
    g = torch.Generator().manual_seed(0)
    if name == "toy":
        x = torch.randn(128, 2, generator=g)
        return MLP, x, (x[:, 0] > 0).long(), 2, 30
    return CNN, torch.rand(256, 1, 28, 28, generator=g), torch.randint(0, 10, (256,), generator=g), 2, 5


def stepper(make_model, x, y, loss_fn):
    """A function taking one training step of its own model and optimizer."""
    torch.manual_seed(0)
    model = make_model()
    optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-4, alpha=0.9, eps=1e-10)

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss_fn(model, x, y).backward()
        optimizer.step()
    return step


def interleaved_medians(steps, *, budget, warmup_rounds, inner, min_rounds=5):
    """Each round runs every step in turn, `inner` untimed calls then `inner` timed ones (as
    margin-bench does), for at least `budget` seconds in all: per step, the median seconds
    per call and the median over rounds of its time divided by the first step's in the same
    round."""
    for _ in range(warmup_rounds):
        for step in steps:
            for _ in range(inner):
                step()
    rounds = []
    end = time.perf_counter() + budget
    while time.perf_counter() < end or len(rounds) < min_rounds:
        row = []
        for step in steps:
            for _ in range(inner):
                step()
            t0 = time.perf_counter()
            for _ in range(inner):
                step()
            row.append((time.perf_counter() - t0) / inner)
        rounds.append(row)
    return [(statistics.median(r[i] for r in rounds), statistics.median(r[i] / r[0] for r in rounds), len(rounds))
            for i in range(len(steps))]


def ifgsm_iteration(model, x, y, *, epsilon=0.1, alpha=1.0 / 255):
    """One IFGSM iteration from x: the cross-entropy's input gradient, a signed step, the
    projection onto the epsilon ball around x and onto [0, 1]."""
    adversarial = x.detach().requires_grad_(True)
    loss = F.cross_entropy(model(adversarial)[0], y)
    (gradient,) = torch.autograd.grad(loss, adversarial)
    with torch.no_grad():
        stepped = adversarial + alpha * gradient.sign()
        return (x + (stepped - x).clamp(-epsilon, epsilon)).clamp(0, 1)


IMAGE_LOSSES = [
    ("cross-entropy", lambda m, x, y: F.cross_entropy(m(x)[0], y)),
    ("margin paper l2, first-order", lambda m, x, y: paper_margin(m, x, y, exact=False)),
    ("margin reference l_inf (top-1), first-order", lambda m, x, y: reference_margin(m, x, y, exact=False)),
]


def run_images(a):
    """The `images` workload: for each network, the three training steps and an IFGSM
    iteration on 1,000 images, in interleaved rounds."""
    rows = []
    networks = [("mlp", ImageMLP, [784], 128), ("cnn", CNN, [1, 28, 28], 256)]
    for name, make_model, shape, batch in networks:
        if a.network and a.network != name:
            continue
        g = torch.Generator().manual_seed(0)
        x = torch.rand(batch, *shape, generator=g)
        y = torch.randint(0, 10, (batch,), generator=g)
        attacked = torch.rand(1000, *shape, generator=g)
        attacked_labels = torch.randint(0, 10, (1000,), generator=g)
        torch.manual_seed(0)
        attacked_model = make_model()
        steps = [stepper(make_model, x, y, loss_fn) for _, loss_fn in IMAGE_LOSSES]
        steps.append(lambda: ifgsm_iteration(attacked_model, attacked, attacked_labels))
        budget = a.seconds if a.seconds is not None else 3.0
        print(f"== image workload: {name}, batch {batch}, IFGSM on 1,000 images", flush=True)
        figures = interleaved_medians(steps, budget=budget * len(steps), warmup_rounds=2, inner=1)
        names = [n for n, _ in IMAGE_LOSSES] + ["IFGSM iteration, 1,000 images"]
        for step_name, (seconds, ratio, rounds) in zip(names, figures):
            print(f"{step_name:46s} {seconds * 1e3:9.2f} ms   {ratio:.2f}x cross-entropy   (rounds={rounds})", flush=True)
            rows.append(dict(network=name, name=step_name, median_s=seconds, rounds=rounds, ratio_ce=ratio))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("workload", choices=["toy", "cnn", "images"])
    parser.add_argument("--network", choices=["mlp", "cnn"], help="images: one network only")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=None, help="budget per loss (default 1.5 toy, 8 cnn)")
    parser.add_argument("--only", nargs="*", default=[], help="substrings of loss names (cross-entropy always runs)")
    parser.add_argument("--json", help="write the figures here")
    a = parser.parse_args()
    torch.set_num_threads(a.threads)
    quiet = QuietCheck()
    if a.workload == "images":
        print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; workload images")
        rows = run_images(a)
        result = quiet.result()
        print(quiet.report(result))
        if a.json:
            with open(a.json, "w") as f:
                json.dump(dict(workload=a.workload, threads=a.threads, torch=torch.__version__, rows=rows, quiet=result), f, indent=1)
        return
    make_model, x, y, warmup, _ = workload(a.workload)
    budget = a.seconds if a.seconds is not None else (1.5 if a.workload == "toy" else 8.0)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; workload {a.workload}, batch {x.shape[0]}")
    selected = [(name, loss_fn) for name, loss_fn in LOSSES
                if not a.only or name == "cross-entropy" or any(s in name for s in a.only)]
    steps = [stepper(make_model, x, y, loss_fn) for _, loss_fn in selected]
    inner = 10 if a.workload == "toy" else 1
    figures = interleaved_medians(steps, budget=budget * len(steps), warmup_rounds=warmup, inner=inner)
    rows = []
    unit, scale = ("us", 1e6) if a.workload == "toy" else ("ms", 1e3)
    for (name, _), (seconds, ratio, rounds) in zip(selected, figures):
        print(f"{name:48s} {seconds * scale:9.1f} {unit}   {ratio:.2f}x cross-entropy   (rounds={rounds})", flush=True)
        rows.append(dict(name=name, median_s=seconds, rounds=rounds, ratio_ce=ratio))
    result = quiet.result()
    print(quiet.report(result))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(dict(workload=a.workload, threads=a.threads, torch=torch.__version__, rows=rows, quiet=result), f, indent=1)


if __name__ == "__main__":
    main()
