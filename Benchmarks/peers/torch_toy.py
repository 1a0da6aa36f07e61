#!/usr/bin/env python3
"""PyTorch (eager, CPU) peer benchmark for the project's toy-network benchmark.

Measures what a user on this machine would get from PyTorch instead of the
Swift library, on the same toy problem, so the two can be compared as a ratio.

Workload: MLP 2 -> 32 -> 32 -> 32 -> 32 -> 2 (4 hidden layers, ReLU), float32,
batch 128, softmax cross-entropy, forward + backward + RMSProp update
(torch.optim.RMSprop, lr 0.01, alpha 0.9, eps 1e-10, no momentum; the values
are printed and can be changed with --lr/--alpha/--eps). Data: two moons
(noise 0.1, standardised with the training set's mean and std), 4,096
training points, 2,000 held-out test points, all generated here with a seeded
NumPy generator.

Sub-commands:
  step  median wall time of one training step: 200 warm-up steps, then each
        step timed alone (time.perf_counter) until at least 2,000 steps AND
        2 s; prints median, p10, p90 (ms) and steps/s. The random batches of
        128 are pre-generated (as contiguous tensors) before timing.
  e2e   wall time of 10,000 training steps end to end (the random batch
        gather is inside the timed loop, the index draws are made before),
        then training-set and test-set accuracy (not timed).
  ops   per-operation overhead on tiny tensors: `a + b` on 4-element float32
        tensors (under no_grad) and torch.mm on 2x2, in ns per op (median
        and best of 25 blocks of 20,000 calls; the bare loop's cost is shown).
  all   the three above (default).

Every sub-command ends with a quiet check: the CPU time that OTHER processes
(and hypervisor steal) used while it ran, from /proc/stat minus this process's
own CPU time from os.times(), as a share of wall time x cores. Above 5 % a
WARNING line is printed: the figures are contaminated, re-run on a quiet machine.

Usage (venv: python3 -m venv .venv-peers && .venv-peers/bin/pip install torch numpy):
  .venv-peers/bin/python Benchmarks/peers/torch_toy.py                 # all
  .venv-peers/bin/python Benchmarks/peers/torch_toy.py step --threads 1
  .venv-peers/bin/python Benchmarks/peers/torch_toy.py e2e --json e2e.json
  .venv-peers/bin/python Benchmarks/peers/torch_toy.py ops
Options: --threads N (torch.set_num_threads, default 2), --json FILE (write
the setup and raw figures), --seed, --lr, --alpha, --eps, --min-steps,
--min-time, --warmup, --steps (e2e).
"""

import argparse
import json
import math
import os
import platform
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

BATCH = 128
N_TRAIN = 4096
N_TEST = 2000
NOISE = 0.1


# --------------------------------------------------------------------------- quiet check

def _busy_jiffies():
    """Busy jiffies of the whole machine (first line of /proc/stat, minus idle + iowait)."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + (v[4] if len(v) > 4 else 0)
    return sum(v[:8]) - idle  # user nice system idle iowait irq softirq steal


def _own_cpu():
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


class QuietCheck:
    """Share of the machine that other processes used between start and report()."""

    def __init__(self):
        self.hz = os.sysconf("SC_CLK_TCK")
        self.ncpu = os.cpu_count() or 1
        self.t0 = time.perf_counter()
        self.busy0 = _busy_jiffies()
        self.own0 = _own_cpu()

    def result(self):
        wall = time.perf_counter() - self.t0
        busy = (_busy_jiffies() - self.busy0) / self.hz
        own = _own_cpu() - self.own0
        other = max(0.0, busy - own)
        share = other / (wall * self.ncpu) if wall > 0 else 0.0
        return dict(wall_s=wall, own_cpu_s=own, other_cpu_s=other, other_share=share,
                    quiet=share <= 0.05)

    def report(self, r):
        line = (f"  quiet check: wall {r['wall_s']:.1f} s, own CPU {r['own_cpu_s']:.1f} s, "
                f"other processes {r['other_cpu_s']:.1f} CPU-s "
                f"= {100 * r['other_share']:.1f}% of the machine ({self.ncpu} cores)")
        if not r["quiet"]:
            line += ("\n  WARNING: other processes used more than 5% of the machine; "
                     "these figures are contaminated, re-run on a quiet machine")
        return line


# --------------------------------------------------------------------------- data and model

def _moons_raw(n, rng):
    n1 = n // 2
    n2 = n - n1
    t1 = rng.uniform(0.0, math.pi, n1)
    t2 = rng.uniform(0.0, math.pi, n2)
    upper = np.stack([np.cos(t1), np.sin(t1)], 1)
    lower = np.stack([1.0 - np.cos(t2), 0.5 - np.sin(t2)], 1)
    x = np.concatenate([upper, lower]) + rng.normal(0.0, NOISE, (n, 2))
    y = np.concatenate([np.zeros(n1, np.int64), np.ones(n2, np.int64)])
    perm = rng.permutation(n)
    return x[perm], y[perm]


def two_moons(seed):
    """(x_train, y_train, x_test, y_test) as torch tensors; float32 inputs, int64 labels."""
    rng = np.random.default_rng(seed)
    xtr, ytr = _moons_raw(N_TRAIN, rng)
    xte, yte = _moons_raw(N_TEST, rng)
    mean, std = xtr.mean(0), xtr.std(0)
    xtr, xte = (xtr - mean) / std, (xte - mean) / std
    f = lambda a: torch.from_numpy(np.ascontiguousarray(a, dtype=np.float32))  # noqa: E731
    return f(xtr), torch.from_numpy(ytr), f(xte), torch.from_numpy(yte)


def make_model(seed):
    torch.manual_seed(seed)
    dims = [2, 32, 32, 32, 32]
    layers = []
    for a, b in zip(dims[:-1], dims[1:]):
        layers += [nn.Linear(a, b), nn.ReLU()]
    layers.append(nn.Linear(dims[-1], 2))
    return nn.Sequential(*layers)  # torch's default (Kaiming-uniform) initialisation


def make_optimizer(model, a):
    return torch.optim.RMSprop(model.parameters(), lr=a.lr, alpha=a.alpha, eps=a.eps,
                               momentum=0.0, centered=False)


def train_step(model, opt, x, y):
    opt.zero_grad(set_to_none=True)
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    opt.step()
    return loss


@torch.no_grad()
def accuracy(model, x, y):
    return (model(x).argmax(1) == y).float().mean().item()


def pct(sorted_vals, q):
    """Percentile by linear interpolation (q in [0, 100]) of an already sorted list."""
    k = (len(sorted_vals) - 1) * q / 100.0
    lo, hi = math.floor(k), math.ceil(k)
    return sorted_vals[lo] + (sorted_vals[hi] - sorted_vals[lo]) * (k - lo)


# --------------------------------------------------------------------------- sub-commands

def bench_step(a):
    xtr, ytr, _, _ = two_moons(a.seed)
    model = make_model(a.seed)
    opt = make_optimizer(model, a)
    g = torch.Generator().manual_seed(a.seed + 1)
    nbatches = 256
    idx = torch.randint(0, N_TRAIN, (nbatches, BATCH), generator=g)
    batches = [(xtr[i].contiguous(), ytr[i].contiguous()) for i in idx]

    for k in range(a.warmup):
        x, y = batches[k % nbatches]
        train_step(model, opt, x, y)

    times = []
    clock = time.perf_counter
    start = clock()
    k = 0
    while len(times) < a.min_steps or clock() - start < a.min_time:
        x, y = batches[k % nbatches]
        t0 = clock()
        train_step(model, opt, x, y)
        times.append(clock() - t0)
        k += 1
    total = clock() - start

    s = sorted(times)
    med = statistics.median(s)
    r = dict(steps=len(times), warmup=a.warmup, timed_wall_s=total,
             median_ms=1e3 * med, p10_ms=1e3 * pct(s, 10), p90_ms=1e3 * pct(s, 90),
             mean_ms=1e3 * statistics.fmean(s), steps_per_s=1.0 / med,
             last_loss=float(train_step(model, opt, *batches[0]).item()))
    print(f"step: median {r['median_ms']:.4f} ms  p10 {r['p10_ms']:.4f} ms  "
          f"p90 {r['p90_ms']:.4f} ms  mean {r['mean_ms']:.4f} ms  "
          f"{r['steps_per_s']:.0f} steps/s (from the median)  "
          f"[{r['steps']} timed steps in {total:.2f} s after {a.warmup} warm-up; "
          f"loss {r['last_loss']:.4f}]")
    return r


def bench_e2e(a):
    xtr, ytr, xte, yte = two_moons(a.seed)
    model = make_model(a.seed)
    opt = make_optimizer(model, a)
    g = torch.Generator().manual_seed(a.seed + 2)
    idx = torch.randint(0, N_TRAIN, (a.steps, BATCH), generator=g)

    t0 = time.perf_counter()
    for k in range(a.steps):
        i = idx[k]
        loss = train_step(model, opt, xtr[i], ytr[i])
    wall = time.perf_counter() - t0

    r = dict(steps=a.steps, wall_s=wall, us_per_step=1e6 * wall / a.steps,
             final_loss=float(loss.item()),
             train_accuracy=accuracy(model, xtr, ytr), test_accuracy=accuracy(model, xte, yte))
    print(f"e2e: {a.steps} steps in {wall:.3f} s ({r['us_per_step']:.1f} us/step)  "
          f"train accuracy {100 * r['train_accuracy']:.2f}% ({N_TRAIN} points)  "
          f"test accuracy {100 * r['test_accuracy']:.2f}% ({N_TEST} points)  "
          f"final batch loss {r['final_loss']:.4f}")
    return r


def _ns_per_iter(fn, reps, blocks):
    """(median, min) over `blocks` of the mean ns per call of fn() in a block of `reps` calls."""
    clock = time.perf_counter_ns
    rng = range(reps)
    out = []
    for _ in range(blocks):
        t0 = clock()
        for _ in rng:
            fn()
        out.append((clock() - t0) / reps)
    return statistics.median(out), min(out)


def bench_ops(a):
    reps, blocks = 20_000, 25
    g = torch.Generator().manual_seed(a.seed)
    x4, y4 = torch.randn(4, generator=g), torch.randn(4, generator=g)
    m1, m2 = torch.randn(2, 2, generator=g), torch.randn(2, 2, generator=g)
    mm = torch.mm

    def noop():
        pass

    def add():
        return x4 + y4

    def matmul():
        return mm(m1, m2)

    with torch.no_grad():
        for fn in (noop, add, matmul):  # warm-up
            _ns_per_iter(fn, reps, 2)
        loop, loop_min = _ns_per_iter(noop, reps, blocks)
        add_ns, add_min = _ns_per_iter(add, reps, blocks)
        mm_ns, mm_min = _ns_per_iter(matmul, reps, blocks)

    r = dict(reps_per_block=reps, blocks=blocks, call_loop_ns=loop,
             add4_ns=add_ns, mm2x2_ns=mm_ns, add4_min_ns=add_min, mm2x2_min_ns=mm_min,
             add4_minus_loop_ns=add_ns - loop, mm2x2_minus_loop_ns=mm_ns - loop)
    print(f"ops: a + b (4 x float32, no_grad) {add_ns:.0f} ns/op (best block {add_min:.0f})  "
          f"torch.mm 2x2 {mm_ns:.0f} ns/op (best block {mm_min:.0f})  "
          f"[median of {blocks} blocks of {reps:,} reps; a bare Python call in the same "
          f"loop costs {loop:.0f} ns]")
    return r


# --------------------------------------------------------------------------- setup and main

def setup_info(a):
    info = dict(python=platform.python_version(), torch=torch.__version__,
                numpy=np.__version__, threads=torch.get_num_threads(),
                interop_threads=torch.get_num_interop_threads(),
                cores=os.cpu_count(), dtype="float32", batch=BATCH,
                model="MLP 2-32-32-32-32-2 ReLU", loss="softmax cross-entropy",
                optimizer=dict(name="RMSprop", lr=a.lr, alpha=a.alpha, eps=a.eps, momentum=0.0),
                data=dict(name="two moons", noise=NOISE, n_train=N_TRAIN, n_test=N_TEST,
                          seed=a.seed))
    try:
        info["cpu_capability"] = torch.backends.cpu.get_cpu_capability()
    except Exception:  # older torch
        pass
    try:
        with open("/proc/cpuinfo") as f:
            info["cpu"] = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except Exception:
        pass
    # parallel_info() is a multi-line report; keep its unindented library lines
    # (backend, OpenMP, MKL, oneDNN versions), not the section headers.
    lines = torch.__config__.parallel_info().splitlines()
    info["parallel_info"] = [l.strip() for l in lines
                             if l.strip() and not l[0].isspace() and not l.rstrip().endswith(":")]
    info["env"] = {k: os.environ.get(k, "") for k in ("OMP_NUM_THREADS", "MKL_NUM_THREADS")}
    return info


def print_setup(info):
    print(f"torch {info['torch']}  numpy {info['numpy']}  python {info['python']}")
    print(f"cpu: {info.get('cpu', '?')}  ({info['cores']} cores, "
          f"capability {info.get('cpu_capability', '?')})")
    env = " ".join(f"{k}={v or '(unset)'}" for k, v in info["env"].items())
    print(f"threads: intra-op {info['threads']}, inter-op {info['interop_threads']}  [{env}]")
    for l in info["parallel_info"]:
        print(f"parallel: {l}")
    o, d = info["optimizer"], info["data"]
    print(f"workload: {info['model']}, {info['loss']}, batch {info['batch']}, {info['dtype']}; "
          f"RMSprop lr {o['lr']} alpha {o['alpha']} eps {o['eps']} momentum {o['momentum']}; "
          f"two moons noise {d['noise']}, {d['n_train']} train / {d['n_test']} test, "
          f"seed {d['seed']}")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("what", nargs="?", default="all", choices=["step", "e2e", "ops", "all"])
    p.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    p.add_argument("--json", metavar="FILE", help="also write the setup and figures as JSON")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--alpha", type=float, default=0.9)
    p.add_argument("--eps", type=float, default=1e-10)
    p.add_argument("--warmup", type=int, default=200, help="step: warm-up steps (200)")
    p.add_argument("--min-steps", type=int, default=2000, help="step: least timed steps (2000)")
    p.add_argument("--min-time", type=float, default=2.0, help="step: least timed seconds (2)")
    p.add_argument("--steps", type=int, default=10_000, help="e2e: training steps (10000)")
    a = p.parse_args(argv)

    torch.set_num_threads(a.threads)
    info = setup_info(a)
    print_setup(info)
    sys.stdout.flush()

    benches = dict(step=bench_step, e2e=bench_e2e, ops=bench_ops)
    names = list(benches) if a.what == "all" else [a.what]
    results = {}
    for name in names:
        q = QuietCheck()
        r = benches[name](a)
        r["quiet_check"] = qr = q.result()
        print(q.report(qr))
        sys.stdout.flush()
        results[name] = r

    if a.json:
        with open(a.json, "w") as f:
            json.dump(dict(setup=info, results=results), f, indent=2)
        print(f"wrote {a.json}")


if __name__ == "__main__":
    main()
