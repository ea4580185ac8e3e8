"""The Portfolio tab: a candidate's dossier — evidence, attachments, class observations,
coverage per criterion, feedback, readiness and submission (issue 5)."""
