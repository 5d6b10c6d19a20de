"""The bibliography without Sphinx: .bib files loaded, cached and spliced, labels, letters, and citations resolved."""
