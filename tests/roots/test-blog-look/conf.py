extensions = ["biblog"]
project = "Look blog"
blog_title = "Look blog"
blog_url = "https://blog.example.org/notes/"
blog_authors = ["Ada Author"]
bibtex_bibfiles = ["refs.bib"]
html_theme = "furo"
nitpicky = True
