"""factcheck: list an article's check-worthy claims with their sources and check them
against evidence.

The public Python API lives in :mod:`factcheck.api`; the command line in :mod:`factcheck.cli`.
"""

__version__ = "0.1.0"
