"""Text analysis: tokenising (Dutch and English), distinctive terms, word clouds,
style markers, tone, questions and the government message typology.

Submodules are imported on use; this package imports nothing heavy.
"""
