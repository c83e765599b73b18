"""Disclosure Gate: the tax agency's side of 26 U.S.C. 6103(i)(2) address requests."""

__version__ = "0.1.0"
