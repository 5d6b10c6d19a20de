extensions = ["biblog"]
project = "Bad input blog"
blog_title = "Bad input blog"
blog_url = "https://blog.example.org/"
blog_authors = ["Ada Author"]
bibtex_bibfiles = ["refs.bib", "more.bib"]
html_theme = "basic"
nitpicky = True
