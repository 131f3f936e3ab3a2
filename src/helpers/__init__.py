"""Parse, tabulate and report China–US figures on generative AI from source documents."""

__version__ = "0.1.0"
