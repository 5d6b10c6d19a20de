"""The references page at any size: its first page, the rest of the works on demand, and their cache."""
