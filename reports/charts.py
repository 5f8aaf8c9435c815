"""Charts as server-rendered SVG: the dashboard shows them and the PDF reports embed the same markup.

Colours and sizes are SVG presentation attributes, never a <style> element or style="": the pages' Content
Security Policy allows no inline style.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

# (StatusCount attribute, legend, colour): the Government Office's split, ongoing work apart.
SEGMENTS = [
    ("done_on_time", _("Hoàn thành đúng hạn"), "#198754"),
    ("done_late", _("Hoàn thành quá hạn"), "#9bd3ae"),
    ("not_done_on_time", _("Chưa hoàn thành, trong hạn"), "#0d6efd"),
    ("not_done_overdue", _("Chưa hoàn thành, quá hạn"), "#dc3545"),
    ("ongoing", _("Thường xuyên"), "#adb5bd"),
]
BAR_HEIGHT, GAP, LABEL_WIDTH, BAR_WIDTH = 18, 8, 190, 420
TEXT, MUTED = "#212529", "#495057"


def stacked_bars(rows, title="", font_family="Liberation Serif, Times New Roman, serif"):
    """One horizontal bar per (label, StatusCount) row, split by status, with a legend."""
    rows = list(rows)
    longest = max((count.total for _label, count in rows), default=0) or 1
    scale = BAR_WIDTH / longest
    parts = []
    for index, (label, count) in enumerate(rows):
        y = 24 + index * (BAR_HEIGHT + GAP)
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>',
                LABEL_WIDTH - 6,
                y + 13,
                TEXT,
                _shorten(label),
            )
        )
        x = LABEL_WIDTH
        for attribute, legend, colour in SEGMENTS:
            value = getattr(count, attribute)
            if value:
                width = value * scale
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>',
                        f"{x:.1f}",
                        y,
                        f"{width:.1f}",
                        BAR_HEIGHT,
                        colour,
                        legend,
                        value,
                    )
                )
                x += width
        parts.append(format_html('<text x="{}" y="{}" fill="{}">{}</text>', f"{x + 4:.1f}", y + 13, MUTED, count.total))
    legend_y = 24 + len(rows) * (BAR_HEIGHT + GAP) + 6
    legend = format_html_join(
        "",
        '<rect x="{}" y="{}" width="10" height="10" fill="{}"/><text x="{}" y="{}" fill="{}" font-size="10">{}</text>',
        (
            (8 + i * 150, legend_y, colour, 22 + i * 150, legend_y + 9, TEXT, text)
            for i, (_a, text, colour) in enumerate(SEGMENTS)
        ),
    )
    height = legend_y + 20
    width = LABEL_WIDTH + BAR_WIDTH + 40
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" role="img" aria-label="{t}"'
        ' font-family="{f}" font-size="11">'
        '<text x="8" y="12" font-weight="bold" fill="{c}">{t}</text>{body}{legend}</svg>',
        w=max(width, len(SEGMENTS) * 150 + 10),
        h=height,
        t=title,
        f=font_family,
        c=TEXT,
        body=mark_safe("".join(parts)),
        legend=legend,
    )


def _shorten(text, limit=34):
    return text if len(text) <= limit else text[: limit - 1] + "…"
