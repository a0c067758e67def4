"""Fault tests: kills, full disks, bad files, untrusted files (see docs/reliability.md)."""
