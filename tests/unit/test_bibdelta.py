"""A natural-text citation skipped after a .bib edit (``core.bib.delta``) always resolves as it did before."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from biblog.citations.bibstate import resolution_key
from biblog.core.bib.bibliography import read_bibliography
from biblog.core.bib.delta import may_resolve_differently, resolving_changes, touched_names, updated_signatures

ENTRIES = {
    "wei2022": "author = {Wei, Jason and Tay, Yi and Bommasani, Rishi}, year = {2022}, title = {Emergent}",
    "wei2022b": "author = {Wei, Jason and Zhou, Denny}, year = {2022}, title = {Chain of thought}",
    "graves2016": "author = {Graves, Alex}, year = {2016}, title = {Adaptive computation}",
    "oord2016": "author = {van den Oord, A{\\\"a}ron}, year = {2016}, title = {WaveNet}",
    "openai2023": "author = {{OpenAI}}, year = {2023}, title = {GPT-4}",
    "anon": "title = {Anonymous work}, year = {2020}",
    "weii2022": "author = {Weii, Jason}, year = {2022}, title = {Spelling}",
    "tay2022": "author = {Tay, Yi and Wei, Jason}, year = {2022}, title = {UL2}",
}
TEXTS = ["Wei et al. 2022", "Wei and Zhou 2022", "Wei 2022", "Wei et al. 2022a", "Graves 2016", "Oord 2016",
         "van den Oord 2016", "OpenAI 2023", "Anonymous work 2020", "Tay and Wei 2022", "graves2016", "wei2022b",
         "Weii 2022", "Nobody 2001", "Tay 2022", "Graves 2017", "Anonymous work renamed 2020"]
REPLACEMENTS = ["author = {Wie, Jason}, year = {2022}, title = {Moved}", "author = {Wei, Jason}, year = {2023}",
                "author = {Graves, Alex}, year = {2016}, title = {Another}", "title = {Anonymous work}, year = {2020}",
                "author = {Wei, Jason and Tay, Yi}, year = {2022}, title = {Two}",
                # what only pages show (for graves2016, wei2022b), an arXiv year, an anonymous work's title
                "author = {Graves, Alex}, year = {2016}, title = {Adaptive computation}, url = {https://a.org}",
                "author = {Wei, Jason and Zhou, Denny}, year = {2022}, title = {Renamed}",
                "author = {Graves, Alex}, year = {2016}, title = {Adaptive computation}, eprint = {1701.00001}",
                "title = {Anonymous work renamed}, year = {2020}"]


def write(path: Path, entries: dict[str, str]) -> None:
    path.write_text("".join(f"@article{{{key},\n  {fields}\n}}\n" for key, fields in entries.items()),
                    encoding="utf-8")


@settings(max_examples=60, deadline=None)
@given(removed=st.sets(st.sampled_from(sorted(ENTRIES)), max_size=3),
       changed=st.dictionaries(st.sampled_from(sorted(ENTRIES)), st.sampled_from(REPLACEMENTS), max_size=3),
       added=st.dictionaries(st.sampled_from(["new1", "new2", "Graves2016x"]), st.sampled_from(REPLACEMENTS),
                             max_size=2))
@example(removed=set(), changed={"graves2016": REPLACEMENTS[7]}, added={})  # "Graves 2017" finds it now
@example(removed=set(), changed={"anon": REPLACEMENTS[8]}, added={})  # and "Anonymous work renamed 2020"
def test_a_text_judged_unaffected_resolves_to_the_same_key(removed, changed, added) -> None:
    before, after = edited_bibliographies(removed, changed, added)
    old = {key: before.signature(key) for key in before.entries}
    new = {key: after.signature(key) for key in after.entries}
    changed_keys = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
    assert updated_signatures(after, old) == (new, changed_keys)  # what bibstate computes, reusing old ones
    # only the changes the resolver can see are looked at (bibstate skips the texts when there are none)
    resolving = resolving_changes(changed_keys, old, new)
    touched, lowered = touched_names(resolving, old, new), {k.lower() for k in resolving}
    for text in TEXTS:
        key = resolution_key(before.resolver.resolve(text))
        if not resolving or not may_resolve_differently(text, key, lowered, touched):
            assert resolution_key(after.resolver.resolve(text)) == key, text


def edited_bibliographies(removed, changed, added):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / "refs.bib"
        write(path, ENTRIES)
        before = read_bibliography([path], root)
        edited = {k: changed.get(k, v) for k, v in ENTRIES.items() if k not in removed} | added
        write(path, edited)
        after = read_bibliography([path], root)
    return before, after


def test_only_changes_the_resolver_reads_count_for_resolution() -> None:
    def resolving(key: str, fields: str) -> set[str]:
        before, after = edited_bibliographies(set(), {key: fields}, {})
        old = {k: before.signature(k) for k in before.entries}
        new = {k: after.signature(k) for k in after.entries}
        return resolving_changes({k for k in old if old[k] != new.get(k)}, old, new)

    assert resolving("graves2016", REPLACEMENTS[5]) == set()  # a link: pages change, no citation moves
    assert resolving("wei2022b", REPLACEMENTS[6]) == set()  # a title
    assert resolving("graves2016", REPLACEMENTS[7]) == {"graves2016"}  # an arXiv id: a second year
    assert resolving("anon", REPLACEMENTS[8]) == {"anon"}  # an anonymous work is cited by its title
    assert resolving("graves2016", REPLACEMENTS[2]) == set()
    assert resolving("wei2022b", REPLACEMENTS[1]) == {"wei2022b"}
