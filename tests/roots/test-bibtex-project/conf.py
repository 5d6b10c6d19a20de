# A project written for sphinxcontrib-bibtex, with biblog added and one post.
extensions = ["sphinxcontrib.bibtex", "biblog"]
project = "Lab handbook"
blog_url = "https://handbook.example.org/"
bibtex_bibfiles = ["refs.bib"]
html_theme = "basic"
nitpicky = True
