"""The assessment register window (View → Assessments…)."""
