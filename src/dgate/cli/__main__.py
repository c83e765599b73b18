"""`python -m dgate.cli`: the same as the `dgate` command."""

from dgate.cli import main

main()
