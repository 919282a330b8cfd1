"""What a resident notices when they attach a file: photos lose their location but not their
pixels or the way up they were taken, documents are accepted or refused with a message that says
why, and nothing is decided by the file's name. Every fixture is built here, in memory."""
import io
import struct
import time
import zipfile
import zlib

import pytest
from PIL import ExifTags, Image, PngImagePlugin

from app.attachments import content
from app.attachments.content import ACCEPTED_WORDS, Refused, check, clean_filename

WRONG_TYPE = "The selected file must be " + ACCEPTED_WORDS
UNREADABLE = "The selected file could not be opened. Try saving it again, or choose a different file"
MACROS = "The selected file must not contain macros. Save it as a Word document without macros, or as a PDF"
PASSWORD = "The selected file must not be password protected"
POSTCODE = "SW1A 2AA"


def refusal(filename, data, **kwargs):
    with pytest.raises(Refused) as raised:
        check(filename, data, **kwargs)
    return str(raised.value)


def picture(mode="RGB", size=(96, 64)):
    """A gradient, so that pixels differ and any re-encoding would show."""
    image = Image.new(mode, size)
    image.putdata([((x * 7 + y) % 256, (y * 5) % 256, (x + y * 3) % 256) for y in range(size[1])
                   for x in range(size[0])])
    return image


def located_exif(orientation=None):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Phonecam"
    exif[ExifTags.Base.Model] = "Pocket 9"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 4.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (0.0, 7.0, 39.0)
    return exif


def located_jpeg(orientation=6):
    out = io.BytesIO()
    picture().save(out, "JPEG", quality=85, exif=located_exif(orientation).tobytes(),
                   comment=b"taken outside 10 Downing Street",
                   xmp=b'<x:xmpmeta><rdf:Description exif:GPSLatitude="51,30.075N"/></x:xmpmeta>')
    return out.getvalue()


def after_sos(data):
    """The bytes from the first SOS marker on, found by walking the marker segments."""
    pos = 2
    while data[pos + 1] != 0xDA:
        pos += 2 + struct.unpack(">H", data[pos + 2:pos + 4])[0]
    return data[pos:]


def png_chunks(data):
    pos, kinds = 8, []
    while pos < len(data):
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        kinds.append(data[pos + 4:pos + 8])
        pos += 12 + length
    return kinds


def png_of_zeros(width, height, bits=1, colour=0):
    """A valid PNG of one colour, compressed row by row without holding the pixels in memory."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    row = bytes(1 + (width * bits + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row * 1000) for _thousand in range(height // 1000))
    idat += compressor.compress(row * (height % 1000)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, bits, colour, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat)
            + chunk(b"IEND", b""))


def pdf(trailer=b""):
    """A one-page PDF written by hand, with a correct cross-reference table."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj %s endobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer << /Size %d /Root 1 0 R %s>>\n" % (len(objects) + 1, trailer)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return out


MINIMAL_PDF = pdf()


def docx(*extra, content_types=b'<Types><Default Extension="xml" ContentType="application/xml"/></Types>'):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("word/document.xml", b"<w:document><w:body><w:p>Bins not collected</w:p></w:body>"
                                              b"</w:document>")
        for name in extra:
            archive.writestr(name, b"\x00" * 64)
    return out.getvalue()


def ole(*names):
    """An OLE2 compound file's header and a directory sector holding `names` (UTF-16LE entries)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    entries = b""
    for name in ("Root Entry",) + names:
        encoded = (name + "\x00").encode("utf-16-le")
        entries += encoded.ljust(64, b"\x00") + struct.pack("<H", len(encoded)) + bytes(62)
    return header + entries.ljust(512, b"\x00") + bytes(1024)


# --- photos -----------------------------------------------------------------------------------

def test_a_phone_photo_loses_its_location_and_camera_but_keeps_its_pixels_and_orientation():
    original = located_jpeg(orientation=6)
    before = Image.open(io.BytesIO(original))
    assert before.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude] == (51.0, 30.0, 4.5)
    assert before.getexif()[ExifTags.Base.Make] == "Phonecam"

    checked = check("IMG_2041.jpg", original)

    assert (checked.kind, checked.content_type, checked.filename) == ("image", "image/jpeg", "IMG_2041.jpg")
    assert checked.location_removed and checked.metadata_removed
    after = Image.open(io.BytesIO(checked.data))
    exif = after.getexif()
    assert exif.get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert ExifTags.Base.Make not in exif and ExifTags.Base.Model not in exif
    assert exif[ExifTags.Base.Orientation] == 6
    assert "xmp" not in after.info and "comment" not in after.info
    assert b"Downing" not in checked.data and b"GPS" not in checked.data
    assert after.tobytes() == before.tobytes()
    assert after_sos(checked.data) == after_sos(original)  # the compressed picture, byte for byte


def test_a_photo_taken_upright_gets_no_exif_at_all():
    checked = check("photo.jpg", located_jpeg(orientation=None))

    assert checked.location_removed
    assert b"Exif" not in checked.data
    assert Image.open(io.BytesIO(checked.data)).getexif() == {}


def test_a_photo_without_metadata_is_stored_as_it_came():
    out = io.BytesIO()
    picture().save(out, "JPEG")

    checked = check("plain.jpg", out.getvalue())

    assert checked.data == out.getvalue()
    assert not checked.location_removed and not checked.metadata_removed


def test_whatever_follows_the_end_of_a_jpeg_is_not_stored():
    hidden = b"Exif\x00\x00" + located_exif().tobytes()[6:] + b"<script>alert(1)</script>"
    out = io.BytesIO()
    picture().save(out, "JPEG")

    checked = check("photo.jpg", out.getvalue() + hidden)

    assert checked.data == out.getvalue()
    assert checked.location_removed and checked.metadata_removed


def test_a_png_loses_its_text_and_exif_but_not_its_pixels():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", f"Outside number 4, {POSTCODE}")
    out = io.BytesIO()
    picture().save(out, "PNG", pnginfo=info, exif=located_exif().tobytes())
    original = out.getvalue()
    assert {b"tEXt", b"eXIf"} <= set(png_chunks(original))

    checked = check("screenshot.png", original)

    assert (checked.kind, checked.content_type) == ("image", "image/png")
    assert png_chunks(checked.data) == [b"IHDR", b"IDAT", b"IEND"]
    assert POSTCODE.encode() not in checked.data
    assert checked.location_removed and checked.metadata_removed
    assert Image.open(io.BytesIO(checked.data)).tobytes() == Image.open(io.BytesIO(original)).tobytes()


def test_a_png_with_a_damaged_chunk_could_not_be_opened():
    out = io.BytesIO()
    picture().save(out, "PNG")
    damaged = bytearray(out.getvalue())
    damaged[40] ^= 0xFF  # inside the IDAT chunk, so its CRC no longer matches

    assert refusal("picture.png", bytes(damaged)) == UNREADABLE


def test_an_animated_gif_keeps_its_frames_but_not_its_comment():
    frames = [Image.new("RGB", (20, 20), colour) for colour in ("red", "green", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0,
                   comment=b"our street, " + POSTCODE.encode())
    assert POSTCODE.encode() in out.getvalue()

    checked = check("funny.gif", out.getvalue())

    assert (checked.kind, checked.content_type) == ("image", "image/gif")
    assert POSTCODE.encode() not in checked.data
    assert checked.metadata_removed and not checked.location_removed
    cleaned = Image.open(io.BytesIO(checked.data))
    assert cleaned.n_frames == 3 and cleaned.info["duration"] == 100
    assert "comment" not in cleaned.info


def test_a_webp_loses_its_location():
    out = io.BytesIO()
    picture().save(out, "WEBP", exif=located_exif(), quality=90)
    assert Image.open(io.BytesIO(out.getvalue())).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    checked = check("pothole.webp", out.getvalue())

    assert (checked.kind, checked.content_type, checked.filename) == ("image", "image/webp", "pothole.webp")
    assert checked.location_removed and checked.metadata_removed
    cleaned = Image.open(io.BytesIO(checked.data))
    assert cleaned.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert b"EXIF" not in checked.data and b"Phonecam" not in checked.data
    assert cleaned.size == (96, 64)


def test_a_truncated_photo_could_not_be_opened():
    assert refusal("photo.jpg", located_jpeg()[:-400]) == UNREADABLE


def test_a_decompression_bomb_is_refused_without_being_decoded():
    bomb = png_of_zeros(20_000, 20_000)  # 400 megapixels in well under a megabyte
    assert len(bomb) < 1024 * 1024

    started = time.perf_counter()
    assert refusal("bomb.png", bomb) == UNREADABLE
    assert time.perf_counter() - started < 1


def test_a_picture_over_40_megapixels_is_refused_even_below_pillows_own_limit():
    assert refusal("huge.png", png_of_zeros(8_000, 6_000, bits=8)) == UNREADABLE


# --- things that are not what they say -----------------------------------------------------------

@pytest.mark.parametrize("filename, data", [
    ("photo.jpg", b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"),
    ("letter.pdf", b"<html><body>%PDF-1.4 a web page pretending\n%%EOF</body></html>"),
    ("drawing.svg", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>'),
    ("photo.png", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200)),
    ("notes.txt", b"Please fix the streetlight on Mill Lane."),
])
def test_anything_but_a_photo_pdf_or_word_document_is_the_wrong_type(filename, data):
    assert refusal(filename, data) == WRONG_TYPE


def test_a_zip_that_is_not_a_word_document_is_the_wrong_type():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert refusal("document.docx", out.getvalue()) == WRONG_TYPE


def test_an_empty_file_is_refused():
    assert refusal("photo.jpg", b"") == "The selected file is empty"


def test_a_file_over_the_limit_is_refused_before_it_is_read():
    assert refusal("big.jpg", b"\xff\xd8\xff" + bytes(20 * 1024 * 1024)) == (
        "The selected file must be smaller than 10MB")


def test_the_size_in_the_message_follows_the_limit():
    assert refusal("a.pdf", MINIMAL_PDF, max_bytes=100) == "The selected file must be smaller than 1KB"
    assert refusal("a.jpg", bytes(3 * 1024 * 1024), max_bytes=2 * 1024 * 1024) == (
        "The selected file must be smaller than 2MB")


# --- PDF and Word --------------------------------------------------------------------------------

def test_a_pdf_is_accepted_whatever_it_is_called():
    checked = check("letter", MINIMAL_PDF)

    assert (checked.kind, checked.content_type, checked.filename) == ("pdf", "application/pdf", "letter.pdf")
    assert checked.data == MINIMAL_PDF


def test_a_password_protected_pdf_is_refused():
    assert refusal("statement.pdf", pdf(trailer=b"/Encrypt 5 0 R ")) == PASSWORD


def test_a_pdf_cut_short_could_not_be_opened():
    assert refusal("letter.pdf", MINIMAL_PDF[:-20] + bytes(3000)) == UNREADABLE


def test_a_word_document_is_accepted():
    checked = check("complaint.docx", docx())

    assert (checked.kind, checked.content_type, checked.filename) == ("word", content.DOCX, "complaint.docx")


@pytest.mark.parametrize("data", [
    docx("word/vbaProject.bin"),
    docx(content_types=b'<Types><Override PartName="/word/document.xml" '
                       b'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'),
])
def test_a_word_document_with_macros_is_refused(data):
    assert refusal("complaint.docm", data) == MACROS


def test_an_old_word_document_is_accepted_and_named_for_what_it_is():
    checked = check("minutes.rtf", ole("WordDocument", "1Table"))

    assert checked.kind == "word"
    assert (checked.content_type, checked.filename) == ("application/msword", "minutes.doc")


def test_an_old_word_document_with_macros_is_refused():
    assert refusal("minutes.doc", ole("WordDocument", "1Table", "Macros", "VBA")) == MACROS


def test_a_password_protected_word_document_is_refused():
    assert refusal("private.docx", ole("EncryptionInfo", "EncryptedPackage")) == PASSWORD


def test_an_office_file_that_is_not_word_is_the_wrong_type():
    assert refusal("budget.doc", ole("Workbook")) == WRONG_TYPE


# --- names ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("given, kept", [
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\me\\photo.jpg", "photo.jpg"),
    ("bin\x00day\x07\x1b[31m.jpg", "binday[31m.jpg"),
    ("  holiday \t\n photo .jpg", "holiday photo .jpg"),
    ("invoice\u202egpj.exe", "invoicegpj.exe"),
    ('what? <why> "me" | *.pdf', "what why me .pdf"),
    ("...hidden", "hidden"),
    ("", "file"),
    ("../..", "file"),
])
def test_clean_filename(given, kept):
    assert clean_filename(given) == kept


def test_a_long_name_is_shortened_keeping_its_extension():
    name = clean_filename("x" * 300 + ".jpg")

    assert len(name) <= 120 and name.endswith("x.jpg")


@pytest.mark.parametrize("given, kept", [
    ("photo.html", "photo.jpg"),
    ("a.JPEG", "a.JPEG"),
    ("photo", "photo.jpg"),
    ("my.holiday snap", "my.holiday snap.jpg"),
    ("photo.jpg.exe", "photo.jpg"),
])
def test_the_extension_follows_what_the_file_really_is(given, kept):
    out = io.BytesIO()
    picture().save(out, "JPEG")
    assert check(given, out.getvalue()).filename == kept
