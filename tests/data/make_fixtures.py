"""Write the bad-input fixtures of tests/data/ (run from anywhere; output is deterministic).

Usage: python tests/data/make_fixtures.py
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
NOTICE = (
    "Article 1. Gallium metal shall not be exported without permission. "
    "This announcement shall take effect on 1 August 2023."
)


def _pdf(encrypt: bool) -> bytes:
    pdf = FPDF()
    pdf.set_creation_date(dt.datetime(2023, 7, 3, tzinfo=dt.timezone.utc))
    if encrypt:
        pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, NOTICE)
    return bytes(pdf.output())


def main() -> None:
    good = _pdf(encrypt=False)
    (HERE / "good.pdf").write_bytes(good)
    (HERE / "encrypted.pdf").write_bytes(_pdf(encrypt=True))
    (HERE / "truncated.pdf").write_bytes(good[: len(good) // 3])
    rng = random.Random(20251009)
    junk = bytes(rng.randrange(256) for _ in range(4096))
    (HERE / "junk.pdf").write_bytes(junk)
    (HERE / "junk.txt").write_bytes(junk)
    # Bytes that are not UTF-8, not GB18030-Chinese and full of C1 controls, so not Latin-1 text either.
    (HERE / "undecodable.txt").write_bytes(bytes(range(0x80, 0xA0)) * 64)
    (HERE / "empty.txt").write_bytes(b"")
    (HERE / "blank.md").write_bytes(b"\n  \n\t\n")
    (HERE / "latin1.txt").write_bytes("Exportations de matériel: la réglementation s'applique dès le 1 décembre 2025.".encode("latin-1"))
    (HERE / "gb18030.txt").write_bytes("商务部公告：对镓、锗相关物项实施出口管制。本公告自2023年8月1日起正式实施。".encode("gb18030"))
    (HERE / "utf16.txt").write_bytes("Gallium metal shall not be exported without permission.".encode("utf-16"))
    (HERE / "utf8-bom.txt").write_bytes("\ufeffGermanium dioxide shall not be exported without permission.".encode("utf-8"))


if __name__ == "__main__":
    main()
