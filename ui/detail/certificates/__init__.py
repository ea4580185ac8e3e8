"""The candidate's Certificates tab."""
