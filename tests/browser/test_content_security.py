"""Chromium enforces the Content Security Policy on the portal's pages and has nothing to refuse: no inline style,
no inline script, no image or font from elsewhere; the scripts that remain (the menu, the dashboard's programme
choice) still work."""

import re

import pytest
from playwright.sync_api import expect

from tasks.models import Programme, Task
from tests.browser.conftest import PASSWORD, login

pytestmark = pytest.mark.usefixtures("site")


def watch(page, refused):
    """Collects Chromium's console messages about the policy into `refused`: each refusal is reported there."""
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else 0)
    return refused


def test_the_pages_break_no_rule_of_the_policy(page, open_context):
    refused = watch(page, [])
    city = Programme.objects.get(number="04/CTr-UBND")
    task = Task.objects.get(section__programme=city, section__numeral="V", number="5")
    login(page, "chqs")
    for path in [
        "/tasks/?q=phong+thu",
        f"/tasks/{task.pk}/",
        f"/tasks/{task.pk}/assign/",
        f"/tasks/{task.pk}/progress/",
        f"/programmes/{city.pk}/child/",
        "/import/",
        f"/reports/setup/{city.pk}/",
        f"/reports/?programme={city.pk}&period=2025-Q4&cutoff_rule=calendar",
        "/",  # last: its charts are looked at
    ]:
        response = page.goto(path)
        assert response.ok, path
        assert "default-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
    expect(page.locator("svg[aria-label]").first).to_be_visible()  # the dashboard's chart
    assert refused == []

    # The check sees a refusal when there is one: an inline style added to the page is refused and reported.
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.wait_for_timeout(200)
    assert any("style" in text for text in refused)


def test_the_scripts_still_work_under_the_policy(page, open_context):
    refused = watch(page, [])
    login(page, "lanhdao")
    programme = Programme.objects.get(number="/KH-KHCN")
    page.select_option("select[name=programme]", str(programme.pk))  # static/js/ptds.js submits the form
    expect(page).to_have_url(re.compile(rf"\?programme={programme.pk}$"))

    phone = open_context(viewport={"width": 390, "height": 800}).new_page()
    watch(phone, refused)
    login(phone, "chqs")  # logging in finds the logout button inside the collapsed menu
    phone.get_by_role("button", name="Mở menu").click()  # Bootstrap's collapse, from its bundled script
    expect(phone.get_by_role("link", name="Nhiệm vụ", exact=True)).to_be_visible()
    assert refused == []


def test_the_programme_choice_works_before_the_rest_of_the_page_has_loaded(page):
    """A choice made while Bootstrap's bundle is still on its way (held here until the end) navigates all the same:
    static/js/ptds.js runs in <head>, before the select exists."""
    held = []
    page.goto("/accounts/login/")
    page.fill("#id_username", "lanhdao")
    page.fill("#id_password", PASSWORD)
    page.route("**/bootstrap.bundle.min.js", lambda route: held.append(route))
    page.get_by_role("button", name="Đăng nhập").click()
    try:
        expect(page.locator("select[name=programme]")).to_be_attached()
        assert page.evaluate("document.readyState") == "loading"  # the parser waits for the bundle
        programme = Programme.objects.get(number="/KH-KHCN")
        page.select_option("select[name=programme]", str(programme.pk))
        expect(page).to_have_url(re.compile(rf"\?programme={programme.pk}$"))
    finally:
        for route in held:
            route.continue_()
