"""Turn structured reference records (the seed facts file) into BibTeX.

The facts file was scraped from a blog's reference lists, so its records are
uneven: author strings such as ``"Wang Ling, et al"`` or ``"Herel & Mikolov"``,
venues that are really dates (``"Sep 12"``) or arXiv ids (``"arXiv:.10509"``),
missing years. This module cleans what can be cleaned from the record itself
and leaves a field out where the fact is missing; it never makes data up.
The few records that cannot be cleaned mechanically are corrected in
``RECORD_FIXES``, keyed by URL, each fix taken from the record's own text.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STOPWORDS = frozenset(
    ["a", "an", "the", "on", "of", "for", "in", "to", "with", "and", "from", "towards", "toward", "is", "are", "how", "what", "why", "we", "do", "does", "can", "via", "by", "at", "as", "be", "using", "not", "into", "your", "you", "our", "when", "all", "need", "it", "its", "or", "vs"]  # noqa: E501
)

#: Venue strings in the facts that are dates, tags or arXiv ids, not venues.
JUNK_VENUE = re.compile(
    r"^(\W*|arxiv|(jan|feb|mar|apr|may|jun|july?|aug|sep|oct|nov|dec)\w*( \d+)?|arxiv\W.*|"
    r"arxiv preprint\W.*|accepted by \w+|pmlr|corr|by .*)$",
    re.IGNORECASE,
)
ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5})")
ARXIV_NEW_STYLE_SINCE = 2007
ORGANISATIONS = {"openai", "google", "deepmind", "anthropic", "meta"}

#: Corrections for records whose fields are garbled beyond mechanical repair,
#: keyed by URL. Every value is read off the same record's other fields.
RECORD_FIXES: dict[str, dict[str, Any]] = {
    "https://arxiv.org/abs/2002.08973": {
        "authors": "Raphael Gontijo-Lopes, et al",
        "title": "Affinity and Diversity: Quantifying Mechanisms of Data Augmentation",
        "venue": None,
        "year": 2020,
    },
    "https://openai.com/index/learning-to-reason-with-llms/": {"authors": "OpenAI", "venue": None},
    "https://openai.com/index/introducing-o3-and-o4-mini/": {"authors": "OpenAI", "venue": None},
    "https://en.wikipedia.org/wiki/Occam%27s_razor": {"authors": None, "venue": "Wikipedia"},
    "https://www.youtube.com/watch?v=raT2ECrvbag": {"authors": "Arthur Jacot", "venue": "YouTube"},
    "https://www.youtube.com/watch?v=DObobAnELkU": {"authors": "Soheil Feizi", "venue": "YouTube"},
    "https://ai.googleblog.com/2020/07/announcing-scann-efficient-vector.html": {
        "authors": None,
        "venue": "Google AI Blog",
    },
    "https://weaviate.io/blog/why-is-vector-search-so-fast": {
        "authors": None,
        "venue": "Weaviate Blog",
    },
    "https://openai.com/blog/reinforcement-learning-with-prediction-based-rewards/": {
        "authors": None,
        "venue": "OpenAI Blog",
    },
    "https://github.com/Significant-Gravitas/Auto-GPT": {"authors": None, "title": "AutoGPT"},
    "https://github.com/AntonOsika/gpt-engineer": {"authors": None, "title": "GPT-Engineer"},
    "https://ipvs.informatik.uni-stuttgart.de/mlr/marc/teaching/13-Optimization/06-blackBoxOpt.pdf": {
        "title": "Introduction to Optimization",
        "venue": "Lecture slides",
    },
}
#: Corrections of facts that are wrong at the source, keyed by URL, each checked
#: against the paper's arXiv record (title page and author list) before use.
VERIFIED_CORRECTIONS: dict[str, dict[str, Any]] = {
    # The facts pair this arXiv id with the title of Ganguli et al. (2209.07858).
    "https://arxiv.org/abs/2202.03286": {
        "authors": "Ethan Perez, et al",
        "title": "Red Teaming Language Models with Language Models",
        "venue": "EMNLP",
    },
    "https://arxiv.org/abs/2009.06367": {"authors": "Ben Krause, et al"},
    # The facts give the URL as the title.
    "https://arxiv.org/abs/2006.05525": {"authors": "Jianping Gou, et al", "title": "Knowledge Distillation: A Survey"},
    "https://arxiv.org/abs/2310.13548": {"authors": "Mrinank Sharma, et al"},
    "https://arxiv.org/abs/2305.10601": {
        "title": "Tree of Thoughts: Deliberate Problem Solving with Large Language Models",
    },
    "https://arxiv.org/abs/2006.16823": {
        "title": "Technical Report: Auxiliary Tuning and its Application to Conditional Text Generation",
    },
}
BOOK_VENUE = re.compile(r"^(?P<author>[^.]+)\. (?P<title>.+)\. (?P<publisher>[^.]+)$")


@dataclass
class Work:
    """One distinct work, merged from every post that cites it."""

    key: str
    entry_type: str
    fields: dict[str, str]
    persons: list[str]
    cited_by: list[str] = field(default_factory=list)


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def clean_text(text: str) -> str:
    text = text.replace("\u201c", "").replace("\u201d", "").replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip(" .,;:()[]")


def split_authors(raw: str | None) -> tuple[list[str], bool]:
    """``"Yuri Burda, Harri Edwards & Deepak Pathak, et al"`` -> names, and-others."""
    if not raw:
        return [], False
    text = re.sub(r"\s+\d{4}$", "", clean_text(raw))
    text = re.sub(r"(?<=[a-z])et al\b", " et al", text)  # "Ebrahimiet al"
    others = bool(re.search(r"\bet al\b", text))
    text = re.sub(r",?\s*\bet al\b\.?", "", text)
    names = [clean_text(n) for n in re.split(r",|&|\band\b", text)]
    return [n for n in names if n], others


def bibtex_name(name: str) -> str:
    """Protect organisation names so BibTeX does not split them."""
    if name.lower() in ORGANISATIONS or (" " not in name and name.isupper()):
        return "{" + name + "}"
    return name


def clean_venue(venue: str | None) -> str | None:
    if not venue:
        return None
    venue = clean_text(venue.replace("NeuriPS", "NeurIPS").replace("ICRL", "ICLR"))
    venue = re.sub(r"^on ", "", venue)
    venue = re.sub(r",?\s*(Mar|Nov|Sep|Oct)$", "", venue)
    if venue.endswith("Blog") or venue == "Wikipedia":
        return venue
    return None if JUNK_VENUE.match(venue) else venue


def normalise_record(record: Mapping[str, Any]) -> dict[str, Any]:
    rec = dict(record)
    url = (rec.get("url") or "").rstrip("]")
    rec["url"] = "https://" + url if url.startswith("www.") else url or None
    rec.update(RECORD_FIXES.get(rec["url"] or "", {}))
    rec.update(VERIFIED_CORRECTIONS.get(rec["url"] or "", {}))
    book = BOOK_VENUE.match(rec.get("venue") or "") if not rec.get("title") else None
    if book:
        rec.update(authors=book["author"], title=book["title"], publisher=book["publisher"])
        rec["venue"] = None
    if (rec.get("authors") or "").endswith("Blog"):
        rec["venue"], rec["authors"] = rec["authors"], None
    if rec.get("arxiv") and rec.get("kind") == "web":
        rec["kind"] = "paper"
    new_style = re.match(r"^\d{4}\.\d{4,5}", rec.get("arxiv") or "")
    slipped = new_style and str(rec.get("year")) == rec["arxiv"][:4]
    if new_style and (not rec.get("year") or rec["year"] < ARXIV_NEW_STYLE_SINCE or slipped):
        # An arXiv identifier starts with the submission's year and month, and
        # identifiers of this form exist only since 2007: a missing or earlier
        # year in the facts, or one that repeats the id's first digits, is a
        # scraping slip ("2009" read off "2009.06367").
        rec["year"] = 2000 + int(rec["arxiv"][:2])
    return rec


def identity(rec: Mapping[str, Any]) -> str:
    """Papers are the same work by arXiv id or title; web pages only by URL."""
    if rec.get("arxiv"):
        return "arxiv:" + rec["arxiv"]
    if rec.get("title") and not (rec.get("kind") == "web" and rec.get("url")):
        return "title:" + re.sub(r"\W+", "", ascii_fold(rec["title"]).lower())
    return "url:" + (rec.get("url") or "")


def content_words(title: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", ascii_fold(title).lower())
    return [w for w in words if w not in STOPWORDS] or words


def site_name(url: str | None) -> str:
    """``https://rajatvd.github.io/NTK/`` -> ``rajatvd``; ``https://www.lesswrong.com/x`` -> ``lesswrong``."""
    labels = re.sub(r"^\w+://", "", url or "web").split("/")[0].split(".")
    if len(labels) < 2:
        return labels[0]
    if labels[-2] in {"github", "blogspot", "wordpress"}:
        return labels[0]
    # "pespmc1.vub.ac.be": skip second-level labels such as "ac" or "co".
    return labels[-3] if len(labels[-2]) <= 3 and len(labels) > 2 else labels[-2]


def host(url: str | None) -> str:
    return re.sub(r"^www\.", "", re.sub(r"^\w+://", "", url or "").split("/")[0])


def key_stem(rec: Mapping[str, Any], names: list[str]) -> str:
    surname = names[0].split()[-1] if names else site_name(rec.get("url"))
    return re.sub(r"[^a-z]", "", ascii_fold(surname).lower()) + str(rec.get("year") or "")


def unique_key(stem: str, words: list[str], taken: set[str]) -> str:
    if not words and stem not in taken:
        return stem
    for n in range(1, len(words) + 1):
        candidate = stem + "".join(words[:n])
        if candidate not in taken:
            return candidate
    suffix = 2
    while f"{stem}{suffix}" in taken:
        suffix += 1
    return f"{stem}{suffix}"


def entry_type_and_fields(rec: Mapping[str, Any], venue: str | None) -> tuple[str, dict[str, str]]:
    fields: dict[str, str] = {}
    if rec.get("title"):
        fields["title"] = clean_text(rec["title"])
    if rec.get("year"):
        fields["year"] = str(rec["year"])
    if rec.get("publisher"):
        fields["publisher"] = rec["publisher"]
        entry_type = "book"
    elif rec.get("kind") == "web" or (not venue and not rec.get("arxiv")) or (venue or "").endswith("Blog"):
        entry_type = "misc"
        fields["howpublished"] = venue or host(rec.get("url")) or "Web page"
    elif not venue:
        entry_type, fields["journal"] = "article", "arXiv preprint"
    elif re.search(r"journal|transactions|tnnls|tpami|jmlr|nature|magazine|surveys|tacl|tcsvt|plos|evolutionary computation|j\. mach", venue, re.I):  # noqa: E501
        entry_type, fields["journal"] = "article", venue
    else:
        entry_type, fields["booktitle"] = "inproceedings", venue
    if rec.get("arxiv"):
        fields.update(eprint=rec["arxiv"], archiveprefix="arXiv")
    if rec.get("doi"):
        fields["doi"] = rec["doi"]
    if rec.get("url"):
        fields["url"] = rec["url"]
    return entry_type, fields


def collect_works(posts: Iterable[Mapping[str, Any]]) -> list[Work]:
    """One ``Work`` per distinct reference, in order of first appearance."""
    by_identity: dict[str, Work] = {}
    taken: set[str] = set()
    for post in posts:
        for raw in post["references"]:
            rec = normalise_record(raw)
            ident = identity(rec)
            if ident not in by_identity:
                names, others = split_authors(rec.get("authors"))
                entry_type, fields = entry_type_and_fields(rec, clean_venue(rec.get("venue")))
                stem = key_stem(rec, names)
                key = unique_key(stem, content_words(fields.get("title", "")), taken)
                taken.add(key)
                persons = [bibtex_name(n) for n in names] + (["others"] if others else [])
                by_identity[ident] = Work(key, entry_type, fields, persons)
            work = by_identity[ident]
            if post["slug"] not in work.cited_by:
                work.cited_by.append(post["slug"])
    return list(by_identity.values())


def bibtex_value(value: str) -> str:
    return "{" + value.replace("{", "").replace("}", "").replace("%", r"\%").replace("&", r"\&") + "}"


def format_work(work: Work) -> str:
    lines = [f"@{work.entry_type}{{{work.key},"]
    if work.persons:
        lines.append(f"  author = {{{' and '.join(work.persons)}}},")
    for name, value in work.fields.items():
        rendered = "{" + value + "}" if name == "url" else bibtex_value(value)
        lines.append(f"  {name} = {rendered},")
    lines.append("}")
    return "\n".join(lines)


def works_to_bibtex(works: Iterable[Work]) -> str:
    header = (
        "% The blog's shared bibliography, generated by `python -m tools.seed_import` from the\n"
        "% structured reference facts, then reviewed. Edit entries here; re-run the\n"
        "% import only to start over.\n"
    )
    return header + "\n\n".join(format_work(w) for w in works) + "\n"


def load_posts(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return list(data["posts"] if isinstance(data, dict) else data)


def main(argv: list[str] | None = None) -> int:
    """``python -m tools.seed_import FACTS [-o references.bib]``: the flagship's one-off import."""
    import argparse
    import os
    import tempfile

    parser = argparse.ArgumentParser(prog="python -m tools.seed_import",
                                     description="write BibTeX from the structured reference facts")
    parser.add_argument("facts", type=Path)
    parser.add_argument("-o", "--output", type=Path, default=Path("references.bib"))
    args = parser.parse_args(argv)
    works = collect_works(load_posts(args.facts))
    # Written beside the target and renamed, so an interrupted run never leaves half a file.
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=args.output.parent or Path(),
                                     delete=False, suffix=".tmp") as handle:
        handle.write(works_to_bibtex(works))
    os.replace(handle.name, args.output)
    print(f"wrote {len(works)} entries to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
