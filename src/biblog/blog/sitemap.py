"""``sitemap.xml`` listing every page of the site, written at the end of each build.

The page list comes from the environment (every document, plus the generated
tag pages), not from the pages written by the current build: sphinx-sitemap
collects the latter, so after an incremental build its sitemap listed only the
pages that changed (one URL after a no-change rebuild), and it started a
multiprocessing manager process on every build to collect them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from ..config import blog_config
from ..core.atomic import replace_file
from .homepages import home_page_names
from .tagpages import tag_pages
from .views import views_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx

SITEMAP_NAME = "sitemap.xml"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def site_pages(app: Sphinx) -> list[tuple[str, str]]:
    """(pagename, lastmod) of every page a search engine should see; lastmod "" when unknown."""
    views = views_of(app.env)
    updated = {post.docname: post.last_updated.isoformat() for post in views.catalog}
    pages = [(docname, updated.get(docname, "")) for docname in sorted(app.env.found_docs)]
    pages += [(pagename, "") for pagename in sorted(tag_pages(views))]
    pages += [(pagename, "") for pagename in home_page_names(app)]
    return pages


def build_sitemap(app: Sphinx, base_url: str) -> bytes:
    urlset = ET.Element("urlset", xmlns=SITEMAP_NS)
    for pagename, lastmod in site_pages(app):
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = base_url + app.builder.get_target_uri(pagename)
        if lastmod:
            ET.SubElement(url, "lastmod").text = lastmod
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    # Without blog_url there are no absolute URLs to list; the feed already warns about it.
    base_url = blog_config(app).url
    if exception is not None or app.builder.format != "html" or not base_url:
        return
    replace_file(Path(app.outdir, SITEMAP_NAME), build_sitemap(app, base_url.rstrip("/") + "/"))


def setup_sitemap(app: Sphinx) -> None:
    app.connect("build-finished", write_sitemap)
