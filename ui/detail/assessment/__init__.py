"""The Assessment tab: rounds, blind judgements, chair decisions, result and appeals."""
