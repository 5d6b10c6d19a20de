extensions = ["biblog"]
project = "Warning blog"
blog_title = "Warning blog"
blog_url = "https://blog.example.org/"
blog_authors = ["Ada Author"]
blog_bibfiles = ["refs.bib"]
html_theme = "basic"
nitpicky = True
