"""Which pages a rebuild writes again because what they show of other documents changed (``views``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from biblog.views import Views, post_signature, recited, shows_other_documents_differently

DOCS = ["a", "b", "c", "d"]
KEYS = ["k1", "k2", "k3"]
TITLES = {doc: doc.upper() for doc in DOCS}
docs = st.sampled_from(DOCS)
maybe_doc = st.one_of(st.none(), docs)
views = st.builds(
    Views,
    titles=st.just(TITLES),
    cited_in=st.dictionaries(st.sampled_from(KEYS), st.lists(docs, min_size=1, max_size=3, unique=True)),
    keys_of=st.dictionaries(docs, st.lists(st.sampled_from(KEYS), max_size=3, unique=True).map(sorted)),
    neighbours=st.dictionaries(docs, st.tuples(maybe_doc, maybe_doc)),
    related=st.dictionaries(docs, st.lists(st.tuples(docs, st.integers(1, 3)), max_size=2)),
    note_targets=st.dictionaries(docs, st.tuples(st.tuples(docs, st.one_of(st.none(), st.just("T"))))),
)


@settings(max_examples=300, deadline=None)
@given(old=views, new=views)
def test_the_shortcut_agrees_with_the_signatures_when_no_title_changed(old, new) -> None:
    changed = recited(old, new)
    for doc in DOCS:
        assert shows_other_documents_differently(old, new, doc, changed) == (
            post_signature(old, doc) != post_signature(new, doc)), doc
