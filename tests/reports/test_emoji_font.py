"""Emoji in names and messages print as emoji on the A3 sheet, not as empty boxes: WeasyPrint finds
them in Noto Color Emoji through the system's font fallback (`make setup` installs the font from
Debian; docs/factsheet.md "Fonts")."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from civicnet.cli import main

pdfplumber = pytest.importorskip("pdfplumber")
pytest.importorskip("weasyprint")

NAMES = ["Gemeente Utrecht 🌷", "Jan 👍🏽", "Fatima مرحبا", "Łucja ❤️", "Piet 🇳🇱"]


def _emoji_font() -> bool:
    if not shutil.which("fc-list"):
        return False
    return "Emoji" in subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout


def _page() -> dict:
    """A twarc2 page: five accounts with emoji in their names mention each other."""
    users = [{"id": str(100 + i), "username": f"user{i}", "name": name} for i, name in enumerate(NAMES)]
    tweets = [{"id": str(1000 + 5 * i + j), "text": f"@user{j} hallo buur 🌷", "author_id": str(100 + i),
               "created_at": f"2021-03-0{1 + j}T10:00:00.000Z", "edit_history_tweet_ids": [str(1000 + 5 * i + j)],
               "entities": {"mentions": [{"username": f"user{j}", "id": str(100 + j)}]}}
              for i in range(5) for j in range(5) if i != j]
    return {"data": tweets, "includes": {"users": users}}


@pytest.mark.skipif(not _emoji_font(), reason="no emoji font on this machine: apt-get install fonts-noto-color-emoji")
def test_emoji_print_in_an_emoji_font(tmp_path):
    (tmp_path / "buren.jsonl").write_text(json.dumps(_page(), ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(tmp_path / "buren.jsonl"), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "out" / "factsheet.pdf") as pdf:
        chars = pdf.pages[0].chars
    fonts = {c["text"]: c["fontname"] for c in chars}
    assert "🌷" in fonts and "Emoji" in fonts["🌷"]
    assert "DejaVu" in fonts["U"] and "DejaVu" in fonts["Ł"]
