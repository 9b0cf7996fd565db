"""One actor of a document: a person, an organisation or a group, as stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Actor:
    id: str
    name: str
    kind: str
    type: str
    role: str | None = None
    country: str | None = None
    mentions: int = 0
    positions: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "type": self.type,
            "role": self.role,
            "country": self.country,
            "mentions": self.mentions,
        }
