"""controlbrief: typed, evidenced provisions from export-control notices."""

__version__ = "0.1.0"
