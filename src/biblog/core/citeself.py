"""Pure: how to cite a post of this blog, as one line and as a BibTeX entry."""

from __future__ import annotations

import re

from .model import Post


def authors_text(post: Post) -> str:
    names = list(post.authors)
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def post_citation(post: Post, site_title: str, url: str) -> str:
    """``Ada Author. (May 2025). "A Post". Blog title. https://...``"""
    who = authors_text(post) or site_title
    return f'{who}. ({post.date:%b} {post.date.year}). "{post.title}". {site_title}. {url}'


def bibtex_escape(text: str) -> str:
    text = re.sub(r"([&%$#_])", r"\\\1", text)
    # BibTeX counts braces even after a backslash: "\{" keeps a field balanced
    # only when the braces of the text are balanced themselves.
    if braces_balanced(text):
        text = re.sub(r"([{}])", r"\\\1", text)
    else:
        words = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
        text = re.sub(r"[{}]", lambda m: words[m.group()], text)
    return text.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")


def braces_balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def post_key(post: Post) -> str:
    surname = re.sub(r"[^a-z]", "", (post.authors[0].split()[-1] if post.authors else "blog").lower())
    first_word = next((w for w in re.findall(r"[a-z0-9]+", post.title.lower()) if len(w) > 3), "post")
    return f"{surname}{post.date.year}{first_word}"


def post_bibtex(post: Post, site_title: str, url: str) -> str:
    fields = [
        ("title", post.title),
        ("author", " and ".join(post.authors) or site_title),
        ("journal", site_title),
        ("year", str(post.date.year)),
        ("month", f"{post.date:%b}".lower()),
        ("url", url),
    ]
    lines = [f"@article{{{post_key(post)},"]
    for name, value in fields:
        if name == "month":
            lines.append(f"  {name} = {value},")
        elif name == "url":
            lines.append(f"  {name} = {{{value}}},")
        else:
            lines.append(f"  {name} = {{{bibtex_escape(value)}}},")
    lines.append("}")
    return "\n".join(lines)
