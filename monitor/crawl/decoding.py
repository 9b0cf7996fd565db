"""Content-Encoding undone incrementally, so that the size cap counts decoded bytes.

httpx decodes each layer of a chained encoding in full before the next layer
sees it: with ``Content-Encoding: gzip, gzip`` a few kilobytes of gzip-in-gzip
expand to gigabytes before the caller counts a single byte. Here every layer
hands on at most ``PIECE_BYTES`` at a time, and the caller counts what leaves
the last layer, so decoding stops within one piece of the cap however deeply
the bomb is nested; responses stacking more layers than a setting allows are
refused before any byte is decoded.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

# Output handed on per step by one layer: the most any layer holds decoded at
# once, so memory stays flat whatever the compression ratio. A buffer size, not
# a limit on what is accepted (that is the caller's byte cap).
PIECE_BYTES = 64 * 1024

GZIP_WBITS = 16 + zlib.MAX_WBITS
ENCODING_NAMES = {"gzip": "gzip", "x-gzip": "gzip", "deflate": "deflate"}
NO_ENCODING = frozenset({"identity", "none"})


class DecodingError(Exception):
    """A body that cannot be decoded; ``kind`` is 'encoding' (refused) or 'decoding' (corrupt)."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


class _Layer:
    """One gzip or deflate stream, decoded at most PIECE_BYTES per step."""

    def __init__(self, encoding: str):
        self.encoding = encoding
        self._decompressor = zlib.decompressobj(
            GZIP_WBITS if encoding == "gzip" else zlib.MAX_WBITS
        )
        self._started = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        while not self._decompressor.eof:
            try:
                piece = self._decompressor.decompress(data, PIECE_BYTES)
            except zlib.error as error:
                if self.encoding == "deflate" and not self._started:
                    # Many servers send raw deflate without the zlib header the
                    # standard asks for; browsers accept both, so do we.
                    self._decompressor = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._started = True
                    continue
                raise DecodingError("decoding", f"corrupt {self.encoding} data: {error}") from error
            self._started = True
            data = self._decompressor.unconsumed_tail
            if piece:
                yield piece
            # A full piece may leave output pending inside zlib even when all
            # input is consumed: ask again until a step comes back short.
            if not data and len(piece) < PIECE_BYTES:
                return
        # Bytes after the end of the stream are ignored, as browsers and httpx do.

    def finish(self) -> Iterator[bytes]:
        if not self._decompressor.eof:
            tail = self._decompressor.flush()
            if tail:
                yield tail


def encodings_of(content_encoding: str) -> list[str]:
    """The encodings a Content-Encoding header lists, in the order they were applied."""
    names = [name.strip().lower() for name in content_encoding.split(",")]
    return [name for name in names if name and name not in NO_ENCODING]


class BoundedDecoder:
    """Undoes a (possibly chained) Content-Encoding one piece at a time."""

    def __init__(self, content_encoding: str, max_encodings: int):
        encodings = encodings_of(content_encoding)
        if len(encodings) > max_encodings:
            raise DecodingError(
                "encoding",
                f"{len(encodings)} stacked content encodings ({', '.join(encodings)}), "
                f"max_content_encodings={max_encodings}",
            )
        unsupported = [name for name in encodings if name not in ENCODING_NAMES]
        if unsupported:
            raise DecodingError("encoding", f"unsupported content encoding {unsupported[0]!r}")
        # The encoding applied last is listed last and must be undone first.
        self._layers = [_Layer(ENCODING_NAMES[name]) for name in reversed(encodings)]

    def decode(self, raw: bytes) -> Iterator[bytes]:
        """The decoded pieces ``raw`` gives; stop iterating and nothing more is decoded."""
        return self._through(0, raw)

    def finish(self) -> Iterator[bytes]:
        """Whatever the layers still hold once the raw body has ended."""
        for index, layer in enumerate(self._layers):
            for piece in layer.finish():
                yield from self._through(index + 1, piece)

    def _through(self, index: int, data: bytes) -> Iterator[bytes]:
        if index == len(self._layers):
            if data:
                yield data
            return
        for piece in self._layers[index].feed(data):
            yield from self._through(index + 1, piece)
