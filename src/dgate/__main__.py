"""`python -m dgate`: the `dgate` command."""

from dgate.cli import main

if __name__ == "__main__":
    main()
