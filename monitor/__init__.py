"""Migration-policy news monitor: crawl, analyse and publish what is said about migration."""

__version__ = "0.1.0"
