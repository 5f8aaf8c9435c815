"""The appendix table of a programme in its text form: header rows, sections and tasks, continued over pages.

Cells are tab-separated. Page breaks repeat the header rows and split a task over two rows (a row with an empty
TT cell, or a bare line); the reader joins them back.
"""

import re

from django.utils.translation import gettext as _

from agencies.text import fold, nfc

from .columns import ColumnRole, guess_roles
from .data import ProgrammeFormatError, SectionDoc, TaskDoc

ROMAN = r"[IVXLC]+"
BODY_HEADING = re.compile(rf"^{ROMAN}\.\s+\S")
NOTE_LINE = re.compile(r"^\[.*\]$")  # "[Handwritten signature]", "[Seal]"
PAGE_NUMBER_LINE = re.compile(r"^\d{1,3}$")
SECTION_CELL = re.compile(rf"^(?P<numeral>{ROMAN})(?:\.\s*(?P<title>.*))?$")
TASK_NUMBER = re.compile(r"^(?P<number>\d+(?:\.\d+)*)\.?$")
PART_CELL = re.compile(r"^(?P<letter>[A-Z])\.?$")  # "A. CÁC NHIỆM VỤ CHUNG" above Roman sections
SUB_ITEM = re.compile(r"^(?P<letter>[a-zđ])[.)]?$")  # "a)", "b." under a numbered task
# Words a heading cannot end on: what follows them is a name ("của Thành phố", "tại Sở Y tế"), not a new sentence.
LINKING_WORDS = {"của", "cho", "tại", "với", "và", "về", "các", "những", "trên", "theo", "thuộc", "từ", "đến", "trong"}
LINKING_WORDS |= {"ở", "do", "bởi", "giữa", "tới", "là", "vào", "qua", "gồm", "như", "hoặc", "hay", "cùng", "sang"}


def _cells(line):
    return [nfc(cell) for cell in line.split("\t")]


class TableReader:
    def __init__(self, lines, start, roles=None):
        self.lines = lines
        self.start = start
        self.given_roles = roles  # the user's mapping, a role per column; None: guessed from the header words
        self.header = []  # the first header row as written, and the role of each of its columns
        self.roles = []
        self.guessed = False
        self.columns = {}
        self.time_columns = []
        self.extra_columns = []  # (header as written, position) of every other column: kept, never dropped
        self.phase_labels = []
        self.sections = []
        self.section_lines = {}
        self.task_lines = {}
        self.current = None  # the task or section the next continuation belongs to
        self.part = None  # the lettered part the sections below belong to
        self.header_cells, self.header_roles = [], []  # the header row in force, and its roles
        self.group_label = ""  # the header of the column that numbers groups of tasks ("Chi tiết")
        self.group_defaults = None  # the cells of the group row above, for its tasks
        self.parent_number = None  # the numbered task the lettered sub-items below belong to

    def read(self):
        in_table = False
        index = self.start
        while index < len(self.lines):
            line = self.lines[index]
            cells = _cells(line)
            lineno = index + 1
            if "\t" in line and cells[0] and fold(cells[0]) in ("tt", "stt"):
                self._read_header(cells, lineno)
                in_table = True
                index = self._skip_sub_header(index + 1)
                continue
            index += 1
            if not in_table or not any(cells):
                continue
            if "\t" not in line:
                in_table = self._read_bare_line(cells[0])
            elif cells[0]:
                self._read_numbered_row(cells, lineno)
            elif group := self._group_number(cells):
                self._start_group(group, cells, lineno)
            else:
                self._continue(cells, lineno)
        if not any(section.tasks for section in self.sections):
            raise ProgrammeFormatError(_("Bảng nhiệm vụ không có nhiệm vụ nào."), self.start + 1)

    def _read_header(self, cells, lineno):
        roles, guessed = guess_roles(cells)
        if self.given_roles:
            roles = [*self.given_roles[: len(cells)], *roles[len(self.given_roles) :]]
            guessed = False
        if not self.header:
            self.header, self.roles, self.guessed = cells, roles, guessed
        self._use_roles(cells, roles)

    def _use_roles(self, cells, roles):
        self.header_cells, self.header_roles = cells, roles
        self.columns, self.time_columns, self.extra_columns = {}, [], []
        for position, (cell, role) in enumerate(zip(cells, roles, strict=True)):
            if role == ColumnRole.TIME:
                self.time_columns.append(position)
            elif role == ColumnRole.EXTRA:
                self.extra_columns.append((cell.strip() or f"#{position + 1}", position))
            elif role != ColumnRole.IGNORE:
                self.columns.setdefault(role, position)

    def _skip_sub_header(self, index):
        """Skip the second header row (phase columns, or "TT" and "Chi tiết" under a merged "Stt"), remembering the
        phase labels the first time."""
        if index < len(self.lines) and self._numbering_row(_cells(self.lines[index])):
            return index + 1
        if index < len(self.lines) and len(self.time_columns) > 1:
            cells = _cells(self.lines[index])
            labels = [cells[i] if i < len(cells) else "" for i in self.time_columns]
            if not cells[0] and any("giai doan" in fold(label) for label in labels):
                if not self.phase_labels:
                    self.phase_labels = labels
                return index + 1
        if not self.given_roles:  # no phase row: empty header cells after the time column are not columns
            del self.time_columns[1:]
        return index

    def _numbering_row(self, cells):
        """ "TT" and "Chi tiết" under a merged "Stt": the column the first header row left empty numbers the groups
        of tasks (1, 2, …) and the items within them (a, b, …); the task number stays in "TT"."""
        if not cells or fold(cells[0]) not in ("tt", "stt") or self.given_roles:
            return False
        roles = list(self.header_roles)
        for position, cell in enumerate(cells[: len(roles)]):
            if cell.strip() and roles[position] == ColumnRole.IGNORE and ColumnRole.GROUP not in roles:
                roles[position] = ColumnRole.GROUP
                self.group_label = cell.strip()
        if ColumnRole.GROUP not in roles:
            return False
        if self.roles is self.header_roles:
            self.roles = roles
        self._use_roles(self.header_cells, roles)
        return True

    def _group_number(self, cells):
        group = self._cell(cells, ColumnRole.GROUP).strip()
        return group.rstrip(".") if group[:1].isdigit() and TASK_NUMBER.match(group) else None

    def _start_group(self, number, cells, lineno, title=None):
        """A group row: a numbered heading whose agencies, time and deliverable, written once (merged down in the
        signed table), belong to each of its tasks that writes none of its own."""
        self._start_section(number, self._cell(cells, "content") if title is None else title, [], lineno)
        self.group_defaults = {name: self._cell(cells, name) for name in ("lead", "support", "deliverable")}
        self.group_defaults["time"] = [cells[i] if i < len(cells) else "" for i in self.time_columns]

    def _from_group(self, task, cells):
        """The group's cells where the task writes none; the item letter ("a)") kept as written."""
        if letter := self._cell(cells, ColumnRole.GROUP).strip():
            task.extra_cells.insert(0, [self.group_label, letter])
        if not self.group_defaults:
            return
        task.lead_as_written = task.lead_as_written or self.group_defaults["lead"]
        task.support_as_written = task.support_as_written or self.group_defaults["support"]
        task.deliverable = task.deliverable or self.group_defaults["deliverable"]
        if not any(task.timeframe_as_written):
            task.timeframe_as_written = list(self.group_defaults["time"])

    def _cell(self, cells, name):
        position = self.columns.get(name)
        return cells[position] if position is not None and position < len(cells) else ""

    def _read_bare_line(self, text):
        """A line without tabs: a note to skip, the end of the table, or a task continued."""
        if NOTE_LINE.match(text) or PAGE_NUMBER_LINE.match(text):
            return True
        if BODY_HEADING.match(text) or fold(text).startswith("noi nhan") or not isinstance(self.current, TaskDoc):
            self.current = None
            return False
        self.current.content = _join(self.current.content, text)
        return True

    def _read_numbered_row(self, cells, lineno):
        first = cells[0]
        part = self._part_letter(first, cells)
        section = None if part else SECTION_CELL.match(first)
        task = TASK_NUMBER.match(first)
        sub_item = SUB_ITEM.match(first) if self.parent_number else None
        if task and self._is_arabic_section(cells):
            section, task = {"numeral": first.rstrip("."), "title": ""}, None
        if part:
            self.part = part
            self._start_section(part, "", cells, lineno)
        elif section:
            numeral = f"{self.part}.{section['numeral']}" if self.part else section["numeral"]
            self._start_section(numeral, section["title"] or "", cells, lineno)
        elif task:
            if group := self._group_number(cells):  # a group of one task: its heading and its task on one row
                self._start_group(group, cells, lineno, heading_of(self._cell(cells, "content")))
            self._start_task(task["number"], cells, lineno)
            self.parent_number = task["number"]
        elif sub_item:
            self._start_task(f"{self.parent_number}.{sub_item['letter']}", cells, lineno)
        else:
            raise ProgrammeFormatError(
                _("Dòng %(line)d: ô TT «%(value)s» không phải số La Mã của mục hay số thứ tự của nhiệm vụ.")
                % {"line": lineno, "value": first},
                lineno,
            )

    def _part_letter(self, first, cells):
        """A letter heading a part: not a Roman numeral, or the letter after the part above ("C" after "B")."""
        match = PART_CELL.match(first)
        if not match or not any(cells[1:]):
            return None
        letter = match["letter"]
        follows = self.part is not None and ord(letter) == ord(self.part) + 1
        return letter if follows or not SECTION_CELL.match(letter) else None

    def _start_section(self, numeral, title, cells, lineno):
        if numeral in self.section_lines:
            raise ProgrammeFormatError(
                _("Dòng %(line)d: mục %(numeral)s xuất hiện lần thứ hai (lần đầu ở dòng %(first)d).")
                % {"line": lineno, "numeral": numeral, "first": self.section_lines[numeral]},
                lineno,
            )
        self.section_lines[numeral] = lineno
        title = _join(title, " ".join(c for c in cells[1:] if c))
        self.current = SectionDoc(numeral=numeral, title=title, line=lineno)
        self.sections.append(self.current)
        self.parent_number = None
        self.group_defaults = None

    def _start_task(self, number, cells, lineno):
        if not self.sections:  # a flat table, or tasks above the first section: one section without a name
            self.sections.append(SectionDoc(numeral="", title="", line=lineno))
        section = self.sections[-1]
        key = (section.numeral, number)
        if key in self.task_lines:
            raise ProgrammeFormatError(
                _("Dòng %(line)d: mục %(numeral)s có hai nhiệm vụ số %(number)s (lần đầu ở dòng %(first)d).")
                % {"line": lineno, "numeral": key[0], "number": key[1], "first": self.task_lines[key]},
                lineno,
            )
        self.task_lines[key] = lineno
        self.current = TaskDoc(
            number=number,
            content=self._cell(cells, "content"),
            lead_as_written=self._cell(cells, "lead"),
            support_as_written=self._cell(cells, "support"),
            timeframe_as_written=[cells[i] if i < len(cells) else "" for i in self.time_columns],
            deliverable=self._cell(cells, "deliverable"),
            extra_cells=[[label, cells[i]] for label, i in self.extra_columns if i < len(cells) and cells[i]],
            line=lineno,
        )
        if ColumnRole.GROUP in self.columns:
            self._from_group(self.current, cells)
        section.tasks.append(self.current)

    def _is_arabic_section(self, cells):
        """ "1" with a title and nothing else, in a table numbered 1, 1.1, 1.2 instead of I, 1, 2."""
        if "." in cells[0].rstrip(".") or any(SECTION_CELL.match(s.numeral) for s in self.sections):
            return False
        others = [self._cell(cells, name) for name in ("lead", "support", "deliverable")]
        others += [cells[i] if i < len(cells) else "" for i in self.time_columns]
        return bool(self._cell(cells, "content")) and not any(others)

    def _continue(self, cells, lineno):
        """A row with an empty TT cell: the cells of the row above, continued after a page break."""
        if isinstance(self.current, SectionDoc):
            self.current.title = _join(self.current.title, " ".join(c for c in cells if c))
        elif isinstance(self.current, TaskDoc):
            task = self.current
            if len(task.timeframe_as_written) != len(self.time_columns):  # the header repeated differently
                message = _(
                    "Dòng %(line)d: dòng tiếp nối nhiệm vụ %(number)s nằm dưới tiêu đề bảng có %(now)d cột thời gian, "
                    "còn dòng đầu của nhiệm vụ có %(before)d; tiêu đề bảng lặp lại ở trang sau phải như trang trước."
                )
                counts = {"now": len(self.time_columns), "before": len(task.timeframe_as_written)}
                raise ProgrammeFormatError(message % {"line": lineno, "number": task.number, **counts}, lineno)
            task.content = _join(task.content, self._cell(cells, "content"))
            task.lead_as_written = _join(task.lead_as_written, self._cell(cells, "lead"))
            task.support_as_written = _join(task.support_as_written, self._cell(cells, "support"))
            task.deliverable = _join(task.deliverable, self._cell(cells, "deliverable"))
            task.timeframe_as_written = [
                _join(old, cells[i] if i < len(cells) else "")
                for old, i in zip(task.timeframe_as_written, self.time_columns, strict=True)
            ]
            self._continue_extra(task, cells)
        else:
            raise ProgrammeFormatError(
                _("Dòng %(line)d: dòng tiếp nối (ô TT trống) không thuộc nhiệm vụ nào.") % {"line": lineno}, lineno
            )

    def _continue_extra(self, task, cells):
        kept = dict(task.extra_cells)
        for label, i in self.extra_columns:
            if i < len(cells) and cells[i]:
                kept[label] = _join(kept.get(label, ""), cells[i])
        task.extra_cells = [[label, text] for label, text in kept.items()]


def heading_of(cell):
    """The heading that opens the cell of a group of one task ("Phát triển mô hình du lịch số Phát triển mô hình du
    lịch số gắn với …"): the words before the first that begins a sentence, a capitalised word followed by a
    lower-case one ("Mô hình được …"), after a word that can end a heading (not "của", "tại" …: names follow
    those, "của Thành phố"). The signed table sets the heading in bold; the text form has no bold. Without such a
    word the whole cell is the heading."""
    words = cell.split()
    for position in range(2, len(words) - 1):
        word, after, before = words[position], words[position + 1], words[position - 1]
        starts = word[:1].isupper() and word[1:].islower() and word.isalpha() and after[:1].islower()
        if starts and before.lower() not in LINKING_WORDS:
            return " ".join(words[:position])
    return cell


def _join(before, after):
    return f"{before} {after}".strip() if after else before
