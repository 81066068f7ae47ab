"""Benchmark scripts (run with python; pytest does not collect them) and their fictional data."""
