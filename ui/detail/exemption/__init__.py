"""The Exemption tab: exemption cases, their documents and letter, partial certificates."""
