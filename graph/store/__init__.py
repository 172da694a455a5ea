"""Store: the embedded Oxigraph store of a build and SPARQL over it, or over a remote endpoint.

Takes quads (the build's) or a build folder and gives SPARQL answers: the store in out/store
(embedded), named queries and bound parameters (query, sparql_text), names to IRIs (lookup), a
remote SPARQL 1.1 endpoint behind the same interface (remote) and pushing a build there (push).
May import the ground floor and the stages before it (sources to check).
"""
