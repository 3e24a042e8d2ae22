"""Content-addressed file storage: uploaded bytes live once under their sha256."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class FileStorage:
    """Files under `root/ab/abcdef…`; identical uploads share one copy."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def relative_path(self, digest: str) -> str:
        return f"{digest[:2]}/{digest}"

    def put(self, content: bytes) -> tuple[str, str]:
        """Store `content` (atomically; a no-op when present). Returns (sha256, relative path)."""
        digest = sha256_of(content)
        relative = self.relative_path(digest)
        target = self.root / relative
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            # Write beside the target and rename, so a reader never sees half a file.
            fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            Path(temp).replace(target)
        return digest, relative

    def get(self, relative: str) -> bytes:
        path = (self.root / relative).resolve()
        if self.root.resolve() not in path.parents:
            raise ValueError(f"refusing to read outside the storage directory: {relative}")
        return path.read_bytes()

    def exists(self, relative: str) -> bool:
        return (self.root / relative).exists()
