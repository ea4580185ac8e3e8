"""The certificate register window, verification, the ceremony batch, shared pieces."""
