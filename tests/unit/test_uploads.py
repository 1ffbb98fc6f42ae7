"""What the server accepts as a picture, judged from the bytes alone, with the HTTP status of each refusal
(``opensight.serve._uploads``)."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from opensight._errors import InputError, UploadError, http_status
from opensight.serve._uploads import kind_of_upload, open_picture, open_studio_picture


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` (a decompression bomb's first bytes)."""
    data = bytearray(png(1, 1))
    header = b"IHDR" + struct.pack(">II", width, height) + bytes(data[24:29])
    data[12:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(header))
    return bytes(data)


def refusal(data: bytes, name: str = "upload.bin") -> UploadError:
    with pytest.raises(UploadError) as caught:
        open_picture(data, name)
    return caught.value


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "it looks like a JPEG picture"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "it looks like a PNG picture"),
        (b"GIF89a\x01\x00", "it looks like a GIF picture"),
        (b"RIFF\x24\x08\x00\x00WEBPVP8 ", "it looks like a WebP picture"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00", "it looks like a HEIC picture"),
        (b"RIFF\x24\x08\x00\x00WAVEfmt ", "it looks like WAV audio"),
        (b"\x00\x00\x00\x20ftypisom\x00\x00", "it looks like an MP4/MOV video"),
        (b"\x00\x00\x00\x14ftypqt  \x00\x00", "it looks like an MP4/MOV video"),
        (b"ID3\x04\x00\x00\x00", "it looks like MP3 audio"),
        (b"%PDF-1.7\n", "it looks like a PDF document"),
        (b"PK\x03\x04\x14\x00", "it looks like a ZIP archive or an Office document"),
        (b"  \n<!DOCTYPE html>", "it looks like HTML, XML or SVG text"),
        (b"<HTML><head>", "it looks like HTML, XML or SVG text"),
        (b"<svg xmlns=", "it looks like HTML, XML or SVG text"),
        (b'{"file": "cat.jpg"}', "it looks like JSON text"),
        (b"\n[1, 2, 3]", "it looks like JSON text"),
        (b"hello, world", "it looks like plain text"),
        (b"\x00\x01\x02binary", "its content matches no format opensight knows"),
        (b"", "its content matches no format opensight knows"),
    ],
)
def test_kind_of_upload(head: bytes, kind: str) -> None:
    assert kind_of_upload(head[:16]) == kind


def test_a_real_picture_opens_without_being_decoded() -> None:
    picture = open_picture(png(3, 2), "red.png")
    assert picture.name == "red.png"
    assert picture.image.size == (3, 2)
    assert picture.image.format == "PNG"
    assert picture.image.convert("RGB").getpixel((2, 1)) == (200, 30, 30)
    assert open_picture(png(1, 1), "").name == "upload"  # a nameless upload still has a name in its row


def test_an_empty_upload_is_a_bad_request() -> None:
    error = refusal(b"")
    assert error.status == 400
    assert "empty (0 bytes)" in str(error)
    assert "'file' field" in str(error)


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"just some text, not a picture", "it looks like plain text"),
        (b'{"image": "base64..."}', "it looks like JSON text"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3", "it looks like a PDF document"),
    ],
)
def test_anything_but_a_picture_is_unsupported_media(data: bytes, said: str) -> None:
    error = refusal(data, "photo.jpg")  # the name says picture; the content decides
    assert error.status == 415
    assert said in str(error)
    assert "judged from its content, not its name" in str(error)
    assert "send a JPEG, PNG" in str(error)


@pytest.mark.parametrize("keep", [8, 16, 30])
def test_a_cut_picture_header_is_a_bad_request(keep: int) -> None:
    error = refusal(png(4, 4)[:keep])
    assert error.status == 400
    assert "corrupt" in str(error)
    assert "send it again" in str(error)


def test_a_picture_above_the_pixel_limit_is_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENSIGHT_MAX_PIXELS", "100")
    assert open_picture(png(10, 10), "ok.png").image.size == (10, 10)  # at the limit: accepted
    error = refusal(png(20, 20))
    assert error.status == 413
    assert "20×20" in str(error)
    assert "OPENSIGHT_MAX_PIXELS" in str(error)
    assert "0.0004 megapixels; the limit is 0.0001 megapixels" in str(error)  # both were '0 megapixels'


def test_a_decompression_bomb_is_refused_from_its_header(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENSIGHT_MAX_PIXELS", raising=False)
    error = refusal(png_claiming(30_000, 30_000))  # 900 megapixels in 70 bytes: Pillow itself refuses it
    assert error.status == 413
    assert "too many pixels; the limit is 179 megapixels" in str(error)
    assert "OPENSIGHT_MAX_PIXELS" in str(error)
    # 144 megapixels: above Pillow's warning, under the default limit (never decoded here)
    assert open_picture(png_claiming(12_000, 12_000), "big.png").image.size == (12_000, 12_000)
    monkeypatch.setenv("OPENSIGHT_MAX_PIXELS", "100000000")
    error = refusal(png_claiming(12_000, 12_000))
    assert error.status == 413
    assert "12000×12000 = 144 megapixels; the limit is 100 megapixels" in str(error)


def test_a_bad_pixel_limit_names_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENSIGHT_MAX_PIXELS", "lots")
    with pytest.raises(InputError, match="OPENSIGHT_MAX_PIXELS must be a whole number of pixels, got 'lots'"):
        open_picture(png(2, 2), "x.png")


def test_each_refusal_answers_with_its_own_status() -> None:
    for data, status in ((b"", 400), (b"text", 415), (png(4, 4)[:16], 400)):
        error = refusal(data)
        assert http_status(error) == status
        assert isinstance(error, InputError)


@pytest.mark.parametrize(
    ("data", "sentence"),
    [
        (b"", "this file is empty (0 bytes); choose the picture again"),
        (b"%PDF-1.4\n", "this file is not a picture (it looks like a PDF document); choose a JPEG, PNG, WebP, HEIC"),
        (png(4, 4)[:30], "this looks like a PNG picture but its data is damaged; copy or download it again"),
    ],
)
def test_the_studio_says_it_to_a_person(data: bytes, sentence: str) -> None:
    with pytest.raises(UploadError) as refused:
        open_studio_picture(data, "IMG_1.jpg")
    assert str(refused.value).startswith(sentence)
    assert "send" not in str(refused.value)
