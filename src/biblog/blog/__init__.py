"""The blog in Sphinx: posts, per-document facts and their views, listings, tag and home pages,
feed, sitemap, page metadata, search, themes and assets."""
