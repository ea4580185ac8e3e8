"""The Learning route tab: planned activities per competence, their progress, a timeline
picture from intake to deadline, undoable edits and a PDF for the candidate."""
