"""What every page shares: the menu marks the current page, the favicon, the admin's third-party headings in
Vietnamese, one sans-serif font and no emoji."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.html import find_all, text

from .conftest import evidence, report

MENU = {
    "Tổng quan": "/",
    "Nhiệm vụ": "/tasks/",
    "Báo cáo": "/reports/",
    "Nhập chương trình": "/import/",
    "Việc của tôi": "/my/",
}


def current(response):
    return [text(a) for a in find_all(response, '//nav//a[@aria-current="page"]')]


@pytest.mark.parametrize(
    ("address", "entry"),
    [
        ("/", "Tổng quan"),
        ("/tasks/", "Nhiệm vụ"),
        ("/reports/", "Báo cáo"),
        ("/import/", "Nhập chương trình"),
        ("/my/", "Việc của tôi"),
    ],
)
def test_the_menu_marks_the_current_page(chqs, address, entry):
    response = chqs.get(address)
    assert response.status_code == 200
    assert current(response) == [entry]
    [link] = find_all(response, '//nav//a[@aria-current="page"]')
    assert link.get("href") == MENU[entry] and "active" in link.get("class").split()


def test_a_task_page_is_under_tasks(chqs, police_task):
    assert current(chqs.get(police_task.get_absolute_url())) == ["Nhiệm vụ"]


def test_the_favicon_is_ours_and_served(chqs, anonymous):
    [icon] = find_all(chqs.get("/"), '//link[@rel="icon"]')
    assert icon.get("type") == "image/svg+xml"
    response = anonymous.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == icon.get("href")
    assert (Path(settings.BASE_DIR) / "static/img/favicon.svg").read_text().startswith("<svg")


def test_the_admin_names_every_app_in_vietnamese(admin):
    html = admin.get(reverse("admin:index")).content.decode()
    assert "Chống dò mật khẩu đăng nhập" in html and "Các lần đăng nhập sai" in html
    assert "Axes" not in html and "Access attempts" not in html
    for name in ("Cơ quan, đơn vị", "Báo cáo", "Nhiệm vụ", "Hàng đợi việc nền"):
        assert f">{name}</a>" in html, name
    for english in ("Agencies", "Reports", ">Tasks<", "Tasks Database Backend", "Task Results"):
        assert english not in html, english


def test_evidence_is_marked_by_an_image_not_an_emoji(chqs, police_task):
    evidence(report(police_task, "congan"))
    html = chqs.get(police_task.get_absolute_url()).content.decode()
    assert "\U0001f4ce" not in html
    [link] = find_all(html, '//ul[@id="reports"]//a[img]')
    assert link.xpath("./img")[0].get("src").endswith("img/paperclip.svg")


def test_one_sans_serif_font_on_screen():
    css = (Path(settings.BASE_DIR) / "static/css/ptds.css").read_text()
    assert "font-family" not in css  # Bootstrap's system sans-serif everywhere, text as written too
