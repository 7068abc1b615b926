"""civicnet: how government takes part in social media.

Import real platform exports into one DuckDB store, build networks, read the
messages, characterise the government's role and write A3 factsheets.
"""

__version__ = "0.1.0"
