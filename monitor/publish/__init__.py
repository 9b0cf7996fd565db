"""Publish: the Datasette site, the daily digests and alerts, and the mail that
carries them."""
