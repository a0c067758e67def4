"""What a person reads off a classifier: accuracy, macro-F1, the majority-class baseline, the
confusion matrix, and every validation example with its prediction.

``evaluate`` is the classifier kinds' evaluation hook (``model_kinds.ModelKind.evaluate``): at each
evaluation it predicts every validation example, returns the three numbers for ``EvalMetrics.extra``
and writes ``classify/step_NNNNNN.json`` in the run folder (``read_evaluation`` reads the latest back).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch

from ..runs import atomic_write_json

EVAL_DIR = "classify"


def confusion(truth: np.ndarray, predicted: np.ndarray, n_classes: int) -> np.ndarray:
    """(n_classes, n_classes) counts, rows the true label, columns the predicted one.

    Example: truth [0, 0, 1], predicted [0, 1, 1] -> [[1, 1], [0, 1]].
    """
    m = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(m, (truth, predicted), 1)
    return m


def macro_f1(m: np.ndarray) -> float:
    """The mean over labels of F1 = 2·precision·recall / (precision + recall), from a confusion matrix;
    a label never predicted nor present scores 0. Example: [[1, 1], [0, 1]] -> (2/3 + 2/3) / 2 = 0.667."""
    tp = np.diag(m).astype(float)
    denom = m.sum(0) + m.sum(1)  # predicted + true: 2·TP + FP + FN
    f1 = np.divide(2 * tp, denom, out=np.zeros_like(tp), where=denom > 0)
    return float(f1.mean())


@torch.no_grad()
def predict(model: torch.nn.Module, ids: np.ndarray, lengths: np.ndarray, batch_size: int = 64
            ) -> np.ndarray:
    """Class probabilities (N, n_classes) of prepared examples, in batches, on the model's device."""
    device = next(model.parameters()).device
    out = []
    for i in range(0, len(ids), batch_size):
        x = torch.from_numpy(ids[i:i + batch_size].astype(np.int64)).to(device)
        n = torch.from_numpy(lengths[i:i + batch_size].astype(np.int64)).to(device)
        logits, _ = model(x, None, n)
        out.append(torch.softmax(logits.float(), -1).cpu().numpy())
    return np.concatenate(out) if out else np.zeros((0, 0), dtype=np.float32)


def evaluate(model, data, cfg, run_path, step: int) -> dict[str, float]:
    """Predict every validation example; write the confusion matrix and the examples; return the metrics."""
    ids, truth, lengths = data.arrays("val")
    probs = predict(model, ids, lengths, cfg.train.batch_size)
    predicted = probs.argmax(-1)
    k = len(data.labels)
    m = confusion(truth, predicted, k)
    train_counts = np.bincount(data.arrays("train")[1], minlength=k)
    majority = float(np.mean(truth == train_counts.argmax()))  # always answering the commonest training label
    metrics = {"accuracy": float(np.mean(predicted == truth)), "macro_f1": macro_f1(m), "majority": majority}
    texts = data.val_texts()
    examples = [{"text": texts[i], "label": data.labels[truth[i]], "predicted": data.labels[predicted[i]],
                 "probability": round(float(probs[i, predicted[i]]), 4), "right": bool(predicted[i] == truth[i])}
                for i in range(len(truth))]
    folder = Path(run_path) / EVAL_DIR
    folder.mkdir(exist_ok=True)
    atomic_write_json(folder / f"step_{step:06d}.json", {
        "step": step, "labels": data.labels, "confusion": m.tolist(), **metrics, "examples": examples})
    return metrics


def evaluations(run_path: str | Path) -> list[Path]:
    """The evaluation files of a classifier run, oldest first."""
    return sorted((Path(run_path) / EVAL_DIR).glob("step_*.json"))


def read_evaluation(path: Path) -> dict:
    """One evaluation: {"step", "labels", "confusion", "accuracy", "macro_f1", "majority", "examples"}."""
    return json.loads(path.read_text(encoding="utf-8"))
