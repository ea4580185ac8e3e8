"""Every change goes through a service here: one transaction, with its audit entries.

ui/ receives only the frozen dataclasses of dto.py from these services.
"""
