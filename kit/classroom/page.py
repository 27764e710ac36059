"""The instructor's page of the checking service: the class at a glance, as plain HTML + SVG.

Pure functions of the store's summaries (no tornado here), so they are tested directly:

    >>> svg = chart_svg([{"set": "01", "question": "when", "first_try_rate": 0.5, "mean_attempts": 2.0}])
    >>> svg.startswith("<svg") and "when" in svg and "50%" in svg
    True
    >>> "&lt;b&gt;" in instructor_page([], [], [{"set": "s", "question": "q", "wrong": 1,
    ...     "first_try_rate": 0.0, "wrong_answers": [("<b>", 1)]}])
    True
"""

from __future__ import annotations

import html
import json

__all__ = ["chart_svg", "instructor_page", "forbidden_page"]

#: Height of one question's row in the chart (px) and the width of its longest bar.
BAR_ROW_PX = 22
BAR_MAX_PX = 300
#: Width of the label column of the chart (px).
LABEL_PX = 260
#: Wrong answers listed per missed question.
WRONG_SHOWN = 5

_STYLE = """
body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 1.5em; max-width: 70em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #999; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #eee; }
.note { color: #444; }
"""


def esc(value) -> str:
    """Text for HTML (quotes too)."""
    return html.escape(str(value), quote=True)


def chart_svg(summary: list[dict]) -> str:
    """A bar chart: per question, the first-try rate (bar) and the mean attempts (in words).

    Accessible: a ``<title>`` and a text label on every bar, not colour alone.
    """
    height = BAR_ROW_PX * (len(summary) + 1)
    width = LABEL_PX + BAR_MAX_PX + 160
    rows = []
    for i, q in enumerate(summary):
        y = BAR_ROW_PX * (i + 1)
        bar = round(BAR_MAX_PX * q["first_try_rate"])
        label = f'{q["set"]} · {q["question"]}'
        rows.append(
            f'<text x="{LABEL_PX - 6}" y="{y + 15}" text-anchor="end">{esc(label[:40])}</text>'
            f'<rect x="{LABEL_PX}" y="{y + 3}" width="{bar}" height="{BAR_ROW_PX - 6}" fill="#3b6ea5"/>'
            f'<text x="{LABEL_PX + bar + 6}" y="{y + 15}">{q["first_try_rate"]:.0%} first try, '
            f'{q["mean_attempts"]:.1f} attempts</text>')
    head = (f'<text x="{LABEL_PX}" y="15" font-weight="bold">First-try rate per question '
            f'(bar) and mean attempts per student</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
            f'font-size="12" font-family="sans-serif"><title>First-try rate and attempts per '
            f'question</title>{head}{"".join(rows)}</svg>')


def _table(headers: list[str], rows: list[list]) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _answer_text(response) -> str:
    return response if isinstance(response, str) else json.dumps(response, ensure_ascii=False)


def instructor_page(students: list[dict], summary: list[dict], missed: list[dict],
                    csv_url: str = "attempts.csv") -> str:
    """The whole page: who has done what, the chart, the most-missed questions, the CSV link."""
    who = _table(["Student", "Attempts", "Questions tried", "Questions right", "Last answer (UTC)"],
                 [[s["student"], s["attempts"], s["tried"], s["right"], s["last"]] for s in students])
    per_q = _table(["Set", "Question", "Students", "First-try rate", "Mean attempts"],
                   [[q["set"], q["question"], q["students"], f'{q["first_try_rate"]:.0%}',
                     f'{q["mean_attempts"]:.1f}'] for q in summary])
    missed_rows = [[q["set"], q["question"], q["wrong"], f'{q["first_try_rate"]:.0%}',
                    "; ".join(f"{_answer_text(a)} (×{n})" for a, n in q["wrong_answers"][:WRONG_SHOWN])]
                   for q in missed]
    missed_table = _table(["Set", "Question", "Wrong answers", "First-try rate", "Most given wrong answers"],
                          missed_rows)
    empty = '<p class="note">No attempts yet.</p>' if not students else ""
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Class progress</title>'
            f'<style>{_STYLE}</style></head><body><h1>Class progress</h1>{empty}'
            f'<p><a href="{esc(csv_url)}" download>Download every attempt (CSV)</a></p>'
            f"<h2>Who has done what</h2>{who}"
            f"<h2>First try and attempts per question</h2>{chart_svg(summary)}{per_q}"
            f"<h2>Most often missed</h2>{missed_table}</body></html>")


def forbidden_page(user: str) -> str:
    """What a student sees at the instructor's page (with status 403)."""
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Instructors only</title>'
            f'</head><body><h1>Instructors only</h1><p>You are logged in as {esc(user)}. This page '
            "shows the whole class's answers and is open to instructors only (hub admins or members "
            "of the <code>instructors</code> group).</p></body></html>")
