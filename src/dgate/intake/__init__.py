"""intake stage: reading a batch package (request-format.md) safely.

    from dgate.intake import read_package
    package = read_package(Path("batch-folder-or.zip"))   # InputError if unreadable
"""

from dgate.intake.package import Package, read_package

__all__ = ["Package", "read_package"]
