"""The exemption register window (View → Exemption register…): every case, for HR."""
