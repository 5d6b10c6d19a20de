# One sphinxcontrib-bibtex list per page (":filter: docname in docnames"): the pattern whose
# cost grows as pages x entries x citations without biblog's indexed filter (fastfilter.py).
extensions = ["sphinxcontrib.bibtex"]
project = "Filtered bibliographies"
bibtex_bibfiles = ["refs.bib"]
html_theme = "basic"
