"""axe-core (from npm) on the page as it stands, and what makes a page wider than the screen: the checks of
test_accessibility.py, and of the flows that reach pages no plain address opens (a draft under review).

axe-core is given to the page through Playwright's DevTools connection (page.evaluate), not as a <script> the page
would load: the portal's Content Security Policy stays as it is.
"""

import json

from django.conf import settings

AXE = (settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js").read_text()
# WCAG 2.0 and 2.1, levels A and AA, and axe's best practices (landmarks, headings, regions).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = {"serious", "critical"}

# The innermost elements whose right edge passes the screen's: what makes a page wider than the screen.
STICKING_OUT = """() => Array.from(document.body.querySelectorAll('*'))
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5 && e.getClientRects().length)
    .filter(e => !Array.from(e.children).some(c => c.getBoundingClientRect().right > window.innerWidth + 0.5))
    .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.'))"""


def too_wide(page):
    """ "N px wider than the screen (the elements sticking out)", or nothing when the page fits."""
    extra = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    return [f"{extra} px wider than the screen: {page.evaluate(STICKING_OUT)}"] if extra > 0 else []


def violations(page):
    """axe-core's serious and critical violations on the page as it stands, one line each."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} @ {json.dumps([n['target'] for n in v['nodes'][:3]])}"
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]
