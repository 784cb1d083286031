"""Fills scripts/peers/estimate.fods with the estimate (estimate_data.py: the figures of
`dose-planner quote … --json`, the clinic from the sheet) for the LibreOffice peer of
scripts/bench-pdf.sh. Not timed: the benchmark times only `soffice --convert-to pdf`.

    python3 fill_fods.py QUOTE.json SHEET.toml QUOTE_DATE PATIENT OUT.fods"""

import os
import string
import sys
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import estimate_data  # noqa: E402


def cell(text, style=None, span=1):
    attrs = f' table:style-name="{style}"' if style else ""
    if span > 1:
        attrs += f' table:number-columns-spanned="{span}"'
    out = f'<table:table-cell{attrs} office:value-type="string"><text:p>{escape(text)}</text:p></table:table-cell>'
    if span > 1:
        out += f'<table:covered-table-cell table:number-columns-repeated="{span - 1}"/>'
    return out


def row(height, cells):
    return f'    <table:table-row table:style-name="{height}">{"".join(cells)}</table:table-row>'


def main():
    json_path, sheet_path, quote_date, patient, out = sys.argv[1:6]
    e = estimate_data.load(json_path, sheet_path, quote_date, patient)
    if len(e["columns"]) != 8:
        sys.exit(f"estimate.fods lays out 8 columns; this estimate has {len(e['columns'])}")
    aligns = ["center", "center", None, "right", "right", "right", "right", "right"]

    def styled(base, align):
        return f"{base}-{align}" if align else base

    months = []
    for i, r in enumerate(e["rows"]):
        base = "ts" if i % 2 else "td"
        months.append(row("r17", [cell(v, styled(base, a)) for v, a in zip(r, aligns)]))
    (l1, v1), (l2, v2), (l3, v3) = e["summary"]
    values = {
        "doc_title": f"お見積書（{e['clinic']}）",
        "clinic": e["clinic"],
        "title": e["title"],
        "address": e["address"],
        "phone": e["phone"],
        "patient": e["patient"],
        "date_rows": "\n".join(
            row("r14", [cell(label, "label", 2), cell(value, None, 2)]) for label, value in e["dates"]
        ),
        "label1": l1,
        "value1": v1,
        "label2": l2,
        "value2": v2,
        "label3": l3,
        "value3": v3,
        "tax_note": e["tax_note"],
        "plan_heading": e["plan_heading"],
        "plan_rows": "\n".join(
            row("r14", [cell(label, "label", 3), cell(value, "value", 5)]) for label, value in e["plan"]
        ),
        "table_heading": e["table_heading"],
        "header_row": row("r20", [cell(h, styled("th", a)) for h, a in zip(e["columns"], aligns)]),
        "month_rows": "\n".join(months),
        "total_label": e["total_label"],
        "total": e["total"],
        "table_note": e["table_note"],
        "cautions_heading": e["cautions_heading"],
        "caution_rows": "\n".join(
            row("r17", [cell("●", "bullet"), cell(c, None, 7)]) for c in e["cautions"]
        ),
        "footer": e["footer"],
    }
    escaped = {k: v if k.endswith(("_rows", "_row")) else escape(v) for k, v in values.items()}
    with open(os.path.join(HERE, "estimate.fods"), encoding="utf-8") as f:
        template = string.Template(f.read())
    with open(out, "w", encoding="utf-8") as f:
        f.write(template.substitute(escaped))


if __name__ == "__main__":
    main()
