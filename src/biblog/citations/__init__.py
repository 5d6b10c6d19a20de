"""The Sphinx side of citations: the cite domain and roles, what a page records, styles, reference lists."""
