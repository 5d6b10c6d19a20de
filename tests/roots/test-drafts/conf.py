extensions = ["biblog"]
project = "Drafts blog"
blog_title = "Drafts blog"
blog_url = "https://blog.example.org/"
blog_authors = ["Ada Author"]
bibtex_bibfiles = ["refs.bib"]
html_theme = "basic"
nitpicky = True
