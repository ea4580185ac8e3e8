"""UTQ Desktop core: domain, services, store and documents. Never imports Qt."""

__version__ = "0.1.0"
