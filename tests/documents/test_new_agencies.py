"""Names the directory does not know become agencies flagged for review: a collective phrase as a group, whether it
starts with "Các" or not ("cơ quan, địa phương liên quan"), a single body as a department."""

from agencies.directory import AgencyDirectory
from agencies.models import Agency
from tasks.documents.store import resolve_agencies, save_programme
from tasks.documents.text import read_programme_text
from tests.documents.test_text_reader import MINIMAL_HEADER, TABLE_HEADER


def test_unknown_names_become_groups_or_departments_by_what_they_name(agency_directory):
    rows = [
        "1\tViệc một\tSở Mới Lập\tcơ quan, địa phương liên quan\t",
        "2\tViệc hai\tSở Mới Lập\tCác đơn vị mới\t",
        "3\tViệc ba\tSở Mới Lập\tUBND các xã mới\t",
    ]
    doc = read_programme_text(MINIMAL_HEADER + TABLE_HEADER + "\n".join(rows) + "\n")
    resolve_agencies(doc, AgencyDirectory.load())
    save_programme(doc)
    kinds = dict(Agency.objects.filter(needs_review=True).values_list("name", "kind"))
    assert kinds == {
        "Sở Mới Lập": Agency.Kind.DEPARTMENT,
        "cơ quan, địa phương liên quan": Agency.Kind.GROUP,
        "Các đơn vị mới": Agency.Kind.GROUP,
        "UBND các xã mới": Agency.Kind.GROUP,
    }
