"""The works script put together from the cached script's runs and the works rendered again (workscache.py)."""

from __future__ import annotations

from biblog.refpage.workscache import WorksCache, first_fragments, script_pieces

HEAD = b"head["


def cached(parts: dict[str, bytes]) -> WorksCache:
    """A cache of the works ``parts`` (key -> part), written in that order."""
    works = {key: ((key, "", "", []), (key, "", ""), len(part), key) for key, part in parts.items()}
    return WorksCache({}, works, list(parts), HEAD + b",".join(parts.values()) + b"];\n")


def joined(order: list[str], fresh: dict[str, bytes], cache: WorksCache) -> bytes:
    return b",".join(bytes(piece) for piece in script_pieces(order, fresh, cache, len(HEAD)))


def test_works_kept_in_their_order_come_from_the_cached_script_in_runs() -> None:
    cache = cached({"a": b"A", "b": b"BB", "c": b"CCC", "d": b"DDDD"})
    pieces = script_pieces(["a", "b", "c", "d"], {"c": b"X"}, cache, len(HEAD))
    assert [bytes(piece) for piece in pieces] == [b"A,BB", b"X", b"DDDD"]
    assert joined(["a", "b", "c", "d"], {}, cache) == b"A,BB,CCC,DDDD"


def test_works_moved_added_or_gone_are_put_in_the_new_order() -> None:
    cache = cached({"a": b"A", "b": b"BB", "c": b"CCC", "d": b"DDDD"})
    assert joined(["d", "a", "e", "b"], {"e": b"EE"}, cache) == b"DDDD,A,EE,BB"
    assert joined(["c", "a"], {}, cache) == b"CCC,A"
    assert first_fragments(["d", "e", "a"], {"e": b"EE"}, cache, len(HEAD), 2) == [b"DDDD", b"EE"]


def test_the_page_order_moves_the_works_whose_sort_key_changed_as_a_full_sort_would() -> None:
    import random

    from biblog.refpage.workscache import page_order

    rng = random.Random(7)
    for _ in range(200):
        keys = [f"k{i}" for i in range(rng.randint(1, 30))]
        before = {key: ((key, "", "", []), (rng.choice("abcdefgh"), str(rng.randint(2000, 2003)), key), 1, key)
                  for key in keys}
        cache = WorksCache({}, before, sorted(before, key=lambda key: before[key][1]), b"")
        works, fresh = dict(before), {}
        for key in rng.sample(keys, rng.randint(0, len(keys))):
            works[key] = (works[key][0], (rng.choice("abcdefgh"), works[key][1][1], key), 1, key)
            fresh[key] = b""
        assert page_order(works, fresh, cache) == sorted(works, key=lambda key: works[key][1])


def test_the_code_digest_covers_the_modules_of_subpackages_and_the_templates(tmp_path) -> None:
    # biblog's modules live in subpackages: an edit to one of them must make the cached works stale
    from biblog.refpage.workscache import code_digest, package_digest

    package = tmp_path / "biblog"
    for name, text in [("__init__.py", ""), ("core/__init__.py", ""), ("core/bib/labels.py", "A = 1\n"),
                       ("templates/card.html", "<p></p>\n"), ("static/biblog.js", "let a;\n")]:
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    first = package_digest(package)
    (package / "static" / "biblog.js").write_text("let b;\n", encoding="utf-8")  # not what renders the works
    assert package_digest(package) == first
    digests = {first}
    for name, text in [("core/bib/labels.py", "A = 2\n"), ("templates/card.html", "<p>.</p>\n")]:
        (package / name).write_text(text, encoding="utf-8")
        digests.add(package_digest(package))
    (package / "core" / "bib" / "labels.py").rename(package / "core" / "labels.py")  # the same bytes, moved
    digests.add(package_digest(package))
    assert len(digests) == 4
    assert len(code_digest()) == 16
