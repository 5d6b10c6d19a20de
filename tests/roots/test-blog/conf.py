extensions = ["biblog"]
project = "Test blog"
blog_title = "Test blog"
blog_url = "https://blog.example.org/"
blog_authors = ["Ada Author"]
blog_bibfiles = ["refs.bib"]
html_theme = "basic"
nitpicky = True
