"""The intake tab's sections, dialogs, chart and models."""
