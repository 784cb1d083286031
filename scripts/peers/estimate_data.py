"""The estimate the peers draw, as display strings: figures from the release binary's
`quote --json` (never typed in here), the clinic's name, address, phone and validity from
the price sheet, and the page's fixed Japanese labels (the same words as
assets/i18n/ja/pdf.ftl). Used by estimate_reportlab.py (timed) and fill_fods.py (untimed)."""

import datetime
import json
import tomllib

# Column headings of the month table, by item code (the PDF's own headings).
HEADINGS = {
    "consultation": "診察料",
    "medication": "お薬代",
    "blood_test": "血液検査",
    "urine_test": "尿妊娠検査",
}


def yen(n):
    """A whole number of yen as the Japanese estimate writes it."""
    return f"{n:,}円"


def long_date(d):
    return f"{d.year}年{d.month}月{d.day}日"


def load(json_path, sheet_path, quote_date, patient):
    """Reads the quote (JSON) and the sheet (TOML) into the strings of the page."""
    with open(json_path, encoding="utf-8") as f:
        q = json.load(f)
    with open(sheet_path, "rb") as f:
        sheet = tomllib.load(f)
    clinic = sheet["clinic"]
    quoted = datetime.date.fromisoformat(quote_date)
    valid = quoted + datetime.timedelta(days=sheet["quote"]["valid_days"])

    codes = []
    for m in q["months"]:
        for item in m["items"]:
            if item["code"] not in codes:
                codes.append(item["code"])
    columns = ["月", "mg/日", "1日のカプセル"] + [HEADINGS.get(c, c) for c in codes] + ["月の合計"]
    rows = []
    for m in q["months"]:
        amounts = {i["code"]: i["amount"] for i in m["items"]}
        capsules = " + ".join(
            f"{mg} mg × {n}" for day in m["capsules_per_day"] for mg, n in day.items()
        )
        rows.append(
            [str(m["month"]), str(m["daily_mg"]), capsules]
            + [yen(amounts[c]) if c in amounts else "" for c in codes]
            + [yen(m["subtotal"])]
        )
    months = len(q["months"])
    later = q["return_months"]
    visits = "毎月受診" if q["visit_every"] == 1 else f"{q['visit_every']}か月ごとに受診"
    return {
        "title": "お見積書",
        "clinic": clinic["name"]["ja"],
        "address": clinic["address"]["ja"],
        "phone": f"TEL {clinic['phone']}",
        "patient": f"{patient} 様",
        "dates": [("見積日", long_date(quoted)), ("有効期限", long_date(valid))],
        "summary": [
            ("1か月目", yen(q["first_month"])),
            ("2か月目以降（毎月）", yen(later["max"]) if later else "—"),
            (f"治療全体の合計（{months}か月）", yen(q["total"])),
        ],
        "tax_note": "金額はすべて税込です。" if q["tax_included"] else "",
        "plan_heading": "治療計画",
        "plan": [
            ("治療期間", f"{months}か月（{q['days']}日）、{visits}"),
            ("1日の服用量", f"1日{q['months'][0]['daily_mg']}mg"),
            ("累積服用量", f"{q['cumulative_mg']:,}mg"),
        ],
        "table_heading": "月ごとの内訳",
        "columns": columns,
        "rows": rows,
        "total_label": "治療全体の合計",
        "total": yen(q["total"]),
        "table_note": "上記の治療計画にもとづく概算です。受診時に医師が服用量を変更した場合、金額も変わります。",
        "cautions_heading": "大切なお知らせ",
        "cautions": [c["message"] for c in q["cautions"]],
        "footer": f"{clinic['name']['ja']}　TEL {clinic['phone']}",
        "page": "1 / 1 ページ",
    }
