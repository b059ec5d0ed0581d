"""Benchmarks of the search index and answers (run as python -m bench.<name>)."""
