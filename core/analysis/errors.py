"""The exception raised for a file that cannot be analysed, carrying a sentence for people."""


class ReportError(Exception):
    """A file that cannot be analysed; `str(error)` says what was wrong and what to do."""

    def __init__(self, sentence: str) -> None:
        super().__init__(sentence)
        self.sentence = sentence

    def __str__(self) -> str:
        return self.sentence


def is_resource_exhaustion(error: BaseException) -> bool:
    """Out of memory, however it surfaced: under RLIMIT_AS also a thread that cannot start
    or a library that cannot be mapped."""
    if isinstance(error, MemoryError):
        return True
    text = str(error).lower()
    return isinstance(error, RuntimeError | OSError | ImportError) and any(
        sign in text
        for sign in ("can't start new thread", "cannot allocate memory", "failed to map segment")
    )
