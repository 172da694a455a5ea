"""SPARQL text for an endpoint that knows nothing of our API: the project's prefixes declared, and
parameters bound as a VALUES block (the Protocol has no substitutions, SEP-0007 is Oxigraph's).

A term is written in its N-Triples form (quotes and newlines escaped), so a value never becomes
query text; it is placed at the head of the WHERE group, where it binds the variable as
substitution would for every variable of the group (its FILTERs, OPTIONALs and EXISTS included).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyoxigraph as ox

from graph.errors import QueryError

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
# Strings, IRIs, variables, prefixed names and comments are skipped whole: braces or keywords in
# them are no structure. An IRI has no spaces; a '<' that starts none is a comparison.
_TOKENS = re.compile(
    r"""(?P<skip>"{3}(?:[^"\\]|\\.|"(?!""))*"{3}|'{3}(?:[^'\\]|\\.|'(?!''))*'{3}"""
    r"""|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>|[?$]\w+"""
    r"""|[\w.-]*:[\w.%-]*|\#[^\n]*)"""
    r"|(?P<open>\{)|(?P<close>\})|(?P<lpar>\()|(?P<rpar>\))|(?P<word>[A-Za-z]+)",
    re.S,
)
_DECLARED = re.compile(r"\bPREFIX\s+([\w.-]*):", re.I)

Binding = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the form of the query (updates have none)."""
    for m in _TOKENS.finditer(text):
        if m.group("word") and m.group("word").upper() in FORMS:
            return m.group("word").upper()
    raise QueryError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE", "query")


def with_prefixes(text: str, prefixes: dict[str, str]) -> str:
    """``text`` with a PREFIX for each of ``prefixes`` it uses without declaring it, all put on
    its first line, so that the endpoint's messages give the lines of ``text``.

    >>> with_prefixes("SELECT * { ?s a schema:Movie }", {"schema": "https://schema.org/"})
    'PREFIX schema: <https://schema.org/> SELECT * { ?s a schema:Movie }'
    """
    declared = set(_DECLARED.findall(text))
    declarations = [
        f"PREFIX {name}: <{iri}> "
        for name, iri in prefixes.items()
        if name not in declared and re.search(rf"(?<![\w:<]){re.escape(name)}:", text)
    ]
    return "".join([*declarations, text])


def with_values(text: str, bindings: dict[ox.Variable, Binding]) -> str:
    """``text`` with ``bindings`` as a one-row VALUES block at the head of its WHERE group.

    >>> with_values("SELECT ?n WHERE { ?f <p> ?n }", {ox.Variable("f"): ox.NamedNode("http://x/f")})
    'SELECT ?n WHERE { VALUES (?f) { (<http://x/f>) } ?f <p> ?n }'
    """
    if not bindings:
        return text
    names = " ".join(str(v) for v in bindings)
    terms = " ".join(str(t) for t in bindings.values())
    block = f"VALUES ({names}) {{ ({terms}) }}"
    at = _where_group(text)
    if at is None:  # DESCRIBE without WHERE: a trailing VALUES clause is the grammar's place
        return f"{text}\n{block}"
    return f"{text[:at]} {block}{text[at:]}"


def with_binds(text: str, bindings: dict[ox.Variable, Binding]) -> str:
    """``text`` with a BIND of each binding at the head of its WHERE group: the same solutions as
    ``with_values``, in the form Virtuoso 7 needs to start a transitive path (``p*``) from it.

    >>> with_binds("SELECT ?n WHERE { ?f <p> ?n }", {ox.Variable("f"): ox.NamedNode("http://x/f")})
    'SELECT ?n WHERE { BIND (<http://x/f> AS ?f) ?f <p> ?n }'
    """
    if not bindings:
        return text
    block = " ".join(f"BIND ({term} AS {var})" for var, term in bindings.items())
    at = _where_group(text)
    if at is None:
        return with_values(text, bindings)
    return f"{text[:at]} {block}{text[at:]}"


@lru_cache(maxsize=256)  # a named query is bound again and again: scan its text once
def _where_group(text: str) -> int | None:
    """Where the top-level WHERE group opens (just after its brace), or None if it has none."""
    form, depth, parens, template = None, 0, 0, False
    for m in _TOKENS.finditer(text):
        kind = m.lastgroup
        if kind == "word" and depth == 0 and parens == 0:
            word = m.group().upper()
            if form is None and word in FORMS:
                form, template = word, word == "CONSTRUCT"
            elif word == "WHERE" and template:
                raise QueryError(
                    "a CONSTRUCT WHERE query cannot take parameters on an endpoint; "
                    "write CONSTRUCT { template } WHERE { pattern }",
                    "query",
                )
        elif kind == "open":
            if form is not None and depth == 0 and parens == 0:
                if not template:
                    return m.end()
                template = False  # this group is the CONSTRUCT template: the next one is WHERE
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "lpar":
            parens += 1
        elif kind == "rpar":
            parens -= 1
    return None


# Comments, strings and IRIs are skipped so that a FROM inside them does not count.
_DATASET_TOKENS = re.compile(
    r"""(?P<skip>\#[^\n]*|'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"
        |<[^<>"{}|^`\\\s]*>)
      |(?P<from>(?<![\w?$:])FROM(?=\s))""",
    re.X | re.S | re.I,
)


def has_dataset_clause(text: str) -> bool:
    """Whether a query names its own dataset (FROM or FROM NAMED).

    pyoxigraph's ``use_default_graph_as_union`` overrides FROM, so a query with FROM must run
    without it (``pariskg query``, ``pariskg serve``).

    >>> has_dataset_clause('SELECT * FROM <urn:g> { ?s ?p "FROM x" }')
    True
    >>> has_dataset_clause('SELECT ?from { ?from <urn:p> "FROM <urn:g>" } # FROM <urn:h>')
    False
    """
    return any(m.group("from") for m in _DATASET_TOKENS.finditer(text))
