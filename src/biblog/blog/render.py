"""HTML for the blog's generated parts: one autoescaping Jinja environment.

Everything from a ``.bib`` file or front matter reaches HTML through these
templates, whose autoescaping makes it data, never markup.

Made to be adapted: a template of the same name in the project's
``templates_path`` wins over biblog's (the names are listed in the README);
the interface strings go through Sphinx's translation machinery (the
``biblog`` message catalog, chosen by ``language``) and dates through
Sphinx's ``format_date`` with ``blog_date_format``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup
from sphinx.locale import get_translator
from sphinx.util.i18n import format_date

from ..citations.rendermemo import relative_uri
from ..config import blog_config
from ..core.citeself import post_bibtex, post_citation
from ..core.notes import normalise_doc_target, note_html, parse_note
from .domain import blog_domain
from .titles import title_markup

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

TEMPLATES = Path(__file__).parents[1] / "templates"
LOCALE = Path(__file__).parents[1] / "locale"
APP_ATTRIBUTE = "biblog_templates"
#: the application's attribute holding its dates as text (format and language are fixed per application)
DATES_ATTRIBUTE = "biblog_dates"
#: the biblog domain's record of the posts' dates as text, kept between builds
DATES_KEY = "dates"
#: the message catalog of biblog's interface strings (locale/<language>/LC_MESSAGES/biblog.mo)
CATALOG = "biblog"


def template_folders(app: Sphinx) -> list[Path]:
    """The project's ``templates_path`` folders (relative to conf.py), then biblog's own."""
    own = [Path(app.confdir, folder) for folder in app.config.templates_path]
    return [*own, TEMPLATES]


def template_environment(app: Sphinx) -> jinja2.Environment:
    environment = getattr(app, APP_ATTRIBUTE, None)
    if environment is None:
        environment = jinja2.Environment(loader=jinja2.FileSystemLoader(template_folders(app)), autoescape=True,
                                         trim_blocks=True, lstrip_blocks=True,
                                         undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.i18n"])
        # Looked up at each call: Sphinx registers the catalog for the build's language.
        environment.install_gettext_callables(  # type: ignore[attr-defined]
            gettext=lambda message: get_translator(CATALOG).gettext(message),
            ngettext=lambda singular, plural, n: get_translator(CATALOG).ngettext(singular, plural, n),
            newstyle=True)
        setattr(app, APP_ATTRIBUTE, environment)
    return environment


def human_date(app: Sphinx, date: dt.date) -> str:
    """The date as ``blog_date_format`` and ``language`` spell it, made once per date (Babel is slow)."""
    dates = spelled_dates(app)
    text = dates.get(date)
    if text is None:
        moment = dt.datetime.combine(date, dt.time())  # format_date is typed for datetimes
        text = dates[date] = format_date(blog_config(app).date_format, date=moment, language=app.config.language)
    return text


def spelled_dates(app: Sphinx) -> dict[dt.date, str]:
    """This build's dates as text, starting from those the environment kept (see keep_post_dates)."""
    dates: dict[dt.date, str] | None = getattr(app, DATES_ATTRIBUTE, None)
    if dates is None:
        kept = blog_domain(app.env).data.get(DATES_KEY) or {}
        dates = dict(kept.get("texts", {})) if kept.get("spelling") == date_spelling(app) else {}
        setattr(app, DATES_ATTRIBUTE, dates)
    return dates


def date_spelling(app: Sphinx) -> tuple[str, str | None]:
    return blog_config(app).date_format, app.config.language


def keep_post_dates(app: Sphinx, env: BuildEnvironment) -> None:
    """Spell every post's dates after reading, and keep them with the environment.

    Babel parses its locale on every call (about 50 microseconds a date, more
    in a big build's heap): a rebuild after one post's edit re-renders that
    post's tag pages, hundreds of post cards, and spent 0.1 s of 2.4 s on dates
    it had spelled in the build before (py-spy). Now it spells only new ones.
    """
    domain = blog_domain(env)
    texts = {date: human_date(app, date) for post in domain.posts.values()
             for date in (post.date, *(update.date for update in post.updates))}
    domain.data[DATES_KEY] = {"spelling": date_spelling(app), "texts": texts}



class PageContext:
    """URL and text helpers for one page that shows blog content."""

    def __init__(self, app: Sphinx, docname: str) -> None:
        self.app = app
        self.docname = docname
        from .domain import blog_domain

        self.posts = blog_domain(app.env).posts

    def url(self, target: str, anchor: str = "") -> str:
        uri = relative_uri(self.app.env, self.docname, target)
        return uri + (f"#{anchor}" if anchor else "")

    def title_of(self, docname: str) -> str | None:
        if docname in self.posts:
            return self.posts[docname].title
        title = self.app.env.titles.get(docname)
        return title.astext() if title is not None else None

    def note(self, note: str, source_docname: str) -> Markup:
        segments = parse_note(note)

        def href(target: str) -> str | None:
            docname = normalise_doc_target(target, source_docname)
            return self.url(docname) if docname in self.app.env.all_docs else None

        def title(target: str) -> str | None:
            return self.title_of(normalise_doc_target(target, source_docname))

        return Markup(note_html(segments, href, title))

    def tag_url(self, tag: str) -> str:
        from .tagpages import tag_pagename

        return self.url(tag_pagename(tag))


def authors_text(authors: tuple[str, ...] | list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``: a byline."""
    names = list(authors)
    return " and ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " and " + names[-1]


def render_template(app: Sphinx, name: str, docname: str, **context: Any) -> str:
    page = PageContext(app, docname)
    blog = blog_config(app)
    template = template_environment(app).get_template(name)
    return template.render(page=page, blog=blog, human_date=lambda date: human_date(app, date),
                           post_citation=post_citation, post_bibtex=post_bibtex,
                           post_url=lambda post: absolute_url(app, post.docname),
                           reading_minutes=lambda post: max(1, round(post.words / blog.words_per_minute)),
                           title=title_markup, authors_text=authors_text,
                           **context)


def setup_render(app: Sphinx) -> None:
    app.add_message_catalog(CATALOG, str(LOCALE))
    app.connect("env-updated", keep_post_dates)


def absolute_url(app: Sphinx, docname: str) -> str:
    return blog_config(app).url + app.builder.get_target_uri(docname)
