"""Charts as server-rendered SVG: the dashboard shows them and the PDF reports embed the same markup.

Colours and sizes are SVG presentation attributes, never a <style> element or style="": the pages' Content
Security Policy allows no inline style. The text is sans-serif and sized so that at 390 px (the chart a phone's
width) a label is still 12 px: the chart is drawn 400 units wide and the page never shows it much wider (ptds.css).
A label too long for its line wraps onto a second one and ends in "…" only past that, its full name in <title>
(shown on hover) and in the table the dashboard puts under the chart.
"""

import textwrap

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from tasks.status import Status, StatusGroup

# (StatusCount attribute, status group the task list filters by, legend, colour): the Government Office's split,
# ongoing work apart. The colours are those of the status badges (ptds.css), each at least 3:1 against white.
SEGMENTS = [
    ("done_on_time", Status.DONE_ON_TIME, _("Hoàn thành đúng hạn"), "#146c43"),
    ("done_late", Status.DONE_LATE, _("Hoàn thành quá hạn"), "#7a5c00"),
    ("not_done_on_time", StatusGroup.NOT_DONE_ON_TIME, _("Chưa hoàn thành, trong hạn"), "#0b5ed7"),
    ("not_done_overdue", StatusGroup.NOT_DONE_OVERDUE, _("Chưa hoàn thành, quá hạn"), "#b02a37"),
    ("ongoing", Status.ONGOING, _("Thường xuyên"), "#868e96"),
]
WIDTH = 400
FONT, LINE = 14, 18  # units; 14 units are 12.25 px at 350 px (a phone's card), 15.7 px at 448 px (ptds.css's cap)
BAR_HEIGHT, ROW_GAP = 16, 12
SHORT_LABEL = 10  # labels up to this long ("Mục IV") sit left of their bar, longer ones above it
LABEL_CHARS = 46  # characters of a line above the bar
TEXT, MUTED = "#212529", "#495057"
LEGEND_RIGHT = 170
SANS = "Liberation Sans, Arial, Helvetica, sans-serif"


def stacked_bars(rows, title="", font_family=SANS, link=None):
    """One horizontal bar per (label, StatusCount[, key]) row, split by status, with a legend.

    link(key, group) gives the address of the tasks a bar (group None) or a segment stands for; without it (the PDF)
    nothing is a link.
    """
    rows = [(row[0], row[1], row[2] if len(row) > 2 else None) for row in rows]
    left = max((len(label) for label, _c, _k in rows), default=0) <= SHORT_LABEL
    label_width = FONT * (SHORT_LABEL * 0.6) if left else 0
    bar_room = WIDTH - label_width - 40  # the count after the bar
    scale = bar_room / (max((count.total for _l, count, _k in rows), default=0) or 1)
    parts, y = [], (LINE + 8) if title else 4
    for label, count, key in rows:
        lines = [label] if left else _wrap(label)
        label_svg = format_html_join(
            "",
            '<text x="{}" y="{}" fill="{}">{}</text>',
            ((0, y + (BAR_HEIGHT - 3 if left else LINE * (i + 1) - 4), TEXT, line) for i, line in enumerate(lines)),
        )
        label_svg = format_html("<g><title>{}</title>{}</g>", label, label_svg)
        bar_y = y if left else y + LINE * len(lines)
        parts.append(_linked(label_svg, link(key, None) if link and key is not None else None))
        x = label_width
        for attribute, group, legend, colour in SEGMENTS:
            value = getattr(count, attribute)
            if not value:
                continue
            rect = format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}: {}</title></rect>',
                f"{x:.1f}",
                bar_y,
                f"{value * scale:.1f}",
                BAR_HEIGHT,
                colour,
                label,
                legend,
                value,
            )
            parts.append(_linked(rect, link(key, group) if link and key is not None else None))
            x += value * scale
        parts.append(
            format_html(
                '<text x="{}" y="{}" fill="{}">{}</text>', f"{x + 4:.1f}", bar_y + BAR_HEIGHT - 3, MUTED, count.total
            )
        )
        y = bar_y + BAR_HEIGHT + ROW_GAP
    legend, y = _legend(y + 4)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" role="{r}" aria-label="{t}"'
        ' font-family="{f}" font-size="{s}">{heading}{body}{legend}</svg>',
        w=WIDTH,
        h=y,
        r="group" if link else "img",  # an image holds no links: with them, it is a group of links
        t=title,
        f=font_family,
        s=FONT,
        heading=format_html('<text x="0" y="{}" font-weight="bold" fill="{}">{}</text>', LINE, TEXT, title)
        if title
        else "",
        body=mark_safe("".join(parts)),
        legend=legend,
    )


def _legend(y):
    """The legend in two columns, the two long "Chưa hoàn thành, …" entries on the right; returns it and its end."""
    items = []
    for i, (_a, _g, text, colour) in enumerate(SEGMENTS):
        x, top = (LEGEND_RIGHT if i in (2, 3) else 0), y + (i % 2 if i < 4 else 2) * LINE
        items.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"/><text x="{}" y="{}" fill="{}">{}</text>',
                x,
                top,
                colour,
                x + 16,
                top + 11,
                TEXT,
                text,
            )
        )
    return mark_safe("".join(items)), y + 3 * LINE + 4


def _linked(markup, href):
    return format_html('<a href="{}">{}</a>', href, markup) if href else markup


def _wrap(label):
    """At most two lines of LABEL_CHARS; what does not fit ends in "…" (the full name is in <title>)."""
    lines = textwrap.wrap(label, LABEL_CHARS) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), LABEL_CHARS, placeholder=" …")]
    return lines
