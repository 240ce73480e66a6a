"""Benchmarks: programs that print numbers (never timed tests). Run `python -m benchmarks`."""
