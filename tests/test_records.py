"""Records: the claims of a few properties, found through their groups by property, which keep up
with claims added later (the placing of addresses adds some after resolution's first look); and
records pickled (the records cache) load their claims by property when asked, equal to what was
pickled."""

from __future__ import annotations

import pickle

from rdflib.namespace import SDO

from graph.sources.records import Claim, Duration, Records, Ref, Span, Year


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


def _loaded(records: Records) -> Records:
    copy = pickle.loads(pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL))
    assert isinstance(copy, Records)
    return copy


def test_loaded_records_are_equal_and_iterate_in_the_same_order() -> None:
    records = _records()
    records.add_claim("film:a", SDO.duration, Duration(162), Span(3, 9))
    records.add_claim("film:b", SDO.datePublished, Year(2006))
    copy = _loaded(records)
    assert copy == records
    assert len(copy.claims) == 5
    assert list(copy.claims) == list(records.claims)
    assert Claim("film:a", SDO.duration, Duration(162), Span(3, 9)) in copy.claims
    assert Claim("film:a", SDO.duration, Duration(163), Span(3, 9)) not in copy.claims
    assert Claim("film:a", SDO.genre, "drama") not in copy.claims


def test_loaded_records_take_new_claims_once_and_keep_their_order() -> None:
    copy = _loaded(_records())
    copy.add_claim("film:b", SDO.name, "B")  # already there: once
    copy.add_claim("film:c", SDO.name, "C")
    copy.add_claim("film:c", SDO.director, Ref("person:p"))
    copy.add_claim("film:c", SDO.genre, "drama")
    copy.add_claim("film:c", SDO.genre, "drama")
    assert [(c.subject, c.prop) for c in copy.claims] == [
        ("film:a", SDO.name),
        ("film:a", SDO.director),
        ("film:b", SDO.name),
        ("film:c", SDO.name),
        ("film:c", SDO.director),
        ("film:c", SDO.genre),
    ]
    assert [c.subject for c in copy.claims_of(SDO.director, SDO.genre)] == ["film:a", "film:c", "film:c"]
    again = _loaded(copy)  # pickled again after the additions: the same records
    assert again == copy
    assert [c.obj for c in again.claims_of(SDO.name)] == ["A", "B", "C"]


def test_records_pickle_the_same_whether_loaded_or_read() -> None:
    records = _records()
    copy = _loaded(records)
    copy.claims_of(SDO.name)  # one group unpickled, the other not
    assert pickle.dumps(copy) == pickle.dumps(records)


def test_claims_of_returns_a_new_list() -> None:
    records = _records()
    found = records.claims_of(SDO.name)
    records.add_claim("film:c", SDO.name, "C")
    assert [c.obj for c in found] == ["A", "B"]


def test_derived_is_made_once_and_again_after_a_record_is_added() -> None:
    made = []

    def names(records: Records) -> list[object]:
        made.append(1)
        return [c.obj for c in records.claims_of(SDO.name)]

    records = _records()
    assert records.derived(names) == ["A", "B"]
    assert records.derived(names) == ["A", "B"]
    assert len(made) == 1
    records.add_claim("film:c", SDO.name, "C")
    assert records.derived(names) == ["A", "B", "C"]
    records.add_claim("film:c", SDO.name, "C")  # already there: nothing changed
    assert records.derived(names) == ["A", "B", "C"]
    assert len(made) == 2


COUNTED: list[int] = []  # one entry per call of _claim_count


def _claim_count(records: Records) -> int:
    COUNTED.append(1)
    return len(records.claims)


def test_derived_values_are_not_pickled_with_the_records_but_can_be_kept_beside() -> None:
    records = _records()
    records.derived(_claim_count)
    assert pickle.dumps(records) == pickle.dumps(_records())
    copy = _loaded(records)
    copy.remember(pickle.loads(pickle.dumps(records.remembered())))
    calls = len(COUNTED)
    assert copy.derived(_claim_count) == 3  # kept: not made again
    assert len(COUNTED) == calls
    copy.add_claim("film:c", SDO.name, "C")
    assert copy.derived(_claim_count) == 4  # made again: the records changed
    assert len(COUNTED) == calls + 1
