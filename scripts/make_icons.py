"""Draw the app's neutral icons as PNG files into static/icons/ (run: make icons).

The design matches static/icons/icon.svg (a rounded square with a white note and three lines) and
says nothing about what the app covers. Pure Python (zlib + struct), so it needs no image library
and gives the same bytes on every machine. Shapes are drawn from signed distances, which gives
smooth, anti-aliased edges at any size.
"""

import argparse
import math
import struct
import zlib
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent.parent / "static" / "icons"

BRAND = (0x1D, 0x4F, 0x6E)  # the SVG's and the manifest's theme colour
NOTE = (0xFF, 0xFF, 0xFF)

# The SVG's geometry, in its 64-unit view box.
VIEW = 64.0
BACKGROUND = {"x": 0, "y": 0, "w": 64, "h": 64, "r": 14}
NOTE_RECT = {"x": 16, "y": 14, "w": 32, "h": 36, "r": 4}
LINES = [((22, 24), (42, 24)), ((22, 31), (42, 31)), ((22, 38), (34, 38))]
LINE_HALF_WIDTH = 1.5

# name: (pixel size, full-bleed background, scale of the note about the centre)
# Maskable icons fill the square (the phone cuts its own shape) and keep the note well inside the
# central safe zone, a circle of 40% of the size; the apple-touch-icon is also full-bleed, since
# iOS rounds the corners itself and shows transparency as black.
ICONS = {
    "icon-192.png": (192, False, 1.0),
    "icon-512.png": (512, False, 1.0),
    "maskable-192.png": (192, True, 0.8),
    "maskable-512.png": (512, True, 0.8),
    "apple-touch-icon.png": (180, True, 0.9),
    "favicon-32.png": (32, False, 1.0),
}


def rounded_rect_distance(px: float, py: float, rect: dict) -> float:
    """Signed distance from a point to a rounded rectangle (negative inside)."""
    half_w, half_h, radius = rect["w"] / 2, rect["h"] / 2, rect["r"]
    qx = abs(px - (rect["x"] + half_w)) - (half_w - radius)
    qy = abs(py - (rect["y"] + half_h)) - (half_h - radius)
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    return outside + min(max(qx, qy), 0.0) - radius


def segment_distance(px: float, py: float, start: tuple, end: tuple) -> float:
    """Distance from a point to a line segment (a stroke with round caps, less its half width)."""
    (ax, ay), (bx, by) = start, end
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def coverage(distance: float, pixel: float) -> float:
    """How much of a pixel a shape covers, from the signed distance at its centre."""
    return max(0.0, min(1.0, 0.5 - distance / pixel))


def over(top: tuple, alpha: float, bottom: tuple) -> tuple:
    return tuple(t * alpha + b * (1 - alpha) for t, b in zip(top, bottom, strict=True))


def draw(size: int, full_bleed: bool, scale: float) -> bytes:
    """RGBA rows, each prefixed with PNG filter type 0."""
    pixel = VIEW / size  # one pixel, in view-box units
    centre = VIEW / 2
    rows = bytearray()
    for row in range(size):
        rows.append(0)
        for column in range(size):
            x = (column + 0.5) * pixel
            y = (row + 0.5) * pixel
            alpha = 1.0 if full_bleed else coverage(rounded_rect_distance(x, y, BACKGROUND), pixel)
            # The note and its lines, drawn at `scale` about the centre.
            nx = centre + (x - centre) / scale
            ny = centre + (y - centre) / scale
            note_pixel = pixel / scale
            colour = BRAND
            note = coverage(rounded_rect_distance(nx, ny, NOTE_RECT), note_pixel)
            if note > 0:
                colour = over(NOTE, note, colour)
                line = max(
                    coverage(segment_distance(nx, ny, a, b) - LINE_HALF_WIDTH, note_pixel)
                    for a, b in LINES
                )
                colour = over(BRAND, line, colour)
            rows += bytes(round(channel) for channel in colour)
            rows.append(round(alpha * 255))
    return bytes(rows)


def png(size: int, rgba_rows: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rgba_rows, 9))
        + chunk(b"IEND", b"")
    )


def make_icons(out_dir: Path = OUT_DIR) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (size, full_bleed, scale) in ICONS.items():
        path = out_dir / name
        path.write_bytes(png(size, draw(size, full_bleed, scale)))
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    make_icons(parser.parse_args().out)


if __name__ == "__main__":
    main()
