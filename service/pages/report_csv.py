"""The validation report as CSV (``/validate.csv``, ``/validate?format=csv``) for a spreadsheet.

A cell that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return: OWASP "CSV injection") gets a leading apostrophe, so a quoted plan sentence
such as "- Tổ chức …" or "=HYPERLINK(…)" stays text.
"""

from __future__ import annotations

import csv
import io

from flask import Response

from kg.validation import ValidationReport
from service.pages.report_filters import ReportFilter, check_key, check_titles

COLUMNS = ("severity", "plan", "plan_label", "check", "check_title", "focus", "path", "value",
           "message_vi", "message_en", "quote")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str | None) -> str:
    """``value`` as a CSV cell no spreadsheet runs as a formula."""
    text = value or ""
    return "'" + text if text.startswith(_FORMULA_START) else text


def report_csv(report: ValidationReport) -> str:
    """One row per finding, with a header row; UTF-8 with a byte-order mark so that Excel reads
    Vietnamese correctly."""
    titles = check_titles()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for f in report.findings:
        row = (f.severity, f.plan, report.plans.get(f.plan or ""), check_key(f.shape or ""),
               titles.get(f.shape or ""), f.focus, f.path, f.value, f.message_vi, f.message_en, f.quote)
        writer.writerow([safe_cell(cell) for cell in row])
    return "\ufeff" + buffer.getvalue()


def csv_response(report: ValidationReport, selection: ReportFilter) -> Response:
    response = Response(report_csv(report), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{selection.file_name()}"'
    return response
