"""The command line's commands, grouped by what they work on; ``monitor/cli.py``
assembles them. Each only parses arguments and calls the library."""
