"""Models fitted on the question files and kept as JSON beside the engine (data, like the
corpus: refitting one is no code change): ``confidence.json`` (how likely an answer is right)
and ``followup_order.json`` (which of a follow-up's first candidates goes first). Both weigh
standardised features linearly (``Linear``)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any, TypeVar

import numpy as np


@dataclass(frozen=True)
class Linear:
    """Weights over standardised features: their names, means and scales, and the weights."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]

    def linear(self, rows: np.ndarray) -> np.ndarray:
        """Each row of features (in ``names`` order) standardised and weighed."""
        x = (rows - np.asarray(self.mean)) / np.asarray(self.scale)
        weighed: np.ndarray = x @ np.asarray(self.weights)
        return weighed

    def to_json(self, **about: Any) -> str:
        """The model's fields as JSON, after what ``about`` says of its fit."""
        return json.dumps({**about, **asdict(self)}, indent=1) + "\n"


def standardised(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows of features (the last axis) standardised, with the means and scales used (a
    feature that never varies keeps scale 1): what a ``Linear`` model is fitted on."""
    flat = rows.reshape(-1, rows.shape[-1])
    mean = flat.mean(axis=0)
    scale = flat.std(axis=0)
    scale[scale == 0] = 1.0
    return (rows - mean) / scale, mean, scale


L = TypeVar("L", bound=Linear)


def from_json(kind: type[L], text: str, names: tuple[str, ...], what: str) -> L:
    """The ``kind`` of model kept as ``text`` (``Linear.to_json``); ValueError when it was
    fitted on other features than ``names`` (``what`` names the model in the message)."""
    data = json.loads(text)
    values: list[Any] = [
        tuple(v) if isinstance(v, list) else float(v) for v in (data[f.name] for f in fields(kind))
    ]
    model = kind(*values)
    if tuple(model.names) != tuple(names):
        raise ValueError(f"the {what} was fitted on other features: refit it")
    return model
