"""The bibliography value: labels, signatures and the on-disk parse cache."""

from __future__ import annotations

from biblog.core.bib.bibliography import CACHE_VERSION, UNIT_CACHE, Bibliography, read_bibliography

BIB = "@article{graves2016, author = {Alex Graves}, title = {Adaptive Computation Time}, year = 2016}\n"


def test_labels_resolver_and_signature(tmp_path):
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    bib = read_bibliography([tmp_path / "refs.bib"], tmp_path)
    assert bib.labels["graves2016"].parenthetical() == "Graves 2016"
    assert bib.resolver.resolve("Graves 2016").keys == ("graves2016",)
    graves = bib.entries["graves2016"]
    assert bib.signature("graves2016") == (graves.fingerprint, "Graves 2016", ("graves",), graves.resolves_as)
    assert bib.signature("missing") == ("", "", (), "")


def test_cache_is_reused_while_content_is_unchanged(tmp_path):
    path, cache = tmp_path / "refs.bib", tmp_path / "cache"
    path.write_text(BIB, encoding="utf-8")
    first = read_bibliography([path], tmp_path, cache)
    files = sorted(p.name for p in cache.iterdir())
    assert len(files) == 3
    assert files[0].startswith(f"biblog-bib-{CACHE_VERSION}-")
    assert files[1] == f"biblog-bibsplice-{CACHE_VERSION}.marshal"
    assert files[2] == UNIT_CACHE
    assert "resolver" in first.__dict__  # written with the file, so that a later build loads it
    again = read_bibliography([path], tmp_path, cache)
    assert isinstance(again, Bibliography)
    assert "resolver" in again.__dict__
    assert again.resolver.resolve("Graves 2016").keys == ("graves2016",)
    assert again.resolver.labels is again.labels
    assert again.entries == first.entries
    assert again.labels == first.labels
    path.write_text(BIB.replace("Adaptive", "Adapted"), encoding="utf-8")
    changed = read_bibliography([path], tmp_path, cache)
    assert changed.entries["graves2016"].title == "Adapted Computation Time"
    assert len(list(cache.iterdir())) == 3


def test_corrupt_cache_is_rebuilt(tmp_path):
    path, cache = tmp_path / "refs.bib", tmp_path / "cache"
    path.write_text(BIB, encoding="utf-8")
    read_bibliography([path], tmp_path, cache)
    for cache_file in cache.iterdir():
        cache_file.write_bytes(b"not a pickle")
    assert read_bibliography([path], tmp_path, cache).entries["graves2016"].year == "2016"


def test_a_cache_naming_a_class_that_moved_is_rebuilt(tmp_path):
    # A cache written before biblog's modules moved into subpackages names ``biblog.bibliography.Bibliography``:
    # unpickling it imports a module that no longer exists, which must read as a miss, not a crash.
    path, cache = tmp_path / "refs.bib", tmp_path / "cache"
    path.write_text(BIB, encoding="utf-8")
    read_bibliography([path], tmp_path, cache)
    (cache_file,) = cache.glob(f"biblog-bib-{CACHE_VERSION}-*.pickle")
    cache_file.write_bytes(b"cbiblog.bibliography\nBibliography\n)\x81.")  # GLOBAL, empty args, NEWOBJ, STOP
    assert read_bibliography([path], tmp_path, cache).entries["graves2016"].year == "2016"
    assert read_bibliography([path], tmp_path, cache).entries["graves2016"].year == "2016"  # and written anew


def test_letters_pinned_after_a_load_relabel_the_cached_bibliography_once(tmp_path):
    path, cache = tmp_path / "refs.bib", tmp_path / "cache"
    path.write_text(BIB, encoding="utf-8")
    read_bibliography([path], tmp_path, cache)
    (tmp_path / "refs.letters").write_text("graves2016\tGraves 2016b\n", encoding="utf-8")
    pinned = read_bibliography([path], tmp_path, cache)
    assert pinned.pins == {"graves2016": "Graves 2016b"}
    again = read_bibliography([path], tmp_path, cache)
    assert again.pins == pinned.pins
    assert again.labels == pinned.labels


def test_the_letters_a_load_pinned_itself_do_not_relabel_it(tmp_path, monkeypatch):
    import biblog.core.bib.bibliography
    from biblog.core.bib.labels import assign_labels
    from biblog.core.bib.letters import pin_new_letters

    path, cache = tmp_path / "refs.bib", tmp_path / "cache"
    path.write_text(BIB + BIB.replace("graves2016", "graves2016b").replace("Adaptive", "Another")
                    + "@misc{later, author = {Alex Graves}, title = {Zeta}, year = 2016}\n", encoding="utf-8")
    first = read_bibliography([path], tmp_path, cache)
    assert pin_new_letters([path], tmp_path, first.labels) == 3
    calls = []
    monkeypatch.setattr(biblog.core.bib.bibliography, "assign_labels", lambda *args: calls.append(args) or {})
    again = read_bibliography([path], tmp_path, cache)
    assert calls == []
    assert again.labels == assign_labels(first.entries.values(), again.pins) == first.labels
    assert sorted(label.year for label in again.labels.values()) == ["2016a", "2016b", "2016c"]


def test_caches_of_an_older_version_are_removed_not_left_behind(tmp_path):
    path, cache = tmp_path / "refs.bib", tmp_path / "cache"
    path.write_text(BIB, encoding="utf-8")
    cache.mkdir()
    older = CACHE_VERSION - 1
    left = [f"biblog-bib-{older}-0123456789abcdef0123.pickle", f"biblog-bibunits-{older}.marshal",
            f"biblog-bibsplice-{older}.marshal"]
    for name in left:
        (cache / name).write_bytes(b"written by an older biblog")
    (cache / "environment.pickle").write_bytes(b"Sphinx's, not ours")
    (cache / "biblog-works-references.marshal").write_bytes(b"the references page's cache")
    read_bibliography([path], tmp_path, cache)
    names = sorted(p.name for p in cache.iterdir())
    assert not set(left) & set(names)
    assert "environment.pickle" in names
    assert "biblog-works-references.marshal" in names
    assert f"biblog-bibsplice-{CACHE_VERSION}.marshal" in names
    assert UNIT_CACHE in names
    assert len([n for n in names if n.startswith(f"biblog-bib-{CACHE_VERSION}-")]) == 1
