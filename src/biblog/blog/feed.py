"""The Atom feed, written once the HTML is, and linked from every page's head."""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from sphinx.util.osutil import relative_uri
from sphinxcontrib.serializinghtml import SerializingHTMLBuilder

from ..config import blog_config
from ..core.atomic import replace_file
from ..core.bib.latex import math_parts
from ..core.notes import parse_note, plain_note
from ..warnings_ import Sub, warn
from .domain import blog_domain
from .titles import math_text, title_text
from .views import views_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..core.model import Post

ATOM = "http://www.w3.org/2005/Atom"
FEED_NAME = "atom.xml"
#: characters XML 1.0 cannot hold at all (a YAML "\\e" in a title would make the feed unreadable)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return NOT_XML.sub("", text)


def timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def clean_summary(text: str) -> str:
    """Feed readers get text: no markup, no roles, no citation keys, math as readable text."""
    text = "".join(math_text(value) if kind == "math" else value if kind == "source" else without_markup(value)
                   for kind, value in math_parts(text))
    return re.sub(r"\s+", " ", text).strip()


def without_markup(text: str) -> str:
    text = re.sub(r"\{[\w:-]+\}`([^`<]*?)(?:\s*<[^>]*>)?`", r"\1", text)
    return re.sub(r"[*_`]", "", text)


def feed_entry(feed: ET.Element, post: Post, url: str, app: Sphinx) -> None:
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    ET.SubElement(entry, f"{{{ATOM}}}title").text = xml_text(title_text(post.title))
    ET.SubElement(entry, f"{{{ATOM}}}id").text = url
    ET.SubElement(entry, f"{{{ATOM}}}link", href=url, rel="alternate", type="text/html")
    ET.SubElement(entry, f"{{{ATOM}}}published").text = timestamp(post.date)
    ET.SubElement(entry, f"{{{ATOM}}}updated").text = timestamp(post.last_updated)
    for name in post.authors:
        ET.SubElement(ET.SubElement(entry, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = xml_text(name)
    for tag in post.tags:
        ET.SubElement(entry, f"{{{ATOM}}}category", term=xml_text(tag))
    summary = clean_summary(post.summary)
    if post.updates:
        titles = views_of(app.env).titles
        latest = post.updates[0]
        note = plain_note(parse_note(latest.note), lambda d: titles.get(d.strip("/").removesuffix(".md")))
        summary += f" [Updated on {latest.date.isoformat()}: {clean_summary(note)}]"
    ET.SubElement(entry, f"{{{ATOM}}}summary", type="text").text = xml_text(summary)


def build_feed(app: Sphinx) -> bytes:
    blog = blog_config(app)
    catalog = views_of(app.env).catalog
    if blog.feed_length:
        catalog = catalog[: blog.feed_length]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = blog.title or app.config.project
    ET.SubElement(feed, f"{{{ATOM}}}id").text = blog.url or "urn:biblog:" + app.config.project
    ET.SubElement(feed, f"{{{ATOM}}}link", href=blog.url + FEED_NAME, rel="self",
                  type="application/atom+xml")
    ET.SubElement(feed, f"{{{ATOM}}}link", href=blog.url, rel="alternate", type="text/html")
    newest = max((p.last_updated for p in catalog), default=dt.date(1970, 1, 1))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = timestamp(newest)
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = (
        ", ".join(blog.authors) or blog.title or app.config.project)
    for post in catalog:
        feed_entry(feed, post, blog.url + app.builder.get_target_uri(post.docname), app)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def has_posts(app: Sphinx) -> bool:
    """A project without posts (a documentation site that added biblog for its citations) has no feed."""
    return bool(blog_domain(app.env).posts)


def write_feed(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or not has_posts(app):
        return
    if not blog_config(app).url:
        warn("no blog_url set: the Atom feed needs absolute URLs; set blog_url in conf.py",
             Sub.feed, "conf.py")
    replace_file(Path(app.outdir, FEED_NAME), build_feed(app))


def link_feed(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
              doctree: Any) -> None:
    if not has_posts(app):
        return
    href = feed_href(app, pagename, context)
    title = blog_config(app).title or app.config.project
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="alternate" type="application/atom+xml" title="{escape(title)}" href="{href}">')


def feed_href(app: Sphinx, pagename: str, context: dict[str, Any]) -> str:
    """The feed's URL from the page: by the page's own ``pathto`` (the 404 page's gives absolute
    URLs), except under the serializing builders (json, pickle), whose ``pathto`` takes no
    resource flag."""
    if isinstance(app.builder, SerializingHTMLBuilder):
        return relative_uri(app.builder.get_target_uri(pagename), FEED_NAME)
    return context["pathto"](FEED_NAME, 1)


def setup_feed(app: Sphinx) -> None:
    app.connect("build-finished", write_feed)
    app.connect("html-page-context", link_feed)
