"""The store's tests use the planted webcare case too (tests/webcare/_planted.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "webcare"))
