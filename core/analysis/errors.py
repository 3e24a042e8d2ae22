"""The exception raised for a file that cannot be analysed, carrying a sentence for people."""


class ReportError(Exception):
    """A file that cannot be analysed; `str(error)` says what was wrong and what to do."""

    def __init__(self, sentence: str) -> None:
        super().__init__(sentence)
        self.sentence = sentence

    def __str__(self) -> str:
        return self.sentence
