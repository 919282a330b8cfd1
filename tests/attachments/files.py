"""Files for attachment tests, built in the test (no binary fixtures in the repository)."""
import io

GPS = 0x8825
ORIENTATION = 0x0112


def jpeg_with_location(size=(64, 48), words=""):
    """A real JPEG whose EXIF holds a GPS position (and a camera make)."""
    from PIL import Image

    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "CanaryCam " + words  # Make
    exif[ORIENTATION] = 1
    exif.get_ifd(GPS).update({1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (1.0, 15.0, 3.25)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=90)
    return out.getvalue()


def has_location(data):
    from PIL import Image

    return bool(Image.open(io.BytesIO(data)).getexif().get_ifd(GPS))


def pdf(words="A letter"):
    """A small, valid one-page PDF whose text is `words` (so a grep can find them)."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pageCompression=0)
    page.drawString(72, 720, words)
    page.showPage()
    page.save()
    return out.getvalue()


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
