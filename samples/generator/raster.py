"""Scans: a generated PDF page rasterized with pypdfium2, then degraded as cheap scanners do.

Every random draw comes from a NumPy generator seeded per sample, and Pillow's encoders are
deterministic, so the same library versions give the same bytes.
"""

from __future__ import annotations

import io

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

from generator.model import Scan
from generator.pdf import FIXED_DATE


def rasterize(pdf: bytes, dpi: int) -> Image.Image:
    """The first page of `pdf` as an 8-bit grayscale image at `dpi`."""
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        image: Image.Image = bitmap.to_pil().convert("L")
        page.close()
    finally:
        document.close()
    return image


def degrade(image: Image.Image, scan: Scan, seed: int) -> Image.Image:
    """Skew, blur, paper tone, sensor noise and a pass through JPEG, as a cheap office scanner."""
    rng = np.random.default_rng(seed)
    out = image.rotate(scan.angle_deg, resample=Image.Resampling.BICUBIC, fillcolor=255)
    out = out.filter(ImageFilter.GaussianBlur(scan.blur_radius))
    pixels = np.asarray(out, dtype=np.float32)
    pixels = pixels * 0.93 + 10.0  # paper is not white and toner is not black
    pixels += rng.normal(0.0, scan.noise_sigma, pixels.shape).astype(np.float32)
    specks = rng.random(pixels.shape) < 0.0006
    pixels[specks] = rng.uniform(40, 160, int(specks.sum()))
    out = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=scan.jpeg_quality)
    buf.seek(0)
    return Image.open(buf).convert("L")


def _remove_background(image: Image.Image, white_above: int = 215) -> Image.Image:
    return image.point(lambda v: 255 if v > white_above else v)


def encode(image: Image.Image, fmt: str, scan: Scan, title: str) -> bytes:
    """The degraded page as PNG, JPEG, TIFF or an image-only PDF (no text layer)."""
    buf = io.BytesIO()
    dpi = (scan.dpi, scan.dpi)
    if fmt == "png":
        # Scanner software's "remove background" whitens the paper and keeps 4-bit grey; both
        # keep the file small while the text keeps its blur, noise and JPEG ringing.
        cleaned = _remove_background(image)
        cleaned.quantize(16, dither=Image.Dither.NONE).save(buf, "PNG", dpi=dpi, optimize=True)
    elif fmt == "jpeg":
        image.save(buf, "JPEG", quality=scan.jpeg_quality, dpi=dpi)
    elif fmt == "tiff":
        if scan.bilevel:
            bw = image.point(lambda v: 255 if v > 150 else 0).convert("1")
            bw.save(buf, "TIFF", compression="group4", dpi=dpi)
        else:
            _remove_background(image).save(buf, "TIFF", compression="tiff_adobe_deflate", dpi=dpi)
    elif fmt == "pdf_scan":
        date = FIXED_DATE.timetuple()  # Pillow writes a struct_time as a PDF date
        image.save(
            buf,
            "PDF",
            resolution=float(scan.dpi),
            quality=scan.jpeg_quality,
            title=title,
            creationDate=date,
            modDate=date,
        )
    else:
        raise ValueError(f"not an image format: {fmt}")
    return buf.getvalue()


def scan_bytes(pdf: bytes, fmt: str, scan: Scan, seed: int, title: str) -> bytes:
    return encode(degrade(rasterize(pdf, scan.dpi), scan, seed), fmt, scan, title)
