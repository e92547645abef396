"""Helpers of the alert tests: a real SMTP server on 127.0.0.1 and small stores built for each condition."""
