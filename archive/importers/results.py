"""What a reader yields for each document it finds in a file: the document or why it failed."""

from __future__ import annotations

from dataclasses import dataclass

from archive.importers.documents import DocumentData


@dataclass
class ReadResult:
    source: str
    position: str
    document: DocumentData | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.document is not None

    def describe(self) -> str:
        """``path: line 3: reason``, the one line a command prints for a bad document."""
        where = f"{self.source}: {self.position}" if self.position else self.source
        return f"{where}: {self.error}"
