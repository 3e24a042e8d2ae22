"""Imported by the isolation forkserver before it forks any child: the engine's lazy, costly
first uses (pint's unit registry, about 0.15 s; the PDF reader and pypdfium2, 30 ms), done
once, so every warm or recycled child starts with them. Importing this module is the warm-up."""

from core.analysis.extraction.readers import pdf as _pdf  # noqa: F401  (imports pypdfium2)
from core.analysis.extraction.units import registry

registry()
