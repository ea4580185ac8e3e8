"""The artwork of a certificate: the frame, and the logo at the top — the institution's own
image, or the built-in emblem (certificate_emblem).

An institution's logo (PNG, JPEG, …) is prepared once per process by load_logo: flattened
onto white (certificate paper), scaled to print resolution and kept as a high-quality JPEG
(quality 95, no chroma subsampling) in the user's cache folder, named by its content. Each PDF then
embeds that file as it is: ~0.1 ms a certificate, where ReportLab re-encoding a PNG logo
for every file took ~25 ms. A JPEG that needs no change is used directly.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from utq_desktop.documents.certificate_colours import BRASS, NAVY
from utq_desktop.documents.certificate_emblem import Emblem, default_emblem, draw_emblem
from utq_desktop.errors import ValidationError

MAX_LOGO_PIXELS = 900  # longest side kept: ~400 dpi at the 55 mm a logo may take
JPEG_QUALITY = 95


@dataclass(frozen=True, slots=True)
class ImageLogo:
    """An institution's logo, ready to draw: a JPEG file and its size in pixels."""

    path: str
    width: int
    height: int


Logo = Emblem | ImageLogo


def load_logo(path: Path | None) -> Logo:
    """The institution's logo from an image file, or the built-in emblem for None.

    ValidationError names the file when it is missing or not an image.
    """
    if path is None:
        return default_emblem()
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise ValidationError(f"The logo file '{path}' does not exist.", "logo") from None
    except OSError as error:
        raise ValidationError(f"The logo file '{path}' cannot be read: {error}", "logo") from None
    return _prepared(str(path), stat.st_size, stat.st_mtime_ns)


@cache
def _prepared(path: str, size: int, modified: int) -> ImageLogo:
    """The print-ready JPEG of the logo at ``path`` (cached per file version)."""
    from PIL import Image, UnidentifiedImageError

    name = Path(path).name
    try:
        content = Path(path).read_bytes()
        with Image.open(io.BytesIO(content)) as image:
            image.load()
            usable = image.format == "JPEG" and image.mode in ("RGB", "L")
            if usable and max(image.size) <= MAX_LOGO_PIXELS:
                return ImageLogo(path, *image.size)
            flat = _flatten(image)
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise ValidationError(
            f"The logo file '{name}' cannot be read as an image (PNG or JPEG): {error}", "logo"
        ) from None
    buffer = io.BytesIO()
    flat.save(buffer, "JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=True)
    jpeg = buffer.getvalue()
    digest = hashlib.sha256(content).hexdigest()[:24]
    try:
        target = _logo_folder() / f"{digest}-q{JPEG_QUALITY}.jpg"
        if not target.exists():
            _write_once(target, jpeg)
    except OSError:  # no writable cache folder: a private temporary one for this process
        target = Path(tempfile.mkdtemp(prefix="utq-logo-")) / "logo.jpg"
        target.write_bytes(jpeg)
    return ImageLogo(str(target), *flat.size)


def _logo_folder() -> Path:
    from platformdirs import user_cache_dir

    folder = Path(user_cache_dir("utq-desktop", appauthor=False)) / "logos"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _flatten(image: Any) -> Any:
    from PIL import Image

    image.thumbnail((MAX_LOGO_PIXELS, MAX_LOGO_PIXELS), Image.Resampling.LANCZOS)
    if image.mode in ("RGBA", "LA", "PA", "P") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, "white")
        image = Image.alpha_composite(white, rgba)
    return image.convert("L" if image.mode in ("1", "L", "LA", "I", "I;16") else "RGB")


def _write_once(target: Path, content: bytes) -> None:
    """Write ``content`` to ``target`` atomically (several worker processes may race)."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


def draw_logo(canvas: Any, logo: Logo, centre_x: float, top: float, box: float) -> float:
    """Draw ``logo`` centred at ``centre_x`` below ``top``, at most ``box`` points high and
    2.2 ``box`` wide; returns the height it took."""
    if isinstance(logo, Emblem):
        draw_emblem(canvas, logo, centre_x - box / 2, top - box, box)
        return box
    scale = min(box / logo.height, 2.2 * box / logo.width)
    width, height = logo.width * scale, logo.height * scale
    # By file name, ReportLab embeds a JPEG file as it is (an ImageReader it re-encodes).
    # Binary, not ASCII85: its default would stretch the bytes by a quarter and push them
    # through a text codec, ~6 ms a certificate for a 100 KB logo.
    from reportlab import rl_config

    ascii85, rl_config.useA85 = rl_config.useA85, 0
    try:
        canvas.drawImage(logo.path, centre_x - width / 2, top - height, width, height)
    finally:
        rl_config.useA85 = ascii85
    return height


def draw_frame(canvas: Any, width: float, height: float, inset: float) -> None:
    """A double rule round the page, blue outside and brass inside, with small diamonds
    at the inner corners."""
    canvas.addLiteral(_frame_operators(width, height, inset))


@cache
def _frame_operators(width: float, height: float, inset: float) -> str:
    inner = inset + 5.5
    d = 2.6
    out = [
        "q {:.4f} {:.4f} {:.4f} RG 1.6 w".format(*NAVY),
        f"{inset:.2f} {inset:.2f} {width - 2 * inset:.2f} {height - 2 * inset:.2f} re S",
        "{:.4f} {:.4f} {:.4f} RG 0.5 w".format(*BRASS),
        f"{inner:.2f} {inner:.2f} {width - 2 * inner:.2f} {height - 2 * inner:.2f} re S",
        "{:.4f} {:.4f} {:.4f} rg".format(*BRASS),
    ]
    for cx in (inner, width - inner):
        for cy in (inner, height - inner):
            out.append(
                f"{cx:.2f} {cy - d:.2f} m {cx + d:.2f} {cy:.2f} l "
                f"{cx:.2f} {cy + d:.2f} l {cx - d:.2f} {cy:.2f} l h f"
            )
    out.append("Q")
    return "\n".join(out)
