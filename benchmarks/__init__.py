"""Build benchmarks for biblog: ``python -m benchmarks.run`` (``make bench``).

``benchmarks.corpus`` writes a deterministic generated blog in two variants
(``biblog`` and a citation-free ``floor``); ``benchmarks.run`` builds both with
``sphinx-build`` and prints a table of timings, rebuild counts and peak memory.
"""
