/* biblog: hover cards for citations, relative post ages, copy buttons and the
   references filter. Plain JavaScript, no dependencies; without it the page
   keeps its links and plain tooltips. */
(function () {
  "use strict";

  function relativeAge(iso, now) {
    var then = new Date(iso + "T00:00:00Z");
    var days = Math.floor((now - then) / 86400000);
    if (isNaN(days)) return "";
    if (days < 1) return "today";
    if (days < 31) return days === 1 ? "yesterday" : days + " days ago";
    var months = Math.floor(days / 30.44);
    if (months < 12) return months === 1 ? "1 month ago" : months + " months ago";
    var years = Math.floor(days / 365.25);
    return years === 1 ? "1 year ago" : years + " years ago";
  }

  function showAges() {
    var now = new Date();
    document.querySelectorAll(".biblog-age[data-date]").forEach(function (el) {
      var text = relativeAge(el.getAttribute("data-date"), now);
      if (text) el.textContent = "(" + text + ")";
    });
  }

  var card = null;
  var owner = null;

  function ensureCard() {
    if (card) return card;
    card = document.createElement("div");
    card.className = "biblog-card-popup";
    card.id = "biblog-card-popup";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    card.addEventListener("mouseenter", function () { card.dataset.hover = "1"; });
    card.addEventListener("mouseleave", function () { delete card.dataset.hover; hideSoon(); });
    document.body.appendChild(card);
    return card;
  }

  function entryFor(link) {
    var id = decodeURIComponent((link.getAttribute("href") || "").replace(/^#/, ""));
    return id ? document.getElementById(id) : null;
  }

  function show(link) {
    var entry = entryFor(link);
    if (!entry) return;
    var popup = ensureCard();
    popup.innerHTML = "";
    var clone = entry.cloneNode(true);
    clone.removeAttribute("id");
    clone.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    clone.querySelectorAll(".biblog-backlinks").forEach(function (el) { el.remove(); });
    var body = document.createElement("div");
    body.className = "biblog-card-body";
    while (clone.firstChild) body.appendChild(clone.firstChild);
    popup.appendChild(body);
    popup.hidden = false;
    owner = link;
    link.setAttribute("aria-describedby", popup.id);
    if (link.title) { link.dataset.title = link.title; link.removeAttribute("title"); }
    place(popup, link);
  }

  // Below the citation when the card fits there, else above it when there is more
  // room above; a card taller than either side scrolls inside itself.
  function place(popup, link) {
    var rect = link.getBoundingClientRect();
    var viewWidth = document.documentElement.clientWidth;
    var viewHeight = window.innerHeight;
    var width = Math.min(420, viewWidth - 16);
    popup.style.width = width + "px";
    popup.style.maxHeight = "";
    var left = Math.max(8, Math.min(rect.left, viewWidth - width - 8));
    popup.style.left = (left + window.scrollX) + "px";
    var gap = 6;
    var below = viewHeight - rect.bottom - gap - 8;
    var above = rect.top - gap - 8;
    var height = popup.offsetHeight;
    var upward = height > below && above > below;
    if (height > (upward ? above : below)) {
      popup.style.maxHeight = Math.max(80, upward ? above : below) + "px";
      height = popup.offsetHeight;
    }
    popup.dataset.side = upward ? "above" : "below";
    var top = upward ? rect.top - gap - height : rect.bottom + gap;
    popup.style.top = (top + window.scrollY) + "px";
  }

  function hide() {
    if (!card || card.hidden) return;
    card.hidden = true;
    if (owner) {
      owner.removeAttribute("aria-describedby");
      if (owner.dataset.title) owner.title = owner.dataset.title;
    }
    owner = null;
  }

  var timer = null;
  function hideSoon() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (card && !card.dataset.hover && owner && owner !== document.activeElement) hide();
    }, 200);
  }

  function wireCitations() {
    document.querySelectorAll("a.biblog-cite").forEach(function (link) {
      link.addEventListener("mouseenter", function () { clearTimeout(timer); show(link); });
      link.addEventListener("mouseleave", hideSoon);
      link.addEventListener("focus", function () { show(link); });
      link.addEventListener("blur", hideSoon);
      link.addEventListener("pointerup", function (event) {
        // On touch screens the first tap opens the card; a second tap follows the link.
        if (event.pointerType === "touch" && owner !== link) {
          link.dataset.tapped = "1";
          show(link);
        }
      });
      link.addEventListener("click", function (event) {
        if (link.dataset.tapped) {
          delete link.dataset.tapped;
          event.preventDefault();
        } else if (owner === link) {
          // Following the link scrolls to the entry itself: the card would stay behind, open off-screen.
          hide();
        }
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") hide();
    });
    document.addEventListener("pointerdown", function (event) {
      if (card && !card.hidden && !card.contains(event.target) && !(owner && owner.contains(event.target))) hide();
    });
  }

  function wireCopyButtons() {
    document.querySelectorAll("button.biblog-copy[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        if (!source || !navigator.clipboard) return;
        navigator.clipboard.writeText(source.textContent).then(function () {
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = "Copy BibTeX"; }, 1500);
        }, function () {});
      });
    });
  }

  // The references page holds its first works; all of them, with the words the filter
  // matches, come from a script loaded on demand (refpages.py). The list shows one page
  // of works, or of matches, at a time: filtering costs a scan of short strings and
  // a page of HTML, and MathJax typesets only what is shown.
  function wireWorks() {
    var box = document.querySelector(".biblog-works[data-works]");
    var input = document.getElementById("biblog-filter-input");
    if (!box) { wireStaticFilter(input); return; }
    var list = box.querySelector(".biblog-site-references");
    var pager = box.querySelector(".biblog-works-pager");
    var where = box.querySelector(".biblog-works-where");
    var status = document.querySelector(".biblog-filter-status");
    var note = box.querySelector(".biblog-works-note");
    var perPage = parseInt(box.getAttribute("data-per-page"), 10) || 100;
    var works = null, shown = null, pageIndex = 0, waiting = [];

    function load(then) {
      if (works) { then(); return; }
      waiting.push(then);
      if (waiting.length > 1) return;
      var script = document.createElement("script");
      script.src = box.getAttribute("data-works");
      script.onload = function () {
        works = ((window.biblogWorks || {})[box.getAttribute("data-page")]) || [];
        shown = works;
        var queue = waiting; waiting = [];
        queue.forEach(function (f) { f(); });
      };
      document.head.appendChild(script);
    }

    function render(index) {
      pageIndex = index;
      var start = index * perPage;
      list.innerHTML = shown.slice(start, start + perPage).map(function (w) { return w[2]; }).join("");
      pager.hidden = shown.length <= perPage;
      where.textContent = shown.length ? "Works " + (start + 1) + "–" + Math.min(start + perPage, shown.length) +
        " of " + shown.length : "No works match";
      pager.querySelector(".biblog-works-newer").disabled = index === 0;
      pager.querySelector(".biblog-works-older").disabled = start + perPage >= shown.length;
      linksFromDisk(list);
      typesetWhenSeen(list.children);
    }

    // MathJax typesets a work when it comes on screen, not the whole page of works at once.
    var seen = window.IntersectionObserver && new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        seen.unobserve(entry.target);
        if (window.MathJax && MathJax.typesetPromise) MathJax.typesetPromise([entry.target]).catch(function () {});
      });
    });
    function typesetWhenSeen(items) {
      if (!window.MathJax || !MathJax.typesetPromise) return;
      if (!seen) { MathJax.typesetPromise([list]).catch(function () {}); return; }
      seen.disconnect();
      Array.prototype.forEach.call(items, function (li) { seen.observe(li); });
    }

    function filter() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      shown = !words.length ? works : works.filter(function (w) {
        for (var i = 0; i < words.length; i++) if (w[1].indexOf(words[i]) === -1) return false;
        return true;
      });
      render(0);
      if (status) status.textContent = words.length ? shown.length + " of " + works.length + " works" : "";
    }

    // A #ref-key link to a work that is not on the page shown: show the page holding it.
    function reveal() {
      var id = decodeURIComponent(window.location.hash.replace(/^#/, ""));
      if (!/^ref-/.test(id) || document.getElementById(id)) return;
      load(function () {
        var index = -1;
        for (var i = 0; i < works.length; i++) if (works[i][0] === id) { index = i; break; }
        if (index === -1) return;
        if (input) input.value = "";
        shown = works;
        if (status) status.textContent = "";
        render(Math.floor(index / perPage));
        var el = document.getElementById(id);
        el.classList.add("biblog-target");
        keepInView(el);
      });
    }

    // Works above the target are laid out, and typeset, only as they come near the screen,
    // so the list keeps changing height for a moment after the jump: follow the target
    // until the reader scrolls or the list settles.
    function keepInView(el) {
      el.scrollIntoView();
      if (!window.ResizeObserver) return;
      var watcher = new ResizeObserver(function () { el.scrollIntoView(); });
      var events = ["wheel", "keydown", "touchstart", "mousedown"];
      function stop() {
        watcher.disconnect();
        events.forEach(function (name) { window.removeEventListener(name, stop); });
      }
      events.forEach(function (name) { window.addEventListener(name, stop, { passive: true }); });
      watcher.observe(list);
      setTimeout(stop, 3000);
    }

    function turn(step) {
      load(function () { render(pageIndex + step); list.scrollIntoView(); });
    }
    pager.querySelector(".biblog-works-newer").addEventListener("click", function () { turn(-1); });
    pager.querySelector(".biblog-works-older").addEventListener("click", function () { turn(1); });
    if (input) {
      input.addEventListener("focus", function () { load(function () {}); });
      input.addEventListener("input", function () { load(filter); });
    }
    var total = parseInt(box.getAttribute("data-total"), 10) || 0;
    if (total > perPage) {  // until the works are loaded, the pager describes the page as built
      if (note) note.hidden = true;
      pager.hidden = false;
      where.textContent = "Works 1–" + perPage + " of " + total;
      pager.querySelector(".biblog-works-newer").disabled = true;
    }
    window.addEventListener("hashchange", reveal);
    reveal();
  }

  // A references list made without the works script (a theme's own template): filter the page.
  function wireStaticFilter(input) {
    if (!input) return;
    var items = Array.prototype.slice.call(document.querySelectorAll(".biblog-site-references > li"));
    var status = document.querySelector(".biblog-filter-status");
    var texts = items.map(function (li) {
      var entry = li.querySelector(".biblog-entry");
      return (entry ? entry.textContent : li.textContent).toLowerCase();
    });
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (li, i) {
        var match = words.every(function (w) { return texts[i].indexOf(w) !== -1; });
        li.hidden = !match;
        if (match) shown += 1;
      });
      if (status) status.textContent = words.length ? shown + " of " + items.length + " works" : "";
    });
  }

  // A box that scrolls sideways (a long code line, a wide table or formula on a
  // phone) must take keyboard focus, or keyboard users cannot scroll it. Boxes
  // change size as MathJax typesets and fonts arrive, hence the observer.
  function wireScrollers() {
    if (!window.ResizeObserver) return;
    var boxes = document.querySelectorAll("article pre, article .table-wrapper, article .math-wrapper");
    function update(box) {
      var style = getComputedStyle(box);
      var scrolls = /auto|scroll/.test(style.overflowX) && box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("biblog-scrolls", scrolls);
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.dataset.biblogScroll = "1";
      } else if (!scrolls && box.dataset.biblogScroll) {
        box.removeAttribute("tabindex");
        delete box.dataset.biblogScroll;
      }
    }
    var boxOf = new Map();
    var observer = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) { update(boxOf.get(entry.target)); });
    });
    boxes.forEach(function (box) {
      [box, box.firstElementChild].forEach(function (el) {
        if (el) { boxOf.set(el, box); observer.observe(el); }
      });
    });
  }

  // Opened from disk (file://), the folder-style links of a dirhtml build ("posts/x/")
  // would show folder listings: point them at the folder's index.html.
  function linksFromDisk(root) {
    if (window.location.protocol !== "file:") return;
    (root || document).querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (/^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(href)) return;
      var cut = href.search(/[?#]/);
      var path = cut === -1 ? href : href.slice(0, cut);
      var rest = cut === -1 ? "" : href.slice(cut);
      if (path === "" || path === ".") path = "./";
      if (/\/$/.test(path)) a.setAttribute("href", path + "index.html" + rest);
    });
  }

  // Search snippets come from the prose: Sphinx's search makes them from the page's
  // main region, which also holds the post's header, footer and listings.
  function searchSnippetsFromProse() {
    if (typeof Search === "undefined" || !Search.htmlToText || Search.biblogProse) return;
    var original = Search.htmlToText;
    Search.htmlToText = function (htmlString, anchor) {
      var doc = new DOMParser().parseFromString(htmlString, "text/html");
      doc.querySelectorAll(".no-search, .biblog-reference-list, .biblog-references").forEach(function (el) {
        el.remove();
      });
      return original.call(this, doc.documentElement.outerHTML, anchor);
    };
    Search.biblogProse = true;
  }

  function start() {
    linksFromDisk();
    searchSnippetsFromProse();
    showAges();
    wireCitations();
    wireCopyButtons();
    wireWorks();
    wireScrollers();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
