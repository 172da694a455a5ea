"""Record-making helpers for the film tables (TMDB, IMDb): amounts of money, audience ratings,
running times, lists of words and countries, so both readers say the same thing the same way."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from rdflib import URIRef
from rdflib.namespace import SDO

from graph.namespace import PC
from graph.sources.common import named_ref
from graph.sources.records import Duration, Entity, Records, Ref


class RowError(ValueError):
    """A cell that cannot be read: the row is kept out with this reason."""


def whole_number(cell: str, column: str) -> int | None:
    """A cell holding a whole number ("162", "162.0"), or None when empty."""
    cell = cell.strip()
    if not cell:
        return None
    try:
        value = Decimal(cell)
    except InvalidOperation:
        raise RowError(f"{column} '{cell}' is not a number") from None
    if value != value.to_integral() or value < 0:
        raise RowError(f"{column} '{cell}' is not a whole number ≥ 0")
    return int(value)


def decimal_number(cell: str, column: str) -> Decimal | None:
    """A cell holding a decimal number ("7.2"), or None when empty."""
    cell = cell.strip()
    if not cell:
        return None
    try:
        return Decimal(cell)
    except InvalidOperation:
        raise RowError(f"{column} '{cell}' is not a number") from None


def add_amount(
    records: Records,
    film: str,
    prop: URIRef,
    label: str,
    value: int | None,
    currency: str | None,
    market: str | None = None,
) -> None:
    """A budget or revenue of ``film`` as a schema:MonetaryAmount; 0 and None mean unknown: nothing."""
    if not value:
        return
    amount = f"amount:{film}|{label}"
    records.add_entity(Entity(amount, SDO.MonetaryAmount, key=(Ref(film), label), folder="amount"))
    records.add_claim(film, prop, Ref(amount))
    records.add_claim(amount, SDO.value, value)
    if currency:
        records.add_claim(amount, SDO.currency, currency)
    else:
        records.add_claim(amount, SDO.description, "currency not given by the source")
    if market:
        records.add_claim(amount, PC.market, market)


def add_audience_rating(
    records: Records, film: str, label: str, value: Decimal | None, count: int | None, best: int = 10
) -> None:
    """The audience's average score of ``film`` on one site, with its number of votes."""
    if value is None or not count:
        return
    rating = f"rating:{film}|{label}"
    records.add_entity(Entity(rating, SDO.AggregateRating, key=(Ref(film), label), folder="rating"))
    records.add_claim(film, SDO.aggregateRating, Ref(rating))
    records.add_claim(rating, SDO.name, label)
    records.add_claim(rating, SDO.ratingValue, value)
    records.add_claim(rating, SDO.bestRating, best)
    records.add_claim(rating, SDO.ratingCount, count)


def add_duration(records: Records, film: str, minutes: int | None) -> None:
    """The running time as an xsd:duration ("PT162M"); 0 and None mean unknown."""
    if minutes:
        records.add_claim(film, SDO.duration, Duration(minutes))


def add_words(records: Records, film: str, prop: URIRef, words: list[str]) -> None:
    """Genres or keywords as plain strings, each once."""
    for word in words:
        if word.strip():
            records.add_claim(film, prop, word.strip())


def add_country(records: Records, film: str, name: str, code: str | None = None) -> None:
    """A country of production, a schema:Country that resolution joins across sources."""
    name = name.strip()
    if not name:
        return
    country = named_ref("place", name)
    records.add_entity(Entity(country, SDO.Country, name, folder="place"))
    if code:
        records.add_claim(country, SDO.identifier, code)
    records.add_claim(film, SDO.countryOfOrigin, Ref(country))


def add_company(records: Records, film: str, name: str) -> None:
    """A production company of ``film``."""
    name = name.strip()
    if not name:
        return
    org = named_ref("organization", name)
    records.add_entity(Entity(org, SDO.Organization, name, folder="organization"))
    records.add_claim(film, SDO.productionCompany, Ref(org))
