"""Progress for people watching a long command."""

from __future__ import annotations

import sys
from typing import TextIO


class Reporter:
    """Progress on stderr: counts that update in place on a terminal, plain log
    lines otherwise (cron, CI, files)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.terminal = self.stream.isatty()
        self._open_line = False

    def __call__(self, message: str, transient: bool = False) -> None:
        if self.terminal and transient:
            self.stream.write("\r\033[K" + message.strip())
            self.stream.flush()
            self._open_line = True
            return
        if self._open_line:
            self.stream.write("\n")
            self._open_line = False
        self.stream.write(message + "\n")
        self.stream.flush()
