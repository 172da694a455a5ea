"""CLI: the `pariskg` command, a thin layer over the Python API.

main is the click group and its build and query commands; each other module holds one group
of commands (inspect, analyse, viz, remote, serve) or what they need (common, config,
download). May import every stage; nothing imports the CLI.
"""
