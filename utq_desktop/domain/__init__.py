"""Domain model: enums, workflow rules and (in models.py) the SQLAlchemy tables."""
