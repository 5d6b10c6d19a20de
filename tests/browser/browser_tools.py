"""The machinery of the browser tests: the local server, the offline router, and what is measured in a page.

Every page runs with a router in front of it: requests to the local server
pass, ``https://cdn.jsdelivr.net/npm/<package>@<version>/<file>`` is answered
from ``tests/browser/node_modules`` (installed by ``npm ci`` from the lockfile,
see the Makefile), and any other request is aborted and recorded, which fails
the test. Console errors, uncaught page errors and failed responses are
recorded the same way.

The server mounts the site under ``/en/latest/`` as Read the Docs does (the
404 page's links are absolute under that prefix, conf.py's
``notfound_urls_prefix``) and answers every missing path with the content of
the 404 page and status 404.
"""

from __future__ import annotations

import contextlib
import json
import mimetypes
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Locator, Page, Request, Response, Route
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
CDN = "https://cdn.jsdelivr.net/npm/"
PREFIX = "/en/latest/"  # as Read the Docs serves the site
LOCAL_NPM = "/__npm__/"  # the CDN files on the local server, for workers
CARD = "#biblog-card-popup"
TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".woff2": "font/woff2", ".woff": "font/woff",
         ".json": "application/json", ".css": "text/css", ".html": "text/html", ".xml": "application/xml",
         ".svg": "image/svg+xml", ".png": "image/png", ".txt": "text/plain", ".inv": "application/octet-stream"}


def content_type(path: Path) -> str:
    return TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


# --------------------------------------------------------------------------- server


@dataclass
class Server:
    """The built site on 127.0.0.1, and the npm copies of the CDN files for requests routes cannot see."""

    root: Path
    node_modules: Path
    port: int = 0
    log: list[tuple[str, int]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base(self) -> str:
        """The site's home page URL; every page is ``base + "posts/<slug>/"`` and so on."""
        return self.origin + PREFIX

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")


def installed_version(package_dir: Path) -> str:
    return str(json.loads((package_dir / "package.json").read_text(encoding="utf-8"))["version"])


def cdn_file(url: str, node_modules: Path) -> tuple[Path | None, str]:
    """The local copy of a ``https://cdn.jsdelivr.net/npm/<package>@<version>/<file>`` URL, or None and why not."""
    rest = unquote(urlsplit(url).path).removeprefix("/npm/")
    parts = rest.split("/")
    count = 2 if rest.startswith("@") else 1  # @scope/name
    spec, inner = "/".join(parts[:count]), "/".join(parts[count:])
    name, _, wanted = spec.rpartition("@") if "@" in spec.lstrip("@") else (spec, "", "")
    package = node_modules / name
    if not name or not (package / "package.json").is_file():
        return None, f"{name} is not in tests/browser/package.json"
    have = installed_version(package)
    if wanted and not (have == wanted or have.startswith(wanted + ".")):
        return None, f"the page asks for {name}@{wanted}, tests/browser has {have}"
    target = (package / inner).resolve()
    if not inner or not target.is_relative_to(package.resolve()) or not target.is_file():
        return None, f"{name}@{have} has no file {inner!r}"
    return target, ""


@contextlib.contextmanager
def serving(root: Path, node_modules: Path, name: str) -> Iterator[Server]:
    """``root`` on http://127.0.0.1:<port>/ from a thread, for as long as the block runs."""
    state = Server(root=root, node_modules=node_modules)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def make_handler(server: Server) -> type[BaseHTTPRequestHandler]:
    root = server.root.resolve()
    not_found = root / "404" / "index.html"
    if not not_found.is_file():
        not_found = root / "404.html"

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet; `log` keeps what matters
            pass

        def do_HEAD(self) -> None:
            self.respond(body=False)

        def do_GET(self) -> None:
            self.respond(body=True)

        def respond(self, body: bool) -> None:
            path = unquote(urlsplit(self.path).path)
            if path in ("/", PREFIX.rstrip("/")):
                return self.send(HTTPStatus.FOUND, b"", "text/plain", body, location=PREFIX)
            if path.startswith(LOCAL_NPM):  # the CDN, for workers (see WORKER_SHIM)
                target, why = cdn_file(CDN + path.removeprefix(LOCAL_NPM), server.node_modules)
                if target is None:
                    server.problems.append(f"no local copy of {CDN}{path.removeprefix(LOCAL_NPM)}: {why}")
                    return self.send(HTTPStatus.NOT_FOUND, b"", "text/plain", body)
                return self.send(HTTPStatus.OK, target.read_bytes(), content_type(target), body)
            target = None
            if path.startswith(PREFIX):
                candidate = (root / path.removeprefix(PREFIX)).resolve()
                if candidate.is_relative_to(root):
                    if candidate.is_dir():
                        if not path.endswith("/"):
                            return self.send(HTTPStatus.MOVED_PERMANENTLY, b"", "text/plain", body,
                                             location=path + "/")
                        candidate = candidate / "index.html"
                    if candidate.is_file():
                        target = candidate
            if target is None:  # as Read the Docs does: the 404 page's content, status 404
                return self.send(HTTPStatus.NOT_FOUND, not_found.read_bytes(), "text/html; charset=utf-8", body)
            return self.send(HTTPStatus.OK, target.read_bytes(), content_type(target), body)

        def send(self, status: HTTPStatus, data: bytes, kind: str, body: bool, location: str | None = None) -> None:
            server.log.append((self.path, int(status)))
            if kind.startswith("text/") or kind in ("application/xml", "application/json"):
                kind += "; charset=utf-8"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            if location:
                self.send_header("Location", location)
            self.end_headers()
            if body:
                self.wfile.write(data)

    return Handler


# Chromium does not let Playwright route what a dedicated worker loads with
# importScripts (microsoft/playwright#6403), and MathJax 4 starts its speech
# worker from a blob whose code names the CDN. In the tests only, the CDN
# prefix in strings that become blobs is rewritten to the local server, which
# answers from the same node_modules. Blob keeps its prototype, so
# `instanceof Blob` is unchanged.
WORKER_SHIM = """
(() => {
  const cdn = %(cdn)s, local = %(local)s, NativeBlob = window.Blob;
  function Blob(parts, options) {
    const rewritten = parts && Array.from(parts, part =>
      typeof part === "string" && part.includes(cdn) ? part.split(cdn).join(local) : part);
    return new NativeBlob(rewritten, options);
  }
  Blob.prototype = NativeBlob.prototype;
  window.Blob = Blob;
})();
"""


class Pages:
    """Opens pages in fresh browser contexts and records everything that went wrong on them."""

    def __init__(self, browser: Browser, server: Server) -> None:
        self.browser = browser
        self.server = server
        self.contexts: list[BrowserContext] = []
        self.problems: list[str] = []
        self.expected_missing: set[str] = set()  # URLs a test expects to answer 404 (the 404 page itself)
        self.closing = False
        self.server_problems_seen = len(server.problems)

    def open(self, path: str | None = "", *, theme: str | None = None, **context_options: Any) -> Page:
        """A new context with `context_options` (viewport, has_touch, ...) and a page, at `path` of the site
        unless it is None.

        `theme` is furo's stored choice ("light", "dark" or "auto"), as its toggle stores it. The emulated
        colour scheme is light unless `color_scheme` says otherwise.
        """
        context_options.setdefault("color_scheme", "light")
        context_options.setdefault("service_workers", "block")
        context = self.browser.new_context(**context_options)
        context.set_default_timeout(30_000)  # generous: two cores, eight pages at once in the axe run
        self.contexts.append(context)
        context.add_init_script(WORKER_SHIM % {"cdn": json.dumps(CDN),
                                               "local": json.dumps(self.server.origin + LOCAL_NPM)})
        if theme is not None:
            context.add_init_script(f"try {{ localStorage.setItem('theme', {json.dumps(theme)}); }} catch (e) {{}}")
        context.route("**/*", self.route)
        page = context.new_page()
        page.on("console", lambda message: self.console(page, message))
        page.on("pageerror", lambda error: self.record(f"page error on {page.url}: {error}"))
        page.on("response", self.response)
        page.on("requestfailed", self.failed)
        if path is not None:
            page.goto(self.server.url(path))
        return page

    def record(self, problem: str) -> None:
        if not self.closing:
            self.problems.append(problem)

    # -- what happens on the wire

    def route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(self.server.origin + "/"):
            route.continue_()
        elif url.startswith(CDN):
            target, why = cdn_file(url, self.server.node_modules)
            if target is None:
                self.record(f"no local copy of {url}: {why}")
                route.fulfill(status=404, body="", headers={"Access-Control-Allow-Origin": "*"})
            else:
                # Fonts loaded from another origin need CORS headers, which the real CDN sends.
                route.fulfill(path=str(target), headers={"Access-Control-Allow-Origin": "*",
                                                         "Content-Type": content_type(target)})
        else:
            self.record(f"external request blocked: {route.request.method} {url}")
            route.abort("blockedbyclient")

    def console(self, page: Page, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        where = message.location.get("url", "") if message.location else ""
        # Chromium reports a 404 document as a console error; the 404 test expects exactly that one.
        if where in self.expected_missing and "404" in message.text:
            return
        self.record(f"console error on {page.url}: {message.text} ({where})")

    def response(self, response: Response) -> None:
        if response.status >= 400 and response.url not in self.expected_missing:
            self.record(f"HTTP {response.status} for {response.url}")

    def failed(self, request: Request) -> None:
        failure = request.failure or ""
        if "ERR_BLOCKED_BY_CLIENT" in failure:  # recorded by route() already
            return
        self.record(f"request failed: {request.url}: {failure}")

    # -- results

    def check(self) -> None:
        """Fails with every console error, page error, failed or external request seen so far."""
        problems, self.problems = self.problems, []
        problems += self.server.problems[self.server_problems_seen:]
        self.server_problems_seen = len(self.server.problems)
        assert not problems, "problems in the browser:\n" + "\n".join(problems)

    def close(self) -> None:
        """Closes every context; what fails because of the closing (MathJax still loading) is not recorded."""
        self.closing = True
        for context in self.contexts:
            try:
                context.unroute_all(behavior="ignoreErrors")
                context.close()
            except PlaywrightError:
                pass
        self.contexts.clear()
        self.closing = False


# --------------------------------------------------------------------------- measuring a page


def wait_for_math(page: Page) -> int:
    """Waits until MathJax has typeset the page and its fonts are in; the number of rendered formulas."""
    page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
    count = page.evaluate("""async () => {
        await MathJax.startup.promise;
        await document.fonts.ready;
        return document.querySelectorAll('mjx-container').length;
    }""")
    return int(count)


IN_VIEWPORT_JS = """el => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
}"""


def in_viewport(locator: Locator) -> bool:
    """Whether the element lies wholly inside the visible part of the page."""
    return bool(locator.evaluate(IN_VIEWPORT_JS))


def scrolls_into_view(locator: Locator, timeout: float = 5000) -> bool:
    """Whether the element comes wholly into view within `timeout` ms (furo scrolls smoothly)."""
    try:
        locator.page.wait_for_function(IN_VIEWPORT_JS, arg=locator.element_handle(), timeout=timeout)
    except PlaywrightTimeoutError:
        return False
    return True


# WCAG 2 contrast of every piece of text inside the elements matched by a selector.
# The background is found by walking up the ancestors and compositing every
# translucent layer down to the first opaque one (or the white canvas).
CONTRAST_JS = r"""
(selector) => {
  function parse(text) {
    let m = text.match(/^rgba?\(([^)]*)\)$/);
    if (m) {
      const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    m = text.match(/^color\(srgb\s+([^)]*)\)$/);
    if (m) {
      const p = m[1].split(/[\s\/]+/).filter(Boolean).map(Number);
      return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1];
    }
    throw new Error("cannot read the colour " + text);
  }
  function over(top, bottom) {
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  }
  function background(el) {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    let result = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) result = over(layers[i], result);
    return result;
  }
  function luminance(c) {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v = v / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  const out = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const seen = new Set();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent.trim() || seen.has(el)) continue;
      seen.add(el);
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none" || el.closest("[hidden]")) continue;
      const bg = background(el);
      const fg = over(parse(style.color), bg);
      const [front, back] = [luminance(fg), luminance(bg)];
      out.push({
        text: node.textContent.trim().slice(0, 40), tag: el.tagName.toLowerCase(),
        fg: fg.slice(0, 3).map(Math.round), bg: bg.slice(0, 3).map(Math.round),
        bgLuminance: back,
        ratio: (Math.max(front, back) + 0.05) / (Math.min(front, back) + 0.05),
      });
    }
  }
  return out;
}
"""


def contrast(page: Page, selector: str) -> list[dict[str, Any]]:
    """One row per element with text inside `selector`: colours and WCAG contrast ratio."""
    return list(page.evaluate(CONTRAST_JS, selector))


# Horizontal overflow a reader would have to scroll sideways for. Only the
# boxes made for it may scroll sideways: display math, tables, code. Anything
# else that scrolls sideways (furo's .content is a scroll box too), or that
# sticks out to the right of the viewport outside such a box, is reported.
# Fixed, off-canvas drawers (furo's navigation and contents) do not count.
OVERFLOW_JS = r"""
() => {
  const OWN = ".math-wrapper, div.math, mjx-container, .table-wrapper, table, .highlight, pre";
  const width = document.documentElement.clientWidth;
  const scrolls = style => ["auto", "scroll"].includes(style.overflowX);
  const label = el => el.tagName.toLowerCase() + (typeof el.className === "string" && el.className.trim()
    ? "." + el.className.trim().split(/\s+/).join(".") : "");
  function offCanvas(el) {
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.position === "fixed" || style.visibility === "hidden" || style.display === "none") return true;
    }
    return false;
  }
  function inOwnBox(el) {
    for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
      if (node.matches(OWN) && scrolls(getComputedStyle(node))) return node.getBoundingClientRect().right <= width + 1;
    }
    return false;
  }
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const style = getComputedStyle(el);
    if (style.display === "none" || offCanvas(el)) continue;
    const clipped = el.clientWidth > 2 && el.scrollWidth > el.clientWidth + 1;
    if (clipped && (scrolls(style) || ["hidden", "clip"].includes(style.overflowX)) && !el.matches(OWN)
        && style.position !== "absolute") {
      out.push(label(el) + " is " + el.scrollWidth + "px wide inside " + el.clientWidth + "px (overflow-x: "
               + style.overflowX + ")");
    }
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.height > 0 && box.right > width + 1 && !inOwnBox(el)) {
      out.push(label(el) + " reaches x=" + Math.round(box.right) + " of " + width);
    }
  }
  return out;
}
"""


def horizontal_overflow(page: Page) -> dict[str, Any]:
    """The page's scroll width against its client width, and the elements sticking out to the right."""
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    return {"scrollWidth": widths[0], "clientWidth": widths[1], "sticking_out": page.evaluate(OVERFLOW_JS)}


def start_axe(page: Page, axe_js: Path) -> None:
    """Injects axe-core and starts a full run; collect it with `axe_violations` (runs overlap across pages)."""
    page.add_script_tag(path=str(axe_js))
    page.evaluate("""() => {
        window.__biblogAxe = axe.run(document, {resultTypes: ["violations"]}).then(result =>
            result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary, html: n.html})),
            })));
    }""")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    return list(page.evaluate("() => window.__biblogAxe"))
