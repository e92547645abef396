"""Vietnamese typed in the legacy 8-bit encodings, recognised and turned into Unicode.

Older agencies' spreadsheets were typed with TCVN3 (ABC; fonts .VnTime, .VnArial, and their
capitals-only twins .VnTimeH …) or VNI (VNI-Times, VNI-Helve …). Excel stores such a cell as the
Windows-1252 characters of its bytes, so that only the font makes it readable:

    TCVN3  "Hµ Giang"  -> "Hà Giang"     ("µ" is the byte 0xB5, à in TCVN3)
    VNI    "Haø Giang" -> "Hà Giang"     (VNI writes the letter, then the mark: "a" + "ø")

A cell is converted when its font names the encoding, or, whatever its font, when its text holds
characters that Vietnamese in Unicode never uses and one of the two conversions reads as
Vietnamese (more of its syllables are known words; see vocabulary()).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import yaml

from metrics.paths import DATA_DIR

# TCVN3: one byte per letter; capitals with a tone mark do not exist (the "H" fonts draw the
# small letters as capitals).
_TCVN3_PAIRS = (
    "àµ á¸ ả¶ ã· ạ¹ ă¨ ằ» ắ¾ ẳ¼ ẵ½ ặÆ â© ầÇ ấÊ ẩÈ ẫÉ ậË đ® èÌ éÐ ẻÎ ẽÏ ẹÑ êª ềÒ ếÕ ểÓ ễÔ ệÖ "
    "ì× íÝ ỉØ ĩÜ ịÞ òß óã ỏá õâ ọä ô« ồå ốè ổæ ỗç ộé ơ¬ ờê ớí ởë ỡì ợî ùï úó ủñ ũò ụô "
    "ư\u00ad ừõ ứø ửö ữ÷ ựù ỳú ýý ỷû ỹü ỵþ Ă¡ Â¢ Ê£ Ô¤ Ơ¥ Ư¦ Đ§"
)
TCVN3 = {pair[1]: pair[0] for pair in _TCVN3_PAIRS.split(" ")}

# VNI: the base letter, then its mark(s) as one more character. Small and capital marks differ.
_VNI_TONES = {"\u0300": "ø", "\u0301": "ù", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_CIRCUMFLEX_TONES = {"": "â", "\u0300": "à", "\u0301": "á", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE_TONES = {"": "ê", "\u0300": "è", "\u0301": "é", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"\u0300": "ì", "\u0301": "í", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}
_VNI_SINGLE = {"ơ": "ô", "ư": "ö", "đ": "ñ", "ỵ": "î"}


def _vni_of(letter: str) -> str | None:
    """The VNI spelling of one lower-case Vietnamese letter ('ấ' -> 'aá'), None for plain letters."""
    if letter in _VNI_SINGLE:
        return _VNI_SINGLE[letter]
    parts = unicodedata.normalize("NFD", letter)
    base, marks = parts[0], parts[1:]
    tone = next((m for m in marks if m in _VNI_TONES), "")
    shape = next((m for m in marks if m in "\u0302\u0306\u031b"), "")
    if base == "i":
        return _VNI_I.get(tone)
    if base == "y" and tone == "\u0323":
        return "î"
    if shape == "\u0302":
        return base + _VNI_CIRCUMFLEX_TONES[tone]
    if shape == "\u0306":
        return base + _VNI_BREVE_TONES[tone]
    if shape == "\u031b":  # horn: ơ and ư are one character in VNI, then the tone
        return _VNI_SINGLE[unicodedata.normalize("NFC", base + shape)] + _VNI_TONES.get(tone, "")
    return base + _VNI_TONES[tone] if tone else None


def _vni_table() -> dict[str, str]:
    """Every Vietnamese letter's VNI spelling, small and capital: {'aá': 'ấ', 'AÁ': 'Ấ', 'ñ': 'đ' …}."""
    table = {}
    for vowel in "aăâeêioôơuưy":
        for tone in ("", *_VNI_TONES):
            letter = unicodedata.normalize("NFC", vowel + tone)
            spelled = _vni_of(letter)
            if spelled and spelled != letter:
                table[spelled] = letter
                table[spelled.upper()] = letter.upper()
    table["ñ"], table["Ñ"] = "đ", "Đ"
    return table


VNI = _vni_table()
_VNI_PATTERN = re.compile("|".join(re.escape(k) for k in sorted(VNI, key=len, reverse=True)))

# Latin-1 characters that Vietnamese written in Unicode never uses: a cell holding one of them
# was typed in a legacy encoding (or is not text at all).
_UNICODE_VIETNAMESE = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
FOREIGN = {chr(c) for c in range(0xA0, 0x100)} - _UNICODE_VIETNAMESE - {"\u00a0"}
# VNI also writes marks with letters that Unicode Vietnamese has ("aù" has no foreign letter):
# a vowel followed by one of VNI's marks is a second sign.
# Excel keeps legacy bytes as Windows-1252 characters: a text holding any other character (ă, ơ,
# ư, ạ … above U+00FF) was typed in Unicode, whatever its font says.
_CP1252 = set(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))
_VNI_HINT = re.compile(r"[aeiouyAEIOUYôöÔÖ][øùûõïâêáàåãäéèúüëØÙÛÕÏÂÊÁÀÅÃÄÉÈÚÜË]")


def from_tcvn3(text: str, capitals: bool = False) -> str:
    converted = "".join(TCVN3.get(ch, ch) for ch in text)
    return converted.upper() if capitals else converted


def from_vni(text: str) -> str:
    return _VNI_PATTERN.sub(lambda m: VNI[m.group(0)], text)


def font_encoding(font_name: str | None) -> str | None:
    """'tcvn3' for .VnTime and its kin, 'vni' for VNI-Times and its kin, else None."""
    name = (font_name or "").strip().lower()
    if name.startswith(".vn"):
        return "tcvn3"
    if name.startswith("vni"):
        return "vni"
    return None


def _is_capitals_font(font_name: str | None) -> bool:
    """.VnTimeH, .VnArialH: the TCVN3 fonts that draw every letter as a capital."""
    name = (font_name or "").strip()
    return name.startswith(".") and name.endswith("H")


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Vietnamese syllables the project's own data uses: place names, ministries, the metric
    catalogue and the report forms' measures (a few thousand, enough to tell a conversion that
    reads as Vietnamese from one that does not)."""
    text = []
    for name in ("communes.csv", "provinces.csv", "ministries.csv", "metrics.yaml", "report_forms.yaml"):
        path = DATA_DIR / name
        if path.exists():
            text.append(path.read_text(encoding="utf-8"))
    text.append(yaml.safe_dump(EXTRA_WORDS, allow_unicode=True))
    return frozenset(re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", "\n".join(text)).lower()))


# Words of the forms' title and signature blocks that the data files above do not hold.
EXTRA_WORDS = ("Cộng hòa xã hội chủ nghĩa Việt Nam Độc lập Tự do Hạnh phúc báo cáo tình hình kết quả "
               "giải quyết thủ tục hành chính kỳ tháng quý năm từ ngày đến đơn vị tính hồ sơ nơi nhận "
               "người lập biểu thủ trưởng chủ tịch giám đốc ủy ban nhân dân sở ban ngành trung tâm phục "
               "vụ công trực tuyến trực tiếp bưu chính tiếp nhận mới kỳ trước chuyển qua trả trước hạn "
               "đúng hạn quá hạn đang chưa đến trong đó tổng số cộng lĩnh vực nhiệm vụ được giao hoàn "
               "thành thực hiện toàn trình một phần")


def _score(text: str) -> float:
    tokens = re.findall(r"[^\W\d_]+", text.lower())
    tokens = [t for t in tokens if not t.isascii()] or tokens
    if not tokens:
        return 0.0
    known = vocabulary()
    return sum(t in known for t in tokens) / len(tokens)


def detect(text: str, font_name: str | None = None) -> tuple[str, str] | None:
    """(encoding, Unicode text) when the cell was typed in TCVN3 or VNI; None when it is Unicode.

    A text with a character beyond Windows-1252 is Unicode. The font decides when it names a legacy
    encoding; otherwise the text must hold a sign of one
    (a character Unicode Vietnamese never uses, or VNI's letter-then-mark) and its conversion
    must read as Vietnamese better than the text as it is."""
    if not isinstance(text, str) or not text.strip():
        return None
    if any(ord(ch) > 0xFF and ch not in _CP1252 for ch in text):
        return None
    by_font = font_encoding(font_name)
    if by_font == "tcvn3":
        converted = from_tcvn3(text, _is_capitals_font(font_name))
        return (by_font, converted) if converted != text else None
    if by_font == "vni":
        converted = from_vni(text)
        return (by_font, converted) if converted != text else None
    if not (any(ch in FOREIGN for ch in text) or _VNI_HINT.search(text)):
        return None
    candidates = [("tcvn3", from_tcvn3(text)), ("vni", from_vni(text))]
    best, converted = max(candidates, key=lambda c: (_score(c[1]), -sum(ch in FOREIGN for ch in c[1])))
    if converted == text or _score(converted) <= _score(text):
        return None
    return best, converted
