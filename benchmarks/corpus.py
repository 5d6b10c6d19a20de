"""A deterministic generated blog corpus, in two variants written side by side.

``write_corpus(root, posts=N, entries=M, seed=S)`` writes::

    root/biblog/   conf.py (extensions=["biblog"]), index.md, references.md,
                   references.bib, posts/YYYY-MM-DD-slug.md
    root/floor/    conf.py (extensions=["myst_parser"]), index.md, posts/...

The posts are the same in both; in ``floor`` every citation role is replaced by
the text it renders as ("(Wei et al. 2022)", "Wei et al. (2022)"), so the
difference between the two builds is the cost of citations and of biblog.
Everything is drawn from one seeded ``random.Random``: the same arguments give
byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from string import ascii_lowercase

WORDS = ["model", "models", "training", "data", "learning", "network", "networks", "gradient", "loss", "attention", "layer", "layers", "token", "tokens", "sequence", "sequences", "representation", "representations", "objective", "optimization", "inference", "sampling", "prior", "posterior", "distribution", "distributions", "estimate", "estimator", "variance", "bias", "scale", "scaling", "parameter", "parameters", "weight", "weights", "signal", "noise", "kernel", "feature", "features", "embedding", "embeddings", "memory", "compute", "budget", "context", "reasoning", "search", "policy", "reward", "value", "agent", "environment", "transition", "state", "states", "action", "actions", "batch", "step", "steps", "schedule", "rate", "curve", "regime", "limit", "bound", "bounds", "proof", "argument", "result", "results", "experiment", "experiments", "baseline", "baselines", "benchmark", "benchmarks", "metric", "metrics", "error", "errors", "accuracy", "robust", "simple", "small", "large", "deep", "shallow", "sparse", "dense", "linear", "nonlinear", "stable", "unstable", "early", "late", "fast", "slow", "careful", "naive", "strong", "weak", "better", "worse", "clear", "noisy", "implicit", "explicit", "local", "global", "uniform", "random", "fixed", "adaptive", "we", "they", "it", "this", "that", "these", "those", "which", "when", "while", "because", "although", "however", "therefore", "thus", "hence", "also", "often", "rarely", "usually", "sometimes", "always", "never", "mostly", "partly", "here", "there", "now", "then", "first", "second", "third", "next", "the", "a", "an", "of", "in", "on", "for", "with", "without", "between", "across", "under", "over", "into", "onto", "from", "to", "by", "as", "at", "about", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "does", "do", "did", "can", "could", "may", "might", "should", "would", "must", "will", "shows", "suggests", "implies", "predicts", "explains", "matches", "improves", "reduces", "increases", "changes", "holds", "fails", "works"]  # noqa: E501

FIRST_NAMES = ["Alex", "Ada", "Alan", "Amir", "Ana", "Anna", "Ben", "Bo", "Carla", "Chen", "Chloe", "Dan", "Dario", "Elena", "Emma", "Eric", "Fei", "Felix", "Gao", "Hana", "Hugo", "Ian", "Ilya", "Jan", "Jason", "Jia", "Jing", "Jonas", "Julia", "Kai", "Karen", "Lars", "Lea", "Li", "Lin", "Lucas", "Maria", "Mark", "Mei", "Ming", "Nadia", "Nina", "Noam", "Oliver", "Omar", "Paul", "Pedro", "Qi", "Rafael", "Rosa", "Ruth", "Sam", "Sara", "Sofia", "Tim", "Tom", "Uma", "Victor", "Wei", "Xin", "Yan", "Yoshua", "Yu", "Zoe"]  # noqa: E501

# (BibTeX spelling, Unicode spelling); a few carry LaTeX accents.
SURNAMES = [(s, s) for s in ["Adams", "Bai", "Baker", "Brown", "Chen", "Clark", "Cohen", "Davis", "Deng", "Evans", "Fischer", "Foster", "Gao", "Garcia", "Graves", "Gupta", "Hall", "He", "Hill", "Ho", "Hu", "Huang", "Jain", "Jiang", "Johnson", "Jones", "Kim", "King", "Kumar", "Lee", "Lewis", "Li", "Liang", "Lin", "Liu", "Lopez", "Ma", "Martin", "Miller", "Moore", "Nguyen", "Park", "Patel", "Peng", "Qian", "Reed", "Rossi", "Roy", "Sato", "Scott", "Shah", "Shi", "Singh", "Smith", "Song", "Sun", "Tan", "Tang", "Taylor", "Turner", "Wang", "Ward", "Wei", "White", "Wilson", "Wong", "Wu", "Xu", "Yang", "Ye", "Young", "Zhang", "Zhao", "Zhou", "Zhu"]] + [  # noqa: E501
    ('M{\\"u}ller', "Müller"), ('Sch{\\"o}lkopf', "Schölkopf"), ("Garc{\\'\\i}a", "García"),
    ("Bront{\\\"e}", "Brontë"), ("Ca{\\c{c}}ar", "Caçar"), ("Dvo{\\v{r}}{\\'a}k", "Dvořák"),
    ("Gonz{\\'a}lez", "González"), ("Jos{\\'e}", "José"), ("L{\\'o}pez", "López"), ("{\\O}stergaard", "Østergaard"),
    ("Bj{\\\"o}rk", "Björk"), ("Ng{\\^o}", "Ngô"),
]

VENUES = ["NeurIPS", "ICML", "ICLR", "ACL", "EMNLP", "CVPR", "AAAI", "COLT", "UAI", "AISTATS"]
JOURNALS = ["Journal of Machine Learning Research", "Transactions on Machine Learning Research",
            "Nature", "Neural Computation", "Artificial Intelligence"]


@dataclass
class BibEntry:
    key: str
    kind: str
    authors: list[tuple[str, str, str]]  #: (first, surname as BibTeX, surname as Unicode)
    and_others: bool
    title: str
    year: int
    venue: str
    eprint: str
    label: str = ""  #: "Wei et al.", the names part of the author-year label
    suffix: str = ""  #: "a", "b", ... when labels collide

    @property
    def names(self) -> str:
        surnames = [a[2] for a in self.authors]
        if len(surnames) >= 3 or self.and_others:
            return f"{surnames[0]} et al."
        if len(surnames) == 2:
            return f"{surnames[0]} and {surnames[1]}"
        return surnames[0]

    def parenthetical_part(self) -> str:
        return f"{self.names} {self.year}{self.suffix}"

    def textual(self) -> str:
        return f"{self.names} ({self.year}{self.suffix})"

    def bibtex(self) -> str:
        names = " and ".join(f"{first} {surname}" for first, surname, _ in self.authors)
        if self.and_others:
            names += " and others"
        lines = [f"@{self.kind}{{{self.key},", f"  author = {{{names}}},", f"  title = {{{self.title}}},",
                 f"  year = {{{self.year}}},"]
        if self.kind == "article":
            lines.append(f"  journal = {{{self.venue}}},")
        elif self.kind == "inproceedings":
            lines.append(f"  booktitle = {{{self.venue}}},")
        if self.eprint:
            lines += [f"  eprint = {{{self.eprint}}},", "  archiveprefix = {arXiv},"]
        lines.append("}")
        return "\n".join(lines) + "\n"


@dataclass
class Corpus:
    entries: list[BibEntry]
    #: per post: (relative path without .md, biblog text, floor text)
    posts: list[tuple[str, str, str]] = field(default_factory=list)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def sentence(rng: random.Random, low: int = 8, high: int = 20) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return words[0].capitalize() + " " + " ".join(words[1:])


def make_entries(rng: random.Random, count: int) -> list[BibEntry]:
    entries: list[BibEntry] = []
    keys: set[str] = set()
    for index in range(count):
        n_authors = rng.choices([1, 2, 3, 4, 5, 6], weights=[20, 25, 20, 15, 10, 10])[0]
        authors = []
        for _ in range(n_authors):
            latex, uni = rng.choice(SURNAMES)
            authors.append((rng.choice(FIRST_NAMES), latex, uni))
        and_others = n_authors >= 3 and rng.random() < 0.2
        year = rng.randint(1995, 2025)
        title_words = [rng.choice(WORDS) for _ in range(rng.randint(4, 11))]
        title = " ".join(w.capitalize() if i == 0 or rng.random() < 0.3 else w for i, w in enumerate(title_words))
        if rng.random() < 0.1:
            title = "{" + rng.choice(["BERT", "GPT", "ResNet", "LSTM", "PAC"]) + "}: " + title
        kind = rng.choices(["article", "inproceedings", "misc"], weights=[30, 50, 20])[0]
        venue = rng.choice(JOURNALS) if kind == "article" else rng.choice(VENUES) if kind == "inproceedings" else ""
        eprint = ""
        if kind == "misc" or (year >= 2008 and rng.random() < 0.5):
            eprint = f"{year % 100:02d}{rng.randint(1, 12):02d}.{rng.randint(0, 99999):05d}"
        base = fold(authors[0][2]).replace(" ", "")
        base = "".join(c for c in base if c.isalpha()) + str(year) + "".join(c for c in title_words[0] if c.isalpha())
        key, n = base, 0
        while key in keys:
            key, n = base + ascii_lowercase[n % 26] + str(n // 26 or ""), n + 1
        keys.add(key)
        entries.append(BibEntry(key, kind, authors, and_others, title, year, venue, eprint))
        del index
    # Author-year letters, as biblog assigns them (title order within a collision group).
    groups: dict[tuple[str, int], list[BibEntry]] = defaultdict(list)
    for entry in entries:
        groups[(fold(entry.names), entry.year)].append(entry)
    for group in groups.values():
        if len(group) > 1:
            for i, entry in enumerate(sorted(group, key=lambda e: (fold(e.title.replace("{", "").replace("}", "")),
                                                                     e.key))):
                entry.suffix = ascii_lowercase[i] if i < 26 else ascii_lowercase[i // 26 - 1] + ascii_lowercase[i % 26]
    return entries


def natural_ok(entry: BibEntry) -> bool:
    """Natural-text targets are used only where they are unique and plain ASCII."""
    return not entry.suffix and entry.names.isascii()


class PostWriter:
    """Writes one post twice: with citation roles (biblog) and as plain text (floor)."""

    def __init__(self, rng: random.Random, entries: list[BibEntry]) -> None:
        self.rng = rng
        self.entries = entries
        self.natural = [e for e in entries if natural_ok(e)]
        self.biblog: list[str] = []
        self.floor: list[str] = []
        self.words = 0

    def both(self, text: str) -> None:
        self.biblog.append(text)
        self.floor.append(text)

    def citation(self) -> tuple[str, str]:
        rng = self.rng
        roll = rng.random()
        if roll < 0.2 and self.natural:
            entry = rng.choice(self.natural)
            target = f"{entry.names} {entry.year}"
            if rng.random() < 0.5:
                return f"{{cite:t}}`{target}`", entry.textual()
            return f"{{cite:p}}`{target}`", f"({entry.parenthetical_part()})"
        if roll < 0.45:
            entry = rng.choice(self.entries)
            return f"{{cite:t}}`{entry.key}`", entry.textual()
        chosen = rng.sample(self.entries, rng.choices([1, 2, 3], weights=[60, 30, 10])[0])
        return (f"{{cite:p}}`{', '.join(e.key for e in chosen)}`",
                "(" + "; ".join(e.parenthetical_part() for e in chosen) + ")")

    def paragraph(self, citations: int) -> None:
        rng = self.rng
        parts_b: list[str] = []
        parts_f: list[str] = []
        n_sentences = rng.randint(4, 8)
        cite_at = set(rng.sample(range(n_sentences), min(citations, n_sentences)))
        for i in range(n_sentences):
            text = sentence(rng)
            self.words += text.count(" ") + 1
            if rng.random() < 0.15:
                math = rng.choice([r"$x_i^2 + \alpha$", r"$\mathbb{E}[L(\theta)]$", r"$O(n \log n)$",
                                   r"$\sum_{t=1}^{T} r_t$", r"$\nabla_\theta f$"])
                text += f" with {math}"
            if i in cite_at:
                role, plain = self.citation()
                if plain[0] == "(":
                    parts_b.append(f"{text} {role}.")
                    parts_f.append(f"{text} {plain}.")
                else:
                    parts_b.append(f"As {role} {text[0].lower() + text[1:]}.")
                    parts_f.append(f"As {plain} {text[0].lower() + text[1:]}.")
            else:
                parts_b.append(text + ".")
                parts_f.append(text + ".")
        self.biblog.append(" ".join(parts_b) + "\n")
        self.floor.append(" ".join(parts_f) + "\n")

    def write(self, title: str, date: dt.date, tags: list[str]) -> tuple[str, str]:
        rng = self.rng
        self.both(f"---\ntitle: {title}\ndate: {date.isoformat()}\ntags: [{', '.join(tags)}]\n---\n")
        target_words = rng.randint(2500, 4000)
        citations_left = rng.randint(22, 28)
        sections = rng.randint(5, 8)
        words_per_section = target_words // sections
        extras = {"code": rng.randrange(sections), "table": rng.randrange(sections),
                  "display": rng.randrange(sections)}
        for s in range(sections):
            section_start = self.words
            if s:
                self.both(f"## {sentence(rng, 2, 5)}\n")
            paragraphs = max(1, round(words_per_section / 90))
            for p in range(paragraphs):
                remaining = (sections - s) * paragraphs - p
                cites = citations_left // remaining + (1 if rng.random() < (citations_left % remaining) / remaining
                                                       else 0)
                cites = min(cites, citations_left)
                citations_left -= cites
                self.paragraph(cites)
                if self.words - section_start >= words_per_section:
                    break
            if extras["code"] == s:
                self.both("```python\ndef step(params, grads, lr=1e-3):\n"
                          "    return {k: params[k] - lr * grads[k] for k in params}\n```\n")
            if extras["display"] == s:
                self.both("$$\n\\mathcal{L}(\\theta) = \\frac{1}{N} \\sum_{i=1}^{N} "
                          "\\log p_\\theta(y_i \\mid x_i)\n$$\n")
            if extras["table"] == s:
                rows = ["| method | accuracy | cost |", "|---|---|---|"]
                rows += [f"| {rng.choice(WORDS)} | {rng.uniform(50, 99):.1f} | {rng.randint(1, 900)} |"
                         for _ in range(rng.randint(3, 6))]
                self.both("\n".join(rows) + "\n")
        if citations_left:
            self.paragraph(citations_left)
        return "\n".join(self.biblog), "\n".join(self.floor)


BIBLOG_CONF = '''extensions = ["biblog"]
project = "Benchmark blog"
blog_title = "Benchmark blog"
blog_url = "https://bench.example.org/"
blog_authors = ["Bench Author"]
bibtex_bibfiles = ["references.bib"]
html_theme = "furo"
exclude_patterns = ["_build"]
'''

FLOOR_CONF = '''extensions = ["myst_parser"]
project = "Benchmark blog"
html_theme = "furo"
exclude_patterns = ["_build"]
# The MyST syntax biblog turns on, so both variants parse the same posts alike.
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist", "attrs_inline"]
myst_title_to_header = True
'''

BIBLOG_INDEX = "# Benchmark blog\n\n```{blog-latest}\n```\n\n```{toctree}\n:hidden:\n\nreferences\n```\n"
BIBLOG_REFERENCES = "# References\n\n```{blog-references}\n```\n"
FLOOR_INDEX = "# Benchmark blog\n\n```{toctree}\n:glob:\n:maxdepth: 1\n\nposts/*\n```\n"


def floor_index_without_navigation(corpus: Corpus) -> str:
    """The floor's home page when posts stay out of the navigation: a plain list of links, newest first.

    biblog keeps posts out of every toctree (they are reached from listings); furo draws the
    whole navigation on every page, so a floor with 1,000 posts in its toctree would measure
    the theme, not citations.
    """
    links = [f"- [{title_of(text)}]({name}.md)" for name, _biblog, text in reversed(corpus.posts)]
    return "# Benchmark blog\n\n" + "\n".join(links) + "\n"


def title_of(post: str) -> str:
    return post.split("\ntitle: ", 1)[1].split("\n", 1)[0]


def orphan(post: str) -> str:
    """A post marked ``orphan`` in its front matter, so Sphinx expects it outside every toctree."""
    return post.replace("---\n", "---\norphan: true\n", 1)


def generate(posts: int, entries: int, seed: int = 1) -> Corpus:
    rng = random.Random(seed)
    corpus = Corpus(make_entries(rng, entries))
    start = dt.date(2021, 1, 4)
    used: set[str] = set()
    for i in range(posts):
        date = start + dt.timedelta(days=7 * i + rng.randint(0, 3))
        title_words = [rng.choice(WORDS) for _ in range(rng.randint(3, 6))]
        slug = "-".join(title_words[:4])
        while f"{date}-{slug}" in used:
            slug += "-x"
        used.add(f"{date}-{slug}")
        title = " ".join(title_words).capitalize()
        tags = sorted(set(rng.sample(["theory", "scaling", "rl", "nlp", "vision", "notes", "optimization"],
                                     rng.randint(1, 3))))
        biblog, floor = PostWriter(rng, corpus.entries).write(title, date, tags)
        corpus.posts.append((f"posts/{date.isoformat()}-{slug}", biblog, floor))
    return corpus


def _write(path: Path, text: str) -> None:
    """Write only when the content differs, so regenerating keeps mtimes (and incremental builds)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def write_corpus(root: Path, posts: int, entries: int, seed: int = 1, navigation: bool = True) -> Corpus:
    """Generate and write both variants under ``root``; returns the corpus.

    With ``navigation=False`` the floor keeps its posts out of the site navigation, as biblog
    does: its index links them in a list and each post is an orphan.
    """
    corpus = generate(posts, entries, seed)
    root = Path(root)
    biblog, floor = root / "biblog", root / "floor"
    _write(biblog / "conf.py", BIBLOG_CONF)
    _write(biblog / "index.md", BIBLOG_INDEX)
    _write(biblog / "references.md", BIBLOG_REFERENCES)
    _write(biblog / "references.bib", "\n".join(e.bibtex() for e in corpus.entries))
    _write(floor / "conf.py", FLOOR_CONF)
    _write(floor / "index.md", FLOOR_INDEX if navigation else floor_index_without_navigation(corpus))
    for name, biblog_text, floor_text in corpus.posts:
        _write(biblog / f"{name}.md", biblog_text)
        _write(floor / f"{name}.md", floor_text if navigation else orphan(floor_text))
    return corpus


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--posts", type=int, default=60)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-navigation", action="store_true", help="keep the floor's posts out of its toctree")
    args = parser.parse_args()
    corpus = write_corpus(args.root, args.posts, args.entries, args.seed, navigation=not args.no_navigation)
    print(f"wrote {len(corpus.posts)} posts x {len(corpus.entries)} entries under {args.root}")


if __name__ == "__main__":
    main()
