"""Engines, sessions, schema versions and backups. Used by services/, never by ui/."""
