"""Missiemonitor: monitoring and effect measurement of the Dutch mission-driven innovation policy."""
