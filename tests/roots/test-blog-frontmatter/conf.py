extensions = ["biblog"]
project = "Broken blog"
blog_title = "Broken blog"
blog_url = "https://blog.example.org/"
blog_authors = ["Ada Author"]
bibtex_bibfiles = []
html_theme = "basic"
nitpicky = True
