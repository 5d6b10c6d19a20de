"""Update notes: a small inline MyST subset, parsed once and rendered anywhere.

Notes appear on the post, on the home page and on "What's new", so they are
parsed into picklable segments (no docutils nodes) and rendered as escaped
HTML with links resolved for the page that shows them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

#: kinds: "text", "em", "strong", "code", "doc" (target is a docname)
Segment = tuple[str, str, str]

INLINE = re.compile(
    r"\{doc\}`(?P<doc>[^`]+)`"
    r"|\[(?P<link_text>[^\]]+)\]\((?P<link_target>[^)\s]+)\)"
    r"|\*\*(?P<strong>[^*]+)\*\*"
    r"|\*(?P<em>[^*]+)\*"
    r"|`(?P<code>[^`]+)`"
)
DOC_WITH_TEXT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^>]+)>$", re.DOTALL)


def parse_note(note: str) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    position = 0
    for match in INLINE.finditer(note):
        if match.start() > position:
            segments.append(("text", note[position : match.start()], ""))
        segments.append(segment_of(match))
        position = match.end()
    if position < len(note):
        segments.append(("text", note[position:], ""))
    return tuple(segments)


def segment_of(match: re.Match[str]) -> Segment:
    if match.group("doc"):
        with_text = DOC_WITH_TEXT.match(match.group("doc"))
        if with_text:
            return ("doc", with_text.group("text"), with_text.group("target"))
        return ("doc", "", match.group("doc"))
    if match.group("link_text"):
        target = match.group("link_target")
        if re.match(r"^https?://", target):
            return ("url", match.group("link_text"), target)
        return ("doc", match.group("link_text"), target)
    for kind in ("strong", "em", "code"):
        if match.group(kind):
            return (kind, match.group(kind), "")
    return ("text", match.group(0), "")


def doc_targets(segments: tuple[Segment, ...]) -> list[str]:
    return [target for kind, _, target in segments if kind == "doc"]


def normalise_doc_target(target: str, from_docname: str) -> str:
    """``/posts/x``, ``x.md`` or ``../posts/x.md`` seen from ``posts/y`` -> ``posts/x``."""
    target = re.sub(r"\.md$", "", target.split("#")[0])
    if target.startswith("/"):
        return target.lstrip("/")
    base = from_docname.rsplit("/", 1)[0].split("/") if "/" in from_docname else []
    for part in target.split("/"):
        if part == "..":
            base = base[:-1]
        elif part not in ("", "."):
            base.append(part)
    return "/".join(base)


def plain_note(segments: tuple[Segment, ...], title_of: Callable[[str], str | None]) -> str:
    return "".join(text or (title_of(target) or target) if kind == "doc" else text
                   for kind, text, target in segments)


def note_html(segments: tuple[Segment, ...], href_of: Callable[[str], str | None],
              title_of: Callable[[str], str | None]) -> str:
    """Escaped HTML; a doc link whose target is unknown stays plain text."""
    html = []
    for kind, text, target in segments:
        if kind == "doc":
            href = href_of(target)
            label = escape(text or title_of(target) or target)
            html.append(f'<a class="reference internal" href="{escape(href)}">{label}</a>' if href else label)
        elif kind == "url":
            html.append(f'<a class="reference external" href="{escape(target)}">{escape(text)}</a>')
        elif kind in ("em", "strong", "code"):
            tag = {"em": "em", "strong": "strong", "code": "code"}[kind]
            html.append(f"<{tag}>{escape(text)}</{tag}>")
        else:
            html.append(escape(text))
    return "".join(html)
