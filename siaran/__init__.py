"""Siaran: the plain-Python core of the portal (content model, validation,
dates, build pipeline). Pelican is imported only by the build glue."""

__version__ = "0.1.0"
