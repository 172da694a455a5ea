"""The people or companies one cell of a table credits: a cell may name several ("A et B",
"A / B", "A, B") or none ("n/a"), and a shared surname may be written once ("Stéphane et David
FOENKINOS" is Stéphane Foenkinos and David Foenkinos).

People are split on commas, slashes, "&", a dash between spaces ("A - B", not "Jean-Pierre") and
the words "et" / "and" in any case; a company is
split on commas and slashes only, since "Son et Lumière" and "Haut et Court" are one company each,
and loses what follows "c/o" (in care of: the company named first is the one credited).
"""

from __future__ import annotations

import re

from graph.text import squash

# cells that name nobody: kept out of the graph, with the row, by the reader
NOT_NAMES = frozenset(
    {"n/a", "na", "nc", "n.c.", "-", "--", "?", "x", "inconnu", "unknown", "none", "aucun", "non communique",
     "non communiqué", "non renseigne", "non renseigné"}
)  # fmt: skip
_HONORIFIC = re.compile(r"^(?:monsieur|madame|mademoiselle|m\.|mme|mr\.?|mrs\.?|ms\.?)\s+", re.IGNORECASE)
_PERSON_SEPARATORS = re.compile(r"\s*([,;/&+]|(?<=\s)[-–—](?=\s)|\b(?:et|and)\b)\s*", re.IGNORECASE)
_COMPANY_SEPARATORS = re.compile(r"\s*(?:,|(?<![cCpP])/)\s*")
_CARE_OF = re.compile(r"\s*\(?\b[cC]/[oO0]\b.*$")
_PARENTHESES = re.compile(r"\s*\([^()]*\)")


def is_name(text: str) -> bool:
    """Whether a cell's text names someone: not empty, not a placeholder, not only digits.

    >>> [is_name(t) for t in ("Agnès Varda", "n/a", "4", "")]
    [True, False, False, False]
    """
    text = text.strip()
    return bool(text) and text.lower() not in NOT_NAMES and not text.isdigit()


def people(cell: str) -> list[str]:
    """The people a cell credits, each once, in order.

    >>> people("Eric Toledano Et Olivier Nakache")
    ['Eric Toledano', 'Olivier Nakache']
    >>> people("Stéphane et David FOENKINOS")
    ['Stéphane FOENKINOS', 'David FOENKINOS']
    >>> people("Daina REID (Bloc 1) et Damon THOMAS (bloc 2)")
    ['Daina REID', 'Damon THOMAS']
    >>> people("Amy Sherman Palladino / Dan Palladino")
    ['Amy Sherman Palladino', 'Dan Palladino']
    """
    if not is_name(cell):
        return []
    pieces = _PERSON_SEPARATORS.split(_PARENTHESES.sub("", cell))
    parts = [squash(p) for p in pieces[::2]]
    joins = [s.lower() for s in pieces[1::2]]  # the separator after each part
    names = []
    for i, part in enumerate(parts):
        after = parts[i + 1].split() if i + 1 < len(parts) else []
        if " " not in part and len(after) >= 2 and joins[i] in ("et", "and", "&"):
            part = f"{part} {' '.join(after[1:])}"  # "Stéphane et David FOENKINOS": one surname for both
        names.append(_HONORIFIC.sub("", part))  # "Monsieur Mohamed Hamidi" is Mohamed Hamidi
    return list(dict.fromkeys(n for n in names if n and is_name(n)))


def companies(cell: str) -> list[str]:
    """The companies a cell credits, each once, in order.

    >>> companies("SON ET LUMIERE")
    ['SON ET LUMIERE']
    >>> companies("NORD OUEST FILMS / LES PASSAGERS DE LA NUIT")
    ['NORD OUEST FILMS', 'LES PASSAGERS DE LA NUIT']
    >>> companies("GAUMONT C/O GAUMONT PRODUCTIONS")
    ['GAUMONT']
    """
    if not is_name(cell):
        return []
    parts = (squash(_CARE_OF.sub("", p)) for p in _COMPANY_SEPARATORS.split(cell))
    return list(dict.fromkeys(p for p in parts if is_name(p)))


def unusual(cell: str) -> bool:
    """Whether a cell that is not empty names nobody at all ("n/a", "4")."""
    return bool(cell.strip()) and not people(cell)
