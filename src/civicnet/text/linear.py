"""Linear text classifiers stored as plain data, applied with numpy only.

The typology (:mod:`civicnet.text.typology.model`) and the webcare inbox
(:mod:`civicnet.webcare.model`) are trained with scikit-learn
(:mod:`civicnet.text.linear_train`, needs the ``text`` extra) and shipped as JSON: the
vocabulary and inverse document frequencies of each n-gram block, the coefficients,
intercepts and decision thresholds. Nothing is pickled, and applying a model needs
numpy only, so ``civicnet run`` and ``civicnet inbox`` work with the base install.

Features, in this order (the same functions build them in training and here):

* **words** — TF-IDF of word 1–2-grams of :func:`normalise`-d text
  (:func:`word_terms`): words (Dutch *u* included), numbers, each emoji, ``?`` and ``!``, and stand-in tokens for links, @handles and numbers, so no
  particular handle or address becomes a feature;
* **chars** — TF-IDF of character 2–5-grams inside word boundaries
  (:func:`char_terms`; robust to Dutch compounds and spelling variants);
* **rules** — the rule markers of the task as dense values (which marker lists of the
  lexicon fired), given by the caller.

TF-IDF as scikit-learn computes it: ``tf = 1 + ln(count)`` (sublinear), times
``idf = ln((1 + n) / (1 + df)) + 1``, each block scaled to unit length (l2).
Scores are ``x · coef + intercept``; ``ovr`` models give each class a logistic
probability, ``multinomial`` ones a softmax over the classes. Tests check the
probabilities against scikit-learn's own on the same fitted model.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import pyarrow as pa

from civicnet.errors import InputError
from civicnet.text._patterns import EMOJI, HASHTAG, MENTION, URL

FORMAT = "civicnet.linear/1"
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_TOKEN = re.compile(r"__\w+__|[^\W\d_](?:[\w'’-]*[^\W_])?|\d+|[?!]|" + EMOJI.pattern, re.UNICODE)
_SPACES = re.compile(r"\s+")
#: Significant digits of the numbers in a model file.
DIGITS = 8
#: Documents per numpy step: bounds the memory of the sparse product (rows × non-zeros × classes).
CHUNK = 2000


def normalise(text: str | None) -> str:
    """Lower case, links and @handles as stand-in tokens, numbers as ``0``, ``#tag`` as ``tag``.

    A message that opens with a handle (a reply) keeps that fact: ``__lead_at__``.
    """
    text = (text or "").strip()
    lead = "__lead_at__ " if MENTION.match(text) else ""
    text = URL.sub(" __url__ ", text)
    if "@" in text:  # a handle and a hashtag need their character: without it the text is as it was
        text = MENTION.sub(" __at__ ", text)
    if "#" in text:
        text = HASHTAG.sub(lambda m: " " + m.group(0)[1:] + " ", text)
    text = _NUMBER.sub("0", text)
    return lead + _SPACES.sub(" ", text).strip().lower()


def word_tokens(text: str) -> list[str]:
    """The tokens of a normalised text that the word n-grams are made of (see the module docstring)."""
    return _TOKEN.findall(text)


def word_terms(text: str, ngram_range: tuple[int, int] = (1, 2)) -> list[str]:
    """Word n-grams of a normalised text (see the module docstring)."""
    tokens = word_tokens(text)
    low, high = ngram_range
    out = []
    for n in range(low, high + 1):
        if n == 1:
            out += tokens
        elif n == 2:  # the usual bigrams, without a slice and a join per pair
            out += [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]
        else:
            out.extend(" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
    return out


def char_terms(text: str, ngram_range: tuple[int, int] = (2, 5)) -> list[str]:
    """Character n-grams within word boundaries (each word padded by one space; a padded
    word no longer than ``n`` counts once, whole, for the first such ``n``)."""
    low, high = ngram_range
    out: list[str] = []
    for word in text.split():
        p = f" {word} "
        size = len(p)
        if size > high:
            out += [p[i:i + n] for n in range(low, high + 1) for i in range(size - n + 1)]
        else:
            out += [p[i:i + n] for n in range(low, size) for i in range(size - n + 1)]
            out.append(p)
    return out


ANALYZERS: dict[str, Callable[[str, tuple[int, int]], list[str]]] = {"words": word_terms, "chars": char_terms}


@dataclass
class TfidfBlock:
    """One TF-IDF block: its analyzer, vocabulary (term → column) and idf per column."""

    name: str
    analyzer: str
    ngram_range: tuple[int, int]
    vocabulary: dict[str, int]
    idf: np.ndarray

    def terms(self, normalised: str) -> list[str]:
        return ANALYZERS[self.analyzer](normalised, self.ngram_range)

    def rows(self, normalised: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Sparse rows (row numbers, columns, values), each row at unit length.

        The texts' terms are looked up once per distinct term (Arrow dictionary
        encoding; character n-grams once per distinct word, :meth:`_word_columns`) and
        counted per row with numpy.
        """
        if self.analyzer == "chars":
            col, lengths = self._word_columns(normalised)
        else:
            col, lengths = self._term_columns(normalised)
        if not col.size:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0)
        row = np.repeat(np.arange(len(normalised), dtype=np.int64), lengths)
        keep = col >= 0
        width = max(len(self.vocabulary), 1)
        pairs = row[keep] * width + col[keep]
        if len(normalised) * width < 2 ** 31:  # a chunk's keys fit 32 bits: sorted in half the time
            pairs = pairs.astype(np.int32)
        pairs, counts = np.unique(pairs, return_counts=True)
        row, col = pairs // width, pairs % width
        weight = (1.0 + np.log(counts.astype(np.float64))) * self.idf[col]
        norm = np.sqrt(np.bincount(row, weights=weight * weight, minlength=len(normalised)))
        return row, col, weight / norm[row]

    def _term_columns(self, normalised: Sequence[str]) -> tuple[np.ndarray, list[int]]:
        """Each text's terms as vocabulary columns (-1: not in it), one after the other, and their counts."""
        terms: list[str] = []
        lengths = []
        for text in normalised:
            found = self.terms(text)
            terms += found
            lengths.append(len(found))
        if not terms:
            return np.zeros(0, dtype=np.int64), lengths
        encoded = pa.array(terms, pa.string()).dictionary_encode()
        lookup = np.fromiter((self.vocabulary.get(t, -1) for t in encoded.dictionary.to_pylist()), dtype=np.int64)
        return lookup[encoded.indices.to_numpy(zero_copy_only=False)], lengths

    def _word_columns(self, normalised: Sequence[str]) -> tuple[np.ndarray, list[int]]:
        """:meth:`_term_columns` for character n-grams, which never cross a word (:func:`char_terms`):
        each distinct word's n-grams are made and looked up once."""
        low, high = self.ngram_range
        known: dict[str, np.ndarray] = {}
        parts: list[np.ndarray] = []
        lengths = []
        for text in normalised:
            count = 0
            for word in text.split():
                cols = known.get(word)
                if cols is None:
                    grams = char_terms(word, (low, high))
                    cols = known[word] = np.fromiter((self.vocabulary.get(t, -1) for t in grams), dtype=np.int64,
                                                     count=len(grams))
                parts.append(cols)
                count += cols.size
            lengths.append(count)
        return (np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)), lengths

    def to_json(self) -> dict:
        terms = sorted(self.vocabulary, key=self.vocabulary.get)
        return {"name": self.name, "analyzer": self.analyzer, "ngram_range": list(self.ngram_range),
                "terms": terms, "idf": _rounded(self.idf)}

    @classmethod
    def from_json(cls, data: dict) -> "TfidfBlock":
        terms = data["terms"]
        if data["analyzer"] not in ANALYZERS or len(terms) != len(data["idf"]):
            raise ValueError(f"block {data.get('name')!r}: unknown analyzer or idf of the wrong length")
        return cls(data["name"], data["analyzer"], tuple(data["ngram_range"]),
                   {t: i for i, t in enumerate(terms)}, np.asarray(data["idf"], dtype=np.float64))


@dataclass
class LinearModel:
    """A fitted linear classifier over TF-IDF blocks and dense rule features.

    ``coef`` has one row per feature (the blocks' columns in order, then the dense
    features) and one column per class.
    """

    task: str
    kind: str  # "ovr" or "multinomial"
    classes: list[str]
    blocks: list[TfidfBlock]
    dense: list[str]
    coef: np.ndarray
    intercept: np.ndarray
    thresholds: dict[str, float] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)

    @cached_property
    def _coef_by_class(self) -> np.ndarray:
        """``coef`` transposed and contiguous: one class's coefficients gathered without striding."""
        return np.ascontiguousarray(self.coef.T)

    @property
    def width(self) -> int:
        return sum(len(b.vocabulary) for b in self.blocks) + len(self.dense)

    def scores(self, texts: Sequence[str | None], dense: np.ndarray | None = None) -> np.ndarray:
        """Decision scores, shape (texts, classes)."""
        n = len(texts)
        dense = np.zeros((n, 0)) if dense is None else np.asarray(dense, dtype=np.float64)
        if dense.shape != (n, len(self.dense)):
            raise ValueError(f"dense features must have shape ({n}, {len(self.dense)}), not {dense.shape}")
        out = np.empty((n, len(self.classes)))
        for start in range(0, n, CHUNK):
            out[start:start + CHUNK] = self._chunk(texts[start:start + CHUNK], dense[start:start + CHUNK])
        return out

    def _chunk(self, texts: Sequence[str | None], dense: np.ndarray) -> np.ndarray:
        normalised = [normalise(t) for t in texts]
        result = np.tile(self.intercept, (len(texts), 1))
        offset = 0
        for block in self.blocks:
            rows, cols, vals = block.rows(normalised)
            if len(rows):
                cols = cols + offset
                for k, coef in enumerate(self._coef_by_class):  # a class's coefficients lie side by side
                    result[:, k] += np.bincount(rows, weights=coef[cols] * vals, minlength=len(texts))
            offset += len(block.vocabulary)
        if self.dense:
            result += dense @ self.coef[offset:]
        return result

    def probabilities(self, texts: Sequence[str | None], dense: np.ndarray | None = None) -> np.ndarray:
        """Class probabilities, shape (texts, classes): logistic per class (ovr) or softmax."""
        s = self.scores(texts, dense)
        if self.kind == "ovr":
            return 1.0 / (1.0 + np.exp(-s))
        s = s - s.max(axis=1, keepdims=True)
        e = np.exp(s)
        return e / e.sum(axis=1, keepdims=True)

    def to_json(self) -> dict:
        return {
            "format": FORMAT, "task": self.task, "kind": self.kind, "classes": self.classes,
            "blocks": [b.to_json() for b in self.blocks], "dense": self.dense,
            "coef": [_rounded(row) for row in self.coef.T], "intercept": _rounded(self.intercept),
            "thresholds": self.thresholds, "meta": self.meta,
        }

    def save(self, path: str | Path) -> Path:
        """Write the model as JSON (UTF-8; numbers to :data:`DIGITS` significant digits)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        return path

    @classmethod
    def from_json(cls, data: dict, *, task: str | None = None, dense: Sequence[str] | None = None,
                  source: str = "model") -> "LinearModel":
        """Build from parsed JSON; ``task``/``dense`` check it is a model of that task and rule features
        (a model without rule features, ``"dense": []``, fits any).

        Raises
        ------
        InputError
            Not a civicnet model, another task, or other rule features than this version computes.
        """
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise InputError(f"{source}: not a civicnet model (expected \"format\": \"{FORMAT}\")")
        if task is not None and data.get("task") != task:
            raise InputError(f"{source}: a model for {data.get('task')!r}, not for {task!r}")
        if dense is not None and list(data.get("dense", [])) not in ([], list(dense)):
            raise InputError(f"{source}: built with other rule features than this civicnet computes; "
                             "retrain it with `train`")
        try:
            blocks = [TfidfBlock.from_json(b) for b in data["blocks"]]
            coef = np.asarray(data["coef"], dtype=np.float64).T
            intercept = np.asarray(data["intercept"], dtype=np.float64)
            model = cls(data["task"], data["kind"], list(data["classes"]), blocks, list(data["dense"]),
                        coef, intercept, dict(data.get("thresholds") or {}), dict(data.get("meta") or {}))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"{source}: a damaged model file ({exc}); retrain it with `train`") from None
        if coef.shape != (model.width, len(model.classes)) or intercept.shape != (len(model.classes),):
            raise InputError(f"{source}: coefficients do not fit the vocabulary; retrain it with `train`")
        return model


def _rounded(values) -> list[float]:
    """Numbers to :data:`DIGITS` significant digits: a third of the file, probabilities within 1e-6."""
    return [float(f"{float(v):.{DIGITS}g}") for v in values]


def read_json(path: str | Path):
    """The parsed JSON of a model file; :class:`InputError` when it is missing or not JSON."""
    path = Path(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such model file") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(f"{path}: not a JSON model file") from None


def load_model(path: str | Path, *, task: str | None = None, dense: Sequence[str] | None = None) -> LinearModel:
    """Read a model JSON file (see :meth:`LinearModel.from_json`)."""
    return LinearModel.from_json(read_json(path), task=task, dense=dense, source=str(path))
