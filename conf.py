"""Site settings of the flagship blog. Everything else comes with the biblog extension."""

project = "The biblog Notebook"
author = "The biblog authors"
copyright = "2019-2026, the biblog authors"  # noqa: A001

extensions = ["biblog"]

blog_title = project
blog_url = "https://biblog.readthedocs.io/en/latest/"
blog_authors = [author]
bibtex_bibfiles = ["references.bib"]
blog_description = (
    "Long-form notes on machine learning research: language models, reinforcement learning, "
    "generative models and learning with little data, each with a full list of references."
)

html_theme = "furo"
html_title = project
html_short_title = project
html_baseurl = blog_url
html_theme_options = {
    "source_repository": "",
    "navigation_with_keys": True,
}
html_last_updated_fmt = None

exclude_patterns = ["_build", ".venv"]
nitpicky = True
numfig = True  # the posts' figures are numbered and referred to by number
suppress_warnings: list[str] = []

ogp_description_length = 200
# Figures are numbered ("Fig. 3") and {numref} works; biblog sets this too when it is unset.
numfig = True
