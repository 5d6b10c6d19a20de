"""Flagship-only scripts (the seed import): never installed with the biblog engine."""
