"""The report as a signed-ready PDF (Decree 30/2020 layout), rendered by WeasyPrint without any network access."""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .charts import stacked_bars

FONT_FAMILY = "PTDS Serif"  # our own name, so fontconfig cannot swap in Liberation 1 (which lacks Vietnamese)
FONT_FILES = {
    ("normal", "normal"): "LiberationSerif-Regular.ttf",
    ("bold", "normal"): "LiberationSerif-Bold.ttf",
    ("normal", "italic"): "LiberationSerif-Italic.ttf",
    ("bold", "italic"): "LiberationSerif-BoldItalic.ttf",
}


class FontsOnly(URLFetcher):
    """Serve the report's font files and refuse every other URL: rendering never touches the network.

    The report's stylesheet and chart are inline, so the fonts are all it needs to fetch.
    """

    def __init__(self):
        super().__init__(allowed_protocols={"file"})
        self.root = Path(settings.PTDS_PDF_FONT_DIR).resolve()

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" else None
        if path is None or not path.is_relative_to(self.root) or not path.is_file():
            raise ValueError(f"Refused to fetch {url}: a report may only load its fonts")
        return URLFetcherResponse(url, body=path.read_bytes())


def font_faces():
    font_dir = Path(settings.PTDS_PDF_FONT_DIR)
    return [
        {"weight": weight, "style": style, "url": (font_dir / name).resolve().as_uri()}
        for (weight, style), name in FONT_FILES.items()
    ]


def _html(template, content, **context):
    context = {"content": content, "font_family": FONT_FAMILY, "font_faces": font_faces(), **context}
    return render_to_string(template, context)


def report_html(content):
    chart = stacked_bars(content.chart_rows, "", font_family=FONT_FAMILY)
    return _html("reports/pdf/report.html", content, chart=chart)


def unit_report_html(content):
    """A unit's consolidated report (reports/consolidated.py UnitReport)."""
    return _html("reports/pdf/consolidated.html", content)


def render_pdf(content, html=None) -> bytes:
    return HTML(string=html or report_html(content), url_fetcher=FontsOnly()).write_pdf()
