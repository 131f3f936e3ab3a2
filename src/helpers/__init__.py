"""Parse, tabulate and report China–US figures on generative AI from source documents."""

from helpers.deferred import defer_rfc3987_syntax

__version__ = "0.1.0"

defer_rfc3987_syntax()
