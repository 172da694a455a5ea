"""Records: the claims of a few properties, found through an index that keeps up with claims
added later (the placing of addresses adds some after resolution's first look)."""

from __future__ import annotations

import pickle

from rdflib.namespace import SDO

from graph.records import Records, Ref


def _records() -> Records:
    records = Records()
    records.add_claim("film:a", SDO.name, "A")
    records.add_claim("film:a", SDO.director, Ref("person:p"))
    records.add_claim("film:b", SDO.name, "B")
    return records


def test_claims_of_one_property_in_the_order_they_were_added() -> None:
    records = _records()
    assert [c.obj for c in records.claims_of(SDO.name)] == ["A", "B"]
    assert records.claims_of(SDO.genre) == []


def test_claims_of_several_properties_keep_the_order_of_the_records() -> None:
    records = _records()
    found = records.claims_of(SDO.director, SDO.name)
    assert [(c.subject, c.prop) for c in found] == [
        ("film:a", SDO.name),
        ("film:a", SDO.director),
        ("film:b", SDO.name),
    ]


def test_claims_added_after_a_look_are_found_and_a_repeated_claim_once() -> None:
    records = _records()
    records.claims_of(SDO.name)
    records.add_claim("film:c", SDO.name, "C")
    records.add_claim("film:a", SDO.name, "A")  # already there
    other = Records()
    other.add_claim("film:d", SDO.name, "D")
    records.add_records(other)
    assert [c.obj for c in records.claims_of(SDO.name)] == ["A", "B", "C", "D"]


def test_the_index_changes_neither_equality_nor_the_pickled_records() -> None:
    records = _records()
    records.claims_of(SDO.name)
    assert pickle.dumps(records) == pickle.dumps(_records())  # the cache and input fingerprints
    copy = pickle.loads(pickle.dumps(records))
    assert copy == _records()
    copy.add_claim("film:c", SDO.name, "C")
    assert [c.obj for c in copy.claims_of(SDO.name)] == ["A", "B", "C"]
