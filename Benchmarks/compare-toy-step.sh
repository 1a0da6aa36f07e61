#!/usr/bin/env bash
# The toy training step (MLP 2-32-32-32-32-2, batch 128, cross-entropy, RMSProp), Swift
# and PyTorch on this machine back to back, and their ratio. Needs the peer venv:
#   make peers     (or: python3 -m venv .venv-peers && .venv-peers/bin/pip install torch numpy)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product margin-bench > /dev/null
swift_out=$(.build/release/margin-bench step)
torch_out=$(.venv-peers/bin/python Benchmarks/peers/torch_toy.py step)
echo "$swift_out" | grep -E "OpenBLAS|step \(|quiet"
echo "$torch_out" | grep -E "^torch|^step:|quiet"
swift_us=$(echo "$swift_out" | sed -n 's/^step (forward + backward + RMSProp): \([0-9.]*\) us.*/\1/p')
torch_ms=$(echo "$torch_out" | sed -n 's/^step: median \([0-9.]*\) ms.*/\1/p')
awk -v s="$swift_us" -v t="$torch_ms" 'BEGIN { printf "Swift %.1f us, PyTorch %.1f us per step: PyTorch / Swift = %.2fx\n", s, 1000 * t, 1000 * t / s }'
