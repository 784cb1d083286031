"""A peer for scripts/bench-pdf.sh: the 6-month Japanese estimate drawn with reportlab and
the bundled IPAex Gothic (assets/fonts/ipaexg.ttf, embedded as subsets), laid out like
dose-planner's own PDF (same positions, sizes, colours, rows and figures).

    python estimate_reportlab.py QUOTE.json SHEET.toml QUOTE_DATE PATIENT OUT.pdf

The figures come from `dose-planner quote … --json` (QUOTE.json); nothing is computed here
but the valid-until date."""

import os
import sys

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import estimate_data  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FONT = "IPAexGothic"

INK = (0x1F / 255, 0x23 / 255, 0x28 / 255)
MUTED = (0x5F / 255, 0x66 / 255, 0x6D / 255)
ACCENT = (0x1D / 255, 0x4E / 255, 0x89 / 255)
RULE = (0xB8 / 255, 0xBF / 255, 0xC6 / 255)
TINT = (0xEA / 255, 0xF0 / 255, 0xF7 / 255)
STRIPE = (0xF6 / 255, 0xF8 / 255, 0xFA / 255)

W, H = A4
LEFT, RIGHT = 48.0, W - 48.0


def main():
    json_path, sheet_path, quote_date, patient, out = sys.argv[1:6]
    pdfmetrics.registerFont(TTFont(FONT, os.path.join(ROOT, "assets/fonts/ipaexg.ttf")))
    e = estimate_data.load(json_path, sheet_path, quote_date, patient)
    c = canvas.Canvas(out, pagesize=A4, pageCompression=1, initialFontName=FONT, initialFontSize=9)
    c.setTitle(f"お見積書（{e['clinic']}）")
    c.setProducer("reportlab peer")

    def text(s, x, top, size, color=INK, align="left", bold=False):
        c.saveState()
        c.setFillColorRGB(*color)
        t = c.beginText()
        t.setFont(FONT, size)
        if bold:
            c.setStrokeColorRGB(*color)
            c.setLineWidth(size * 0.035)
            t.setTextRenderMode(2)
        w = pdfmetrics.stringWidth(s, FONT, size)
        if align == "right":
            x -= w
        elif align == "center":
            x -= w / 2
        t.setTextOrigin(x, H - top)
        t.textOut(s)
        c.drawText(t)
        c.restoreState()

    def rule(x1, top1, x2, top2, width, color):
        c.saveState()
        c.setStrokeColorRGB(*color)
        c.setLineWidth(width)
        c.line(x1, H - top1, x2, H - top2)
        c.restoreState()

    def fill(x, top, w, h, color):
        c.saveState()
        c.setFillColorRGB(*color)
        c.rect(x, H - top - h, w, h, stroke=0, fill=1)
        c.restoreState()

    # Header: clinic on the right, title and patient on the left, the dates.
    text(e["clinic"], RIGHT, 58, 12, bold=True, align="right")
    text(e["address"], RIGHT, 71, 8.5, MUTED, align="right")
    text(e["phone"], RIGHT, 83, 8.5, MUTED, align="right")
    text(e["title"], LEFT, 68, 24, ACCENT, bold=True)
    text(e["patient"], LEFT, 98, 13)
    rule(LEFT, 103, 308, 103, 0.6, INK)
    for i, (label, value) in enumerate(e["dates"]):
        text(label, LEFT, 121 + 13 * i, 9, MUTED)
        text(value, 96, 121 + 13 * i, 9)
    rule(LEFT, 151, RIGHT, 151, 1.2, ACCENT)

    # Summary band.
    fill(LEFT, 165, RIGHT - LEFT, 60, TINT)
    (l1, v1), (l2, v2), (l3, v3) = e["summary"]
    text(l1, 62, 185, 8.5, MUTED)
    text(v1, 62, 209, 15, bold=True)
    text(l2, 206.8, 185, 8.5, MUTED)
    text(v2, 206.8, 209, 15, bold=True)
    rule(192.8, 175, 192.8, 215, 0.6, RULE)
    rule(337.6, 175, 337.6, 215, 0.6, RULE)
    text(l3, RIGHT - 14, 185, 8.5, INK, align="right", bold=True)
    text(v3, RIGHT - 14, 212, 21, ACCENT, align="right", bold=True)
    text(e["tax_note"], LEFT, 238, 8.5, MUTED)

    # The plan.
    text(e["plan_heading"], LEFT, 272, 11.5, ACCENT, bold=True)
    rule(LEFT, 278, RIGHT, 278, 0.5, RULE)
    for i, (label, value) in enumerate(e["plan"]):
        text(label, LEFT, 292 + 14 * i, 9, MUTED)
        text(value, 144, 292 + 14 * i, 9.5)

    # The month table: month and mg centred, capsules left, money right-aligned.
    text(e["table_heading"], LEFT, 348, 11.5, ACCENT, bold=True)
    rule(LEFT, 354, RIGHT, 354, 0.5, RULE)
    money = len(e["columns"]) - 3
    first, last = 266.8, RIGHT - 5
    step = (last - first) / max(money - 1, 1)
    places = [("center", 60.6), ("center", 96.6), ("left", 125.9)] + [
        ("right", first + step * i) for i in range(money)
    ]
    fill(LEFT, 364, RIGHT - LEFT, 20, TINT)
    rule(LEFT, 364, RIGHT, 364, 1, ACCENT)
    for name, (align, x) in zip(e["columns"], places):
        text(name, x, 378, 8.5, align=align, bold=True)
    rule(LEFT, 384, RIGHT, 384, 0.6, ACCENT)
    top = 384
    for i, row in enumerate(e["rows"]):
        if i % 2 == 1:
            fill(LEFT, top, RIGHT - LEFT, 17, STRIPE)
        for cell, (align, x) in zip(row, places):
            text(cell, x, top + 11.7, 9, align=align)
        top += 17
        rule(LEFT, top, RIGHT, top, 0.8 if i == len(e["rows"]) - 1 else 0.3, ACCENT if i == len(e["rows"]) - 1 else RULE)
    fill(LEFT, top + 0.4, RIGHT - LEFT, 17, TINT)
    text(e["total_label"], 53, top + 11.7, 9, bold=True)
    text(e["total"], last, top + 11.7, 9, align="right", bold=True)
    top += 17
    rule(LEFT, top, RIGHT, top, 0.8, ACCENT)
    text(e["table_note"], LEFT, top + 14, 8, MUTED)

    # Cautions.
    top += 39
    text(e["cautions_heading"], LEFT, top, 11.5, ACCENT, bold=True)
    rule(LEFT, top + 6, RIGHT, top + 6, 0.5, RULE)
    top += 20
    for caution in e["cautions"]:
        text("●", 49, top - 1.5, 5.5, ACCENT)
        text(caution, 60, top, 9)
        top += 17

    # Footer.
    rule(LEFT, 793.9, RIGHT, 793.9, 0.4, RULE)
    text(e["footer"], LEFT, 805.9, 7.5, MUTED)
    text(e["page"], RIGHT, 805.9, 7.5, MUTED, align="right")
    c.showPage()
    c.save()


if __name__ == "__main__":
    main()
