"""minutes: turn archived meeting minutes into a clean, queryable dataset."""

__version__ = "0.1.0"
