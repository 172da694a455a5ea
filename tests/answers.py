"""Answers of two stores put side by side: rows sorted, values compared as values where stores
write them differently, and only the differences a store is known to have tolerated."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMBERS = {
    XSD + t
    for t in (
        *("integer", "decimal", "double", "float", "int", "long", "short", "byte"),
        *("nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger"),
        *("unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"),
    )
}
_CONCAT = re.compile(
    r'GROUP_CONCAT\s*\(\s*(?:DISTINCT\s+)?\?\w+\s*;\s*separator\s*=\s*"([^"]*)"\s*\)\s*AS\s+\?(\w+)', re.I
)

# What a store is allowed to answer differently, and why (docs/pushing.md).
TOLERATED = {
    "oxigraph": frozenset(),
    "virtuoso": frozenset(
        {
            # Virtuoso has no xsd:boolean: true and false come back as the integers 1 and 0.
            "boolean-as-integer",
            # Virtuoso writes each non-ASCII character of a GROUP_CONCAT separator as '?'.
            "separator-as-ascii",
        }
    ),
}

Row = tuple[object, ...]


def concat_columns(query: str) -> dict[str, str]:
    """The columns a query makes with GROUP_CONCAT, and their separators. SPARQL leaves the order
    of the concatenated values to the engine, so they are compared as sorted lists."""
    return {name: separator for separator, name in _CONCAT.findall(query)}


def term_value(term: object, tolerated: frozenset[str] = frozenset()) -> object:
    """A term as a comparable value: numbers by value ("1.50" = "1.5" = "1.5E0"), language tags
    in lower case, a plain string the same as an xsd:string."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value)
    if isinstance(term, ox.BlankNode):
        return ("blank",)
    assert isinstance(term, ox.Literal), term
    datatype = term.datatype.value
    if datatype in NUMBERS:
        try:
            return ("number", Decimal(term.value))
        except InvalidOperation:
            return ("typed", term.value, datatype)
    if datatype == XSD + "boolean" and "boolean-as-integer" in tolerated:
        return ("number", Decimal(1 if term.value in ("true", "1") else 0))
    if term.language:
        return ("lang", term.value, term.language.lower())
    if datatype == XSD + "string":
        return ("string", term.value)
    return ("typed", term.value, datatype)


def rows(result: ox.QuerySolutions, query: str, tolerated: frozenset[str] = frozenset()) -> list[Row]:
    """The solutions as sorted rows of comparable values, concatenations as sorted tuples; both
    sides of a comparison are read with the same ``tolerated`` differences."""
    names = [v.value for v in result.variables]
    concat = concat_columns(query)
    out: list[Row] = []
    for solution in result:
        row: list[object] = []
        for name in names:
            term = solution[name]
            if name in concat and isinstance(term, ox.Literal):
                separators = {concat[name]}
                if "separator-as-ascii" in tolerated:
                    separators.add("".join(c if ord(c) < 128 else "?" for c in concat[name]))
                parts = re.split("|".join(re.escape(s) for s in sorted(separators)), term.value)
                row.append(("concat", tuple(sorted(parts))))
            else:
                row.append(term_value(term, tolerated))
        out.append(tuple(row))
    return sorted(out, key=repr)
