extensions = ["biblog"]
project = "Many posts"
blog_title = "Many posts"
blog_url = "https://blog.example.org/"
blog_authors = ["Ada Author"]
bibtex_bibfiles = ["refs.bib"]
html_theme = "basic"
nitpicky = True
