"""Error analysis and experiments of issue 20 on the dev split (docs/typology.md, docs/webcare.md).

    python datasets/error_analysis.py typology            # the shipped model's errors, then the experiments
    python datasets/error_analysis.py typology --examples neutral   # misclassified dev messages of a type
    python datasets/error_analysis.py typology --cv       # main candidates by 5-fold CV over train+dev
    python datasets/error_analysis.py inbox               # cross-validated errors of the inbox model, candidates

Reads the coded pools (``datasets/{typology,inbox}/labels*.csv``, texts from
``datasets/local/``; see datasets/README.md) and never a ``test`` row. Needs the ``text``
extra (scikit-learn). Prints figures only; nothing is written. ``--examples`` prints
texts that are not committed (TDM): keep its output local.

Scores (macro-F1 of the types present, as ``civicnet typology evaluate`` computes it):

* ``dev``: per-type thresholds chosen on the dev split and scored there (how ``typology
  train`` chooses; optimistic);
* ``cross-fitted``: the dev split in two halves (parity of the id's last hex digit);
  thresholds and decision settings chosen on one half, the other half scored, the
  predictions of both halves pooled (honest about the choice made on dev);
* ``diff``: the difference from the shipped settings with a 95 % paired bootstrap
  interval (1,000 resamples of the dev messages, seed 1).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent / "src"))

from civicnet.text._patterns import EMOJI  # noqa: E402
from civicnet.text.labelled import choose  # noqa: E402
from civicnet.text.linear_train import THRESHOLDS, best_thresholds, fit  # noqa: E402
from civicnet.text.typology.dataset import parse_labels  # noqa: E402
from civicnet.text.typology.model import DECISION, RULE_FEATURES, decide_sets, rule_features  # noqa: E402
from civicnet.text.typology.rules import TYPES, content_words  # noqa: E402
from civicnet.text.typology.train import read_coded  # noqa: E402

WRITTEN = ROOT.parent / "src/civicnet/text/data/typology_dev.csv"


def _y(label_sets) -> np.ndarray:
    return np.array([[1 if t in s else 0 for t in TYPES] for s in label_sets]).reshape(len(label_sets), len(TYPES))


def f1s(gold: np.ndarray, sets) -> np.ndarray:
    pred, g = _y(sets).astype(bool), gold.astype(bool)
    return np.array([2 * (a & b).sum() / max(1, a.sum() + b.sum()) for a, b in zip(g.T, pred.T)])


def macro(gold: np.ndarray, sets) -> float:
    present = gold.astype(bool).any(axis=0)
    return float(f1s(gold, sets)[present].mean())


def paired(gold: np.ndarray, base, other, n: int = 1000, seed: int = 1) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    a, b, g = _y(base).astype(bool), _y(other).astype(bool), gold.astype(bool)

    def m(idx, p):
        return np.mean([2 * (x & y).sum() / max(1, x.sum() + y.sum()) for x, y in zip(g[idx].T, p[idx].T)])

    diffs = [m(idx, b) - m(idx, a) for idx in (rng.integers(0, len(g), len(g)) for _ in range(n))]
    return float(np.percentile(diffs, 2.5)), float(np.percentile(diffs, 97.5))


# ---- text features tried as extra rule features (not adopted) ---------------------------------
_LEAD = re.compile(r"^(?:@\w+\s*)+")
LINK_END = re.compile(r"(?:\[link\]|https?://\S+)\s*(?:#\w+\s*)*$")
OPEN_SELF = re.compile(
    r"^\s*(?:(?:vanmiddag|vanochtend|vandaag|vanavond|gisteren|gisteravond|zojuist|net|straks|morgen|nu)\b[^.!?]{0,60}"
    r"\b(?:ge\w+[dt]|be\w+[dt]|bezocht|gesproken|gesprek|bijgepraat|op\s+bezoek|aanwezig|onderweg)\b"
    r"|(?:is|was|heeft|had|luistert|spreekt|zit|staat|gaat|komt|praat|sprak|ga|sta|ben|heb)\s+(?!er\b|het\b|dit\b|dat\b)"
    r"|(?:bij|onderweg|op\s+bezoek|op\s+werkbezoek|in\s+gesprek|te\s+gast|aanwezig|aan\s+tafel)\b)", re.I)
EVAL_OPEN = re.compile(
    r"^\s*(?:mooi\w*|leuk\w*|prachtig\w*|geweldig\w*|trots|fantastisch\w*|top|goed\s+(?:gedaan|nieuws|bezig)|sterk\w*"
    r"|verdrietig\w*|afschuwelijk\w*|triest\w*|ontzettend|heel\s+(?:mooi|leuk|fijn|blij|trots)|wat\s+(?:een|mooi|leuk|fijn)"
    r"|heerlijk\w*|blij\w*|gefeliciteerd|gelukkig|jammer|helaas|schandalig\w*|bizar\w*|respect|hulde|chapeau|bravo"
    r"|super\w*|genieten|gaaf\w*|tof\w*|wauw|wow)\b", re.I)
LAUGH = re.compile(r"(?:h[ae]){2,}|hihi|😂|🤣|😄|😆|😉|😜|🙈|😅|😁|;-?\)|:-?[pPD]\b|\blol\b", re.I)
REPORTED = re.compile(r"\b(?:aldus|zegt|zei|volgens|meldt|schrijft|via\s+@\w+|nieuws)\b|\|", re.I)
GOV_THIRD = re.compile(r"\b(?:kabinet|minister|staatssecretaris|gemeente|provincie|college|rijksoverheid|regering)\b", re.I)
TEXT_FEATURES = ("x:link_end", "x:open_self", "x:eval_open", "x:laugh", "x:reported", "x:gov_third", "x:exclaim", "x:emoji")


def text_features(texts) -> np.ndarray:
    rows = []
    for t in texts:
        t = t or ""
        body = _LEAD.sub("", t)
        rows.append([bool(LINK_END.search(t)), bool(OPEN_SELF.search(body)), bool(EVAL_OPEN.search(body)),
                     bool(LAUGH.search(t)), bool(REPORTED.search(t)), bool(GOV_THIRD.search(t)),
                     min(t.count("!"), 3) / 3, min(len(EMOJI.findall(t)), 3) / 3])
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(TEXT_FEATURES))


# ---- typology -----------------------------------------------------------------------------------
def typology_rows(root: Path) -> list[dict]:
    rows = read_coded(root / "typology/labels.csv", root / "local/typology/messages.csv", root / "typology/ids.csv")
    meta = {r["id"]: r for r in csv.DictReader(open(root / "typology/ids.csv", encoding="utf-8"))}
    for r in rows:
        r["batch"], r["kind"] = meta[r["id"]]["batch"], meta[r["id"]]["author_kind"]
    return [r for r in rows if r["split"] != "test"]  # the test split is never read here


def decide(texts, probs, thresholds, neutral_factor=1.0, second_bar=1.0):
    """The codebook's decision (:func:`decide_sets`, personal "any") with two knobs tried on dev:
    neutral's relative probability times ``neutral_factor`` when it competes with another type,
    and a further type only when its probability reaches ``second_bar`` times its threshold."""
    if neutral_factor == 1.0 and second_bar == 1.0:
        return decide_sets(texts, probs, thresholds, [{}] * len(texts), **DECISION)
    cut, ni, out = np.array([thresholds[t] for t in TYPES]), TYPES.index("neutral"), []
    for text, p in zip(texts, probs):
        if not text or len(content_words(text)) < 2:
            out.append(frozenset())
            continue
        ratio = p / cut
        chosen = ratio >= second_bar
        chosen[int(np.argmax(ratio))] = True
        if chosen[ni] and chosen.sum() > 1:
            others = chosen.copy()
            others[ni] = False
            keep_neutral = ratio[ni] * neutral_factor >= ratio[others].max()
            chosen = np.eye(len(TYPES), dtype=bool)[ni] if keep_neutral else others
        out.append(frozenset(t for t, c in zip(TYPES, chosen) if c))
    return out


class Dev:
    def __init__(self, rows):
        self.rows, self.texts, self.y = rows, [r["text"] for r in rows], _y([r["labels"] for r in rows])
        self.half = np.array([int(r["id"][-1], 16) % 2 for r in rows])

    def on_dev(self, probs, knobs=((1.0, 1.0),)):
        th = best_thresholds(probs, self.y, TYPES)
        return max((decide(self.texts, probs, th, *k) for k in knobs), key=lambda s: macro(self.y, s))

    def cross_fitted(self, probs, knobs=((1.0, 1.0),)):
        sets = [None] * len(self.texts)
        for h in (0, 1):
            a, b = np.flatnonzero(self.half == h), np.flatnonzero(self.half != h)
            ta = [self.texts[i] for i in a]
            th = best_thresholds(probs[a], self.y[a], TYPES)
            k = max(knobs, key=lambda k: macro(self.y[a], decide(ta, probs[a], th, *k)))
            for i, s in zip(b, decide([self.texts[i] for i in b], probs[b], th, *k)):
                sets[i] = s
        return sets


def _fit_probs(train, dev, *, C=4.0, extra=(), gov_weight=1.0, with_text=False, powerset=False):
    rows = list(train) + list(extra)
    texts = [r["text"] for r in rows]
    dense, dev_dense = rule_features(texts, "nl")[0], rule_features(dev.texts, "nl")[0]
    names = list(RULE_FEATURES)
    if with_text:
        dense, dev_dense = np.hstack([dense, text_features(texts)]), np.hstack([dev_dense, text_features(dev.texts)])
        names += list(TEXT_FEATURES)
    weights = [gov_weight if r.get("kind") in ("government", "police") else 1.0 for r in rows]
    if not powerset:
        model = fit("typology", "ovr", TYPES, texts, _y([r["labels"] for r in rows]), dense, names, C=C,
                    sample_weight=weights).model
        return model.probabilities(dev.texts, dev_dense)
    # label powerset: one softmax over the label sets (sets of fewer than 8 rows: their most frequent type)
    key = ["+".join(sorted(r["labels"])) or "none" for r in rows]
    counts = Counter(key)
    classes = [k if counts[k] >= 8 else (max(r["labels"], key=lambda t: counts[t]) if r["labels"] else "none")
               for k, r in zip(key, rows)]
    model = fit("typology-sets", "multinomial", sorted(set(classes)), texts, classes, dense, names, C=C).model
    p = model.probabilities(dev.texts, dev_dense)
    marginal = np.zeros((len(dev.texts), len(TYPES)))
    for j, c in enumerate(model.classes):
        for t in (c.split("+") if c != "none" else []):
            marginal[:, TYPES.index(t)] += p[:, j]
    return marginal


EXPERIMENTS = (
    ("shipped settings (C 4, rule features, written set)", {}),
    ("+ 8 text features (headline, elliptic ik, evaluative opener, laughter, reported speech…)", {"with_text": True}),
    ("government and police rows weighted 3x", {"gov_weight": 3.0}),
    ("weighted 5x, with the text features", {"gov_weight": 5.0, "with_text": True}),
    ("without the written set", {"extra": False}),
    ("C 1", {"C": 1.0}),
    ("label powerset (softmax over label sets), C 4", {"powerset": True}),
)


def typology(root: Path, examples: str | None) -> None:
    rows = typology_rows(root)
    train = [r for r in rows if r["split"] == "train"]
    dev = Dev([r for r in rows if r["split"] == "dev"])
    written = choose(read_coded(WRITTEN), ("train", "dev"))
    base_p = _fit_probs(train, dev, extra=written)
    sets = dev.on_dev(base_p)
    print(f"dev {len(dev.texts)} messages; shipped settings: macro-F1 {macro(dev.y, sets):.3f}",
          dict(zip(TYPES, f1s(dev.y, sets).round(2))))
    for label, keep in (("batch 1", lambda r: r["batch"] == "1"), ("batch 2", lambda r: r["batch"] == "2"),
                        ("government+police", lambda r: r["kind"] != "politician")):
        idx = [i for i, r in enumerate(dev.rows) if keep(r)]
        sub = [sets[i] for i in idx]
        print(f"  {label} ({len(idx)}): macro-F1 {macro(dev.y[idx], sub):.3f}", dict(zip(TYPES, f1s(dev.y[idx], sub).round(2))),
              "gold", dict(Counter(t for i in idx for t in (dev.rows[i]["labels"] or {"none"}))))
    pairs = Counter(("+".join(sorted(r["labels"])) or "none", "+".join(sorted(s)) or "none") for r, s in zip(dev.rows, sets))
    print("most frequent errors (gold label set -> predicted):")
    for (g, p), n in [x for x in pairs.most_common() if x[0][0] != x[0][1]][:12]:
        print(f"  {g:22s} -> {p:22s} {n}")
    print(f"predicted sets of 2+ types {sum(len(s) > 1 for s in sets)}, gold {sum(len(r['labels']) > 1 for r in dev.rows)}")
    coders = {c: {r["id"]: parse_labels(r["types"])
                  for r in csv.DictReader(open(root / f"typology/labels_{c}.csv", encoding="utf-8"))}
              for c in "ab"}
    print("errors on messages where the two coders split on that type (label ambiguity) against all errors:")
    for t in TYPES:
        split = [(t in coders["a"][r["id"]]) != (t in coders["b"][r["id"]]) for r in dev.rows]
        fn = [i for i, (r, s) in enumerate(zip(dev.rows, sets)) if t in r["labels"] and t not in s]
        fp = [i for i, (r, s) in enumerate(zip(dev.rows, sets)) if t not in r["labels"] and t in s]
        print(f"  {t:9s} missed {len(fn):3d} (coders split on {sum(split[i] for i in fn)}), "
              f"false {len(fp):3d} (split on {sum(split[i] for i in fp)})")
    if examples:
        for r, s in zip(dev.rows, sets):
            if (examples in r["labels"]) != (examples in s):
                print(f"[{r['id']} {r['kind']}] {'+'.join(sorted(r['labels'])) or 'none'} -> "
                      f"{'+'.join(sorted(s)) or 'none'}: {r['text'][:200]!r}")
        return
    _experiments(train, dev, written, base_p)


def _experiments(train, dev, written, base_p) -> None:
    base_dev, base_cf = dev.on_dev(base_p), dev.cross_fitted(base_p)
    print("\nexperiment | dev | cross-fitted | diff cross-fitted (95 % paired bootstrap)")
    found = {}
    for label, kw in EXPERIMENTS:
        start = time.process_time()
        kw = dict(kw)
        with_written = kw.pop("extra", True)
        probs = base_p if not kw and with_written else _fit_probs(train, dev, extra=written if with_written else (), **kw)
        found[label] = probs
        cf = dev.cross_fitted(probs)
        lo, hi = paired(dev.y, base_cf, cf)
        print(f"  {label} | {macro(dev.y, dev.on_dev(probs)):.3f} | {macro(dev.y, cf):.3f} | "
              f"{macro(dev.y, cf) - macro(dev.y, base_cf):+.3f} ({lo:+.3f} to {hi:+.3f}) [{time.process_time() - start:.0f} CPU s]")
    avg = (base_p + found[EXPERIMENTS[-1][0]]) / 2
    knobs = tuple((k, s) for k in (0.8, 1.0, 1.25, 1.5) for s in (1.0, 1.2, 1.5))
    for label, probs, kn in (("mean of one-vs-rest and powerset probabilities", avg, ((1.0, 1.0),)),
                             ("decision knobs (neutral factor, bar for a further type) chosen on dev", base_p, knobs)):
        cf = dev.cross_fitted(probs, kn)
        lo, hi = paired(dev.y, base_cf, cf)
        print(f"  {label} | {macro(dev.y, dev.on_dev(probs, kn)):.3f} | {macro(dev.y, cf):.3f} | "
              f"{macro(dev.y, cf) - macro(dev.y, base_cf):+.3f} ({lo:+.3f} to {hi:+.3f})")
    print(f"(shipped settings: dev {macro(dev.y, base_dev):.3f}, cross-fitted {macro(dev.y, base_cf):.3f})")


def typology_cv(root: Path) -> None:
    """5-fold cross-validation over train and dev together (folds by the id), the written set
    in every training part: a steadier comparison of the main candidates than dev alone."""
    rows = typology_rows(root)
    written = choose(read_coded(WRITTEN), ("train", "dev"))
    fold = np.array([int(r["id"][-2:], 16) % 5 for r in rows])
    pool = Dev(rows)
    probs = {}
    for label, kw in (("shipped settings", {}), ("+ the text features", {"with_text": True}),
                      ("label powerset", {"powerset": True})):
        start = time.process_time()
        p = np.zeros((len(rows), len(TYPES)))
        for f in range(5):
            held = np.flatnonzero(fold == f)
            train = [r for r, g in zip(rows, fold) if g != f]
            p[held] = _fit_probs(train, Dev([rows[i] for i in held]), extra=written, **kw)
        probs[label] = p
        print(f"  (fitted {label}: {time.process_time() - start:.0f} CPU s)", flush=True)
    probs["mean of one-vs-rest and powerset"] = (probs["shipped settings"] + probs["label powerset"]) / 2
    base = pool.cross_fitted(probs["shipped settings"])
    print(f"5-fold cross-validation over train+dev ({len(rows)} messages) | thresholds on all | cross-fitted | diff")
    for label, p in probs.items():
        cf = pool.cross_fitted(p)
        lo, hi = paired(pool.y, base, cf)
        print(f"  {label} | {macro(pool.y, pool.on_dev(p)):.3f} | {macro(pool.y, cf):.3f} | "
              f"{macro(pool.y, cf) - macro(pool.y, base):+.3f} ({lo:+.3f} to {hi:+.3f})")


# ---- inbox --------------------------------------------------------------------------------------
def inbox(root: Path) -> None:
    from civicnet.text.linear_train import _folds, join_rows
    from civicnet.webcare.classify import CATEGORIES, classify_rules
    from civicnet.webcare.model import InboxModel
    from civicnet.webcare.train import INPUT, _Block, _macro, _names, read_inbox_labels

    rows = read_inbox_labels(root / "inbox/labels.csv", root / "local/inbox/messages.csv", root / "inbox/ids.csv")
    pool = [r for r in rows if r["split"] in ("train", "dev")]  # never test
    written = choose(read_inbox_labels(ROOT.parent / "src/civicnet/webcare/data/labelled/dev.csv"), ("train", "dev"))
    block, more = _Block(pool), _Block(written)
    rules = [classify_rules(t).category for t in block.texts]
    gold = np.asarray(block.category, dtype=object)

    def predicted(feats, with_extra, C, seed, fallback=0.0):
        """Cross-validated categories; below ``fallback`` model probability the rules' category."""
        out = np.empty(len(pool), dtype=object)
        for held in _folds(gold, "multinomial", 5, seed):
            keep = np.setdiff1d(np.arange(len(pool)), held)
            part = ([block.inputs[i] for i in keep], list(gold[keep]),
                    block.dense[keep] if feats == "ngrams+rules" else None)
            if with_extra:
                part = join_rows(part, more.part(feats, "category"), "multinomial")
            model = InboxModel(fit("inbox-category", "multinomial", CATEGORIES, *part, _names(feats), C=C).model,
                               input=INPUT)
            out[held] = [rules[i] if c.rule.startswith("model") and (c.probability or 1.0) < fallback else c.category
                         for i, c in zip(held, model.classify([block.texts[i] for i in held]))]
        return out

    print(f"train+dev {len(pool)} messages, 5-fold cross-validation (the inbox decides as `civicnet inbox` does)")
    print("gold:", dict(Counter(gold)))
    pred = predicted("ngrams", True, 0.5, 7)
    print("shipped settings (n-grams, written set, C 0.5), per category:")
    for c in CATEGORIES:
        g, p = gold == c, pred == c
        print(f"  {c:10s} n {g.sum():3d}  precision {(g & p).sum() / max(1, p.sum()):.2f}  "
              f"recall {(g & p).sum() / max(1, g.sum()):.2f}  F1 {2 * (g & p).sum() / max(1, g.sum() + p.sum()):.2f}")
    errors = Counter((a, b) for a, b in zip(gold, pred) if a != b)
    print("errors (gold -> predicted):", ", ".join(f"{a}->{b} {n}" for (a, b), n in errors.most_common(10)))
    sources = np.array([r["id"].split("-")[0] for r in pool])
    for s in sorted(set(sources)):
        idx = sources == s
        print(f"  {s}: {idx.sum()} messages, accuracy {np.mean(gold[idx] == pred[idx]):.3f}")
    print("candidates (macro-F1, mean of two fold seeds):")
    for feats in ("ngrams", "ngrams+rules"):
        for with_extra in (False, True):
            for C in (0.5, 2.0, 8.0):
                s = [_macro(gold, predicted(feats, with_extra, C, seed), CATEGORIES) for seed in (7, 8)]
                print(f"  {feats:12s} written set {'yes' if with_extra else 'no ':3s} C {C:<4g} {np.mean(s):.3f}")
    print(f"rules alone {_macro(gold, rules, CATEGORIES):.3f}; the rules' category below a model probability of:")
    for feats, C in (("ngrams", 0.5), ("ngrams+rules", 8.0)):
        cells = [f"{t:g} {np.mean([_macro(gold, predicted(feats, True, C, s, t), CATEGORIES) for s in (7, 8)]):.3f}"
                 for t in (0.3, 0.4, 0.5, 0.6)]
        print(f"  {feats:12s} written set yes C {C:<4g} " + ", ".join(cells))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pool", choices=("typology", "inbox"))
    parser.add_argument("--examples", metavar="TYPE", choices=TYPES, help="print misclassified dev messages of TYPE")
    parser.add_argument("--root", type=Path, default=ROOT, help="the datasets folder (default: this script's)")
    parser.add_argument("--cv", action="store_true", help="typology: 5-fold cross-validation over train+dev instead")
    args = parser.parse_args(argv)
    messages = args.root / "local" / args.pool / "messages.csv"
    if not messages.is_file():
        print(f"Error: {messages} is missing; rebuild it with python datasets/extract.py (datasets/README.md)",
              file=sys.stderr)
        return 1
    if args.pool == "inbox":
        inbox(args.root)
    elif args.cv:
        typology_cv(args.root)
    else:
        typology(args.root, args.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
