"""Photos residents send: proved to be images by Pillow, then cleaned of metadata, location above all.

JPEG and PNG are cleaned losslessly by dropping metadata segments and chunks (the compressed pixels
are kept byte for byte); GIF and WebP are re-encoded by Pillow without metadata. Anything that does
not open, is truncated, or is too big to decode safely raises BadImage.
"""
import contextlib
import io
import re
import warnings
import zlib
from dataclasses import dataclass, field

from PIL import Image

MAX_PIXELS = 40_000_000
MAX_ANIMATION_PIXELS = 400_000_000  # all frames of an animation together
FORMATS = {"jpeg": ("JPEG", "MPO"), "png": ("PNG",), "gif": ("GIF",), "webp": ("WEBP",)}

GPS_IFD = 0x8825
ORIENTATION = 0x0112
EXIF_PREFIX = b"Exif\x00\x00"


class BadImage(Exception):
    """The bytes start like an image but do not open as one, or would cost too much to decode."""


@dataclass(frozen=True)
class Cleaned:
    data: bytes = field(repr=False)
    location_removed: bool
    metadata_removed: bool


def clean(fmt, data):
    """Check that `data` (sniffed as `fmt`: "jpeg", "png", "gif" or "webp") opens and decodes, and
    return it without metadata. Raises BadImage."""
    with _pillow_errors():
        _check_opens(fmt, data)
        cleaned = _CLEANERS[fmt](data)
        _check_no_location(fmt, cleaned.data)
    return cleaned


@contextlib.contextmanager
def _pillow_errors():
    """Decompression-bomb warnings become errors, and anything Pillow (or the walkers below) raise
    on hostile bytes becomes BadImage: its decoders raise OSError, SyntaxError, ValueError,
    struct.error, EOFError, IndexError and more."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            yield
        except BadImage:
            raise
        except MemoryError:
            raise
        except Exception as error:
            raise BadImage(str(error)) from error


def _open(fmt, data):
    return Image.open(io.BytesIO(data), formats=FORMATS[fmt])


def _check_opens(fmt, data):
    image = _open(fmt, data)
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise BadImage(f"{width}x{height} is more than {MAX_PIXELS} pixels")
    frames = getattr(image, "n_frames", 1)
    if width * height * frames > MAX_ANIMATION_PIXELS:
        raise BadImage(f"{frames} frames of {width}x{height}")
    image.verify()
    _open(fmt, data).load()  # verify() leaves the image unusable, and does not decode JPEG at all


def _check_no_location(fmt, data):
    """Defence in depth: the cleaned bytes must carry no GPS, whatever the cleaner missed."""
    image = _open(fmt, data)
    if image.getexif().get_ifd(GPS_IFD) or _mentions_gps(image.info.get("xmp")):
        raise BadImage("location survived cleaning")


def _mentions_gps(text):
    if isinstance(text, str):
        text = text.encode("utf-8", "replace")
    return bool(text) and b"GPS" in text


def _exif_facts(payload):
    """(orientation or None, whether it has location) of an Exif block, with or without the
    'Exif\\0\\0' prefix. A block Pillow cannot read still counts as located if the GPS tag's bytes
    are in it, in either byte order."""
    exif = Image.Exif()
    try:
        exif.load(payload)
        orientation = exif.get(ORIENTATION)
        located = bool(exif.get_ifd(GPS_IFD))
    except Exception:
        return None, b"\x88\x25" in payload or b"\x25\x88" in payload
    if not isinstance(orientation, int) or not 1 <= orientation <= 8:
        orientation = None
    return orientation, located


# --- JPEG -------------------------------------------------------------------------------------

_KEPT_APPS = {0xE0: b"JFIF\x00", 0xE2: b"ICC_PROFILE\x00", 0xEE: b"Adobe"}
_XMP_ORIENTATION = re.compile(rb"tiff:Orientation(?:\s*=\s*[\"']|>)\s*([1-8])")


def _jpeg_pieces(data):
    """Yield (marker, start, end) for each piece of a JPEG after SOI, up to and including EOI:
    marker segments (with their FF xx header) and, as marker None, the entropy-coded data after
    each SOS, found by skipping stuffed FF00 bytes and restart markers."""
    pos, size, scan = 2, len(data), False
    while True:
        if scan:
            end = _end_of_scan(data, pos)
            yield None, pos, end
            pos = end
        if pos >= size or data[pos] != 0xFF:
            raise BadImage("expected a JPEG marker")
        while pos < size and data[pos] == 0xFF:  # fill bytes
            pos += 1
        if pos >= size:
            raise BadImage("JPEG ends inside a marker")
        marker, start = data[pos], pos - 1
        pos += 1
        if marker == 0xD9:
            yield marker, start, pos
            return
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            yield marker, start, pos
            scan = False
            continue
        if marker in (0x00, 0xD8) or pos + 2 > size:
            raise BadImage("bad JPEG marker")
        length = int.from_bytes(data[pos:pos + 2], "big")
        if length < 2 or pos + length > size:
            raise BadImage("JPEG segment runs past the end")
        pos += length
        yield marker, start, pos
        scan = marker == 0xDA


def _end_of_scan(data, pos):
    while True:
        found = data.find(b"\xff", pos)
        if found < 0 or found + 1 >= len(data):
            raise BadImage("JPEG has no end of image")
        following = data[found + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            pos = found + 2
            continue
        return found


def _keep_jpeg_segment(marker, payload):
    if marker == 0xFE or 0xE0 <= marker <= 0xEF:  # COM and APPn: only the three that affect display
        signature = _KEPT_APPS.get(marker)
        return signature is not None and payload.startswith(signature)
    return True


def _clean_jpeg(data):
    out, removed, located, orientation, xmp_orientation = [b"\xff\xd8"], False, False, None, None
    after_jfif, end = 1, 2
    for marker, start, end in _jpeg_pieces(data):
        payload = data[start + 4:end]
        if marker is None or _keep_jpeg_segment(marker, payload):
            out.append(data[start:end])
            if marker == 0xE0 and len(out) == 2:
                after_jfif = 2
            continue
        removed = True
        if marker == 0xE1 and payload.startswith(EXIF_PREFIX):
            found, gps = _exif_facts(payload)
            orientation = orientation or found
            located = located or gps
        elif marker == 0xE1:
            located = located or _mentions_gps(payload)
            match = _XMP_ORIENTATION.search(payload)
            xmp_orientation = xmp_orientation or (match and int(match.group(1)))
    trailer = data[end:]  # after EOI: multi-picture extras (with their own Exif) or junk
    if trailer.strip(b"\x00"):
        removed = True
        exif_at = trailer.find(EXIF_PREFIX)
        located = located or (exif_at >= 0 and _exif_facts(trailer[exif_at:exif_at + 65535])[1])
    segment = _orientation_segment(orientation or xmp_orientation)
    if segment:
        out.insert(after_jfif, segment)
    return Cleaned(b"".join(out), bool(located), removed)


def _orientation_segment(orientation):
    """A minimal APP1 Exif segment holding only Orientation, so a sideways phone photo stays upright."""
    if not orientation or orientation == 1:
        return b""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    payload = exif.tobytes()
    if payload.startswith((b"MM\x00*", b"II*\x00")):
        payload = EXIF_PREFIX + payload
    if not payload.startswith(EXIF_PREFIX):
        return b""  # better a sideways photo than a malformed segment
    return b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload


# --- PNG --------------------------------------------------------------------------------------

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Ancillary chunks that only affect how the pixels are shown (colour, transparency, animation).
# Everything else ancillary goes: eXIf, tEXt, zTXt, iTXt, tIME and private chunks.
_PNG_KEPT = {b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB", b"cICP", b"mDCV", b"cLLI",
             b"bKGD", b"hIST", b"pHYs", b"sPLT", b"acTL", b"fcTL", b"fdAT"}
_CHUNK_TYPE = re.compile(rb"[A-Za-z]{4}")


def _clean_png(data):
    out, removed, located, pos, size = [PNG_SIGNATURE], False, False, len(PNG_SIGNATURE), len(data)
    while True:
        if pos + 12 > size:
            raise BadImage("PNG ends without IEND")
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind, end = data[pos + 4:pos + 8], pos + 12 + length
        if length > 0x7FFFFFFF or end > size or not _CHUNK_TYPE.fullmatch(kind):
            raise BadImage("bad PNG chunk")
        if pos == len(PNG_SIGNATURE) and kind != b"IHDR":
            raise BadImage("PNG does not start with IHDR")
        body = data[pos + 8:end - 4]
        if zlib.crc32(body, zlib.crc32(kind)) != int.from_bytes(data[end - 4:end], "big"):
            raise BadImage(f"bad CRC in PNG chunk {kind!r}")
        if kind[0] < 0x61 or kind in _PNG_KEPT:  # upper-case first letter: critical, always kept
            out.append(data[pos:end])
        else:
            removed = True
            located = located or (_exif_facts(body)[1] if kind == b"eXIf" else _mentions_gps(body))
        pos = end
        if kind == b"IEND":
            break
    removed = removed or bool(data[pos:].strip(b"\x00"))
    return Cleaned(b"".join(out), located, removed)


# --- GIF and WebP: re-encoded -----------------------------------------------------------------

def _source_metadata(image):
    """(had location, had any metadata) of an opened GIF or WebP."""
    info = image.info
    located = bool(image.getexif().get_ifd(GPS_IFD)) or _mentions_gps(info.get("xmp"))
    return located, located or any(info.get(key) for key in ("exif", "xmp", "comment", "extension"))


def _clean_gif(data):
    image = _open("gif", data)
    located, removed = _source_metadata(image)
    out = io.BytesIO()
    # Pillow copies the source's comment unless told otherwise; it never writes XMP or other
    # application extensions to GIF.
    image.save(out, format="GIF", save_all=True, comment=b"")
    return Cleaned(out.getvalue(), located, removed)


def _clean_webp(data):
    image = _open("webp", data)
    located, removed = _source_metadata(image)
    out = io.BytesIO()
    image.save(out, format="WEBP", save_all=True, quality=90, lossless=_webp_lossless(data),
               loop=image.info.get("loop", 0), exif=b"", xmp=b"",
               icc_profile=image.info.get("icc_profile") or b"")
    return Cleaned(out.getvalue(), located, removed)


def _webp_lossless(data):
    """Whether every frame is lossless (VP8L), so re-encoding need not lose quality."""
    kinds, pos = set(), 12
    while pos + 8 <= len(data):
        kind, length = data[pos:pos + 4], int.from_bytes(data[pos + 4:pos + 8], "little")
        if kind == b"ANMF":  # an animation frame: 16 bytes of header, then its own chunks
            kinds.update(_riff_kinds(data[pos + 24:pos + 8 + length]))
        kinds.add(kind)
        pos += 8 + length + (length & 1)
    return b"VP8L" in kinds and b"VP8 " not in kinds


def _riff_kinds(data):
    pos = 0
    while pos + 8 <= len(data):
        length = int.from_bytes(data[pos + 4:pos + 8], "little")
        yield data[pos:pos + 4]
        pos += 8 + length + (length & 1)


_CLEANERS = {"jpeg": _clean_jpeg, "png": _clean_png, "gif": _clean_gif, "webp": _clean_webp}
