extensions = ["biblog"]
project = "Citation blog"
blog_title = "Citation blog"
blog_url = "https://blog.example.org/"
blog_authors = ["Ada Author"]
bibtex_bibfiles = ["refs.bib"]
html_theme = "basic"
nitpicky = True
