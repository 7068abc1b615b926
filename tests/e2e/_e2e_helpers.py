"""Helpers shared by the end-to-end tests: reading the written outputs, comparing partitions."""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import igraph

SEED = 2014
NAMES = ["timmermans", "wijkagent-lisse", "deventer", "rijkswaterstaat", "ocw", "aardbeving-groningen",
         "leegstand-ondertussen", "benno-l"]

#: CONTRACT.md column orders.
NODES_COLUMNS = ["account", "community", "degree", "in_degree", "out_degree", "betweenness", "pagerank",
                 "is_government", "name"]
EDGES_COLUMNS = ["source", "target", "weight", "kinds"]
MESSAGES_COLUMNS = ["platform", "id", "account", "created_at", "kind", "parent", "text", "is_government",
                    "message_type", "is_question", "answered_by", "response_minutes"]
INBOX_COLUMNS = ["id", "account", "created_at", "text", "category", "urgency", "priority", "route", "reason",
                 "waiting_minutes", "sla_due", "sla_breached", "answered_by", "accounts", "name"]
OUTPUTS = ["factsheet.html", "factsheet.pdf", "summary.json", "nodes.csv", "edges.csv", "network.gexf", "messages.csv"]


def read_csv(path: Path) -> tuple[list[str], list[dict]]:
    """The header and the rows of a CSV written by civicnet."""
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        return header, [dict(zip(header, row)) for row in reader]


@dataclass
class CaseRun:
    """One demo case generated and run: its files, planted truths and written outputs."""

    name: str
    case_yaml: Path
    out: Path
    seconds: dict = field(default_factory=dict)
    analysis: object = field(default=None, repr=False)  # the CaseAnalysis the outputs were written from

    def __post_init__(self):
        self.planted = json.loads((self.case_yaml.parent / "planted.json").read_text(encoding="utf-8"))
        self.summary = json.loads((self.out / "summary.json").read_text(encoding="utf-8"))
        self.nodes_header, nodes = read_csv(self.out / "nodes.csv")
        self.nodes = {n["account"]: n for n in nodes}
        self.edges_header, self.edges = read_csv(self.out / "edges.csv")
        self.messages_header, self.messages = read_csv(self.out / "messages.csv")

    @property
    def main(self) -> str:
        return next(iter(self.summary["networks"]))

    def community_of(self, account: str) -> int:
        return int(self.nodes[account]["community"])


def linked(run: CaseRun) -> set[str]:
    """Accounts with at least one tie in the main network (an isolated account is its own community)."""
    return {e["source"] for e in run.edges} | {e["target"] for e in run.edges}


def nmi(run: CaseRun, accounts=None) -> float:
    """Normalised mutual information between planted groups and found communities."""
    groups = run.planted["groups"]
    chosen = sorted(a for a in (accounts if accounts is not None else groups) if a in run.nodes and a in groups)
    labels = sorted({groups[a] for a in chosen})
    x = [labels.index(groups[a]) for a in chosen]
    y = [run.community_of(a) for a in chosen]
    return igraph.compare_communities(x, y, method="nmi")


def crosstab(run: CaseRun, accounts=None) -> dict[str, Counter]:
    """Planted group -> Counter of the communities its accounts were placed in."""
    groups = run.planted["groups"]
    table: dict[str, Counter] = defaultdict(Counter)
    for account in accounts if accounts is not None else groups:
        if account in run.nodes and account in groups:
            table[groups[account]][run.community_of(account)] += 1
    return table


def home(table: dict[str, Counter], group: str) -> tuple[int, float]:
    """The community holding most of ``group`` and the share of the group it holds."""
    community, n = table[group].most_common(1)[0]
    return community, n / sum(table[group].values())


def purity(run: CaseRun) -> float:
    """Share of planted accounts whose community's majority group is their own group."""
    groups = run.planted["groups"]
    by_community: dict[int, Counter] = defaultdict(Counter)
    for account, group in groups.items():
        if account in run.nodes:
            by_community[run.community_of(account)][group] += 1
    total = sum(sum(c.values()) for c in by_community.values())
    return sum(c.most_common(1)[0][1] for c in by_community.values()) / total
