"""Attendance written as lists: "Present: …", "Apologies; …", "Attendees | …".

A line whose label is an attendance heading (rules/people.yaml) followed by a colon or
semicolon lists people, separated by commas, semicolons or "and":

    PRESENT: Mr R W Gough (Chairman), Mr N Baker, Mrs S Chandler and Mr R J Thomas
    Attendees: Shona Bendix (SB)(Chair), Mike Hosking (MH)(Hon. Secretary & Treasurer)
    Invited: Richard Hunt (RH)(Observer) Ian Brookman (IB)(Finance & Resources Manager)

Bracketed short forms are abbreviations or initials ("SB", "AHop"); other brackets are
roles ("Chairman", "Director of Public Health"). A person whose role is the chair is the
meeting's chair. A heading alone ("Present") followed by one name per line lists the
people on the lines after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from ..document import FURNITURE, Document, Provenance, Table
from ..nlp.people import split_rank
from ..rules import Rules
from ..textutil import collapse_space
from .attendance import AttendeeDraft
from .front_matter import is_key_value_table, key_value_lines

# "Scribe(s):" writes its plural in brackets
_LABEL = re.compile(r"^(?P<label>[A-Za-z][A-Za-z ,/&'-]{1,45}?)(?:\(s\))?\s*[:;]\s*(?P<value>.*)$")
_TOOK_MINUTES = re.compile(r"\bminutes\b|\bminute[- ]?taker\b|\bnote[- ]?taker\b|\bscribe\b", re.IGNORECASE)
_INITIALS = re.compile(r"^[A-Z]{2,4}$")
_BRACKET = re.compile(r"\(([^()]*)\)")
_ABBREV = re.compile(r"^[A-Z][A-Za-z&]{0,6}$")
_CAME_OR_WENT = re.compile(r"\s+(?:left|arrived|joined|departed|from|until)\s+(?:the\s+meeting\s+)?(?:at\s+|after\s+|during\s+|for\s+)?(?:\d{1,2}[.:]\d{2}\s*(?:am|pm)?|item\s+\S+|minute\s+\S+)\s*$",
                           re.IGNORECASE)
#: honours written after a name ("Mr R Love OBE"): part of no name, no initials
POST_NOMINALS = {"OBE", "MBE", "CBE", "KBE", "DBE", "JP", "MP", "QC", "KC", "DL", "QPM", "BEM", "FRS", "PhD"}
_CHAIR = re.compile(r"\bchair(?:man|woman|person)?\b", re.IGNORECASE)
_NOT_A_NAME = re.compile(r"\b(?:were|was|is|are|had|has|have|received|noted|agreed|the meeting|from)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ListedPerson:
    """One person read from a list."""

    name: str
    role: str | None
    abbrev: str | None

    @property
    def is_chair(self) -> bool:
        """True when the list gives this person the chair (not the vice-chair)."""
        return bool(self.role and _CHAIR.search(self.role) and not re.search(r"\bvice\b", self.role, re.IGNORECASE))


def status_of_label(label: str, rules: Rules) -> str | None:
    """The attendance status a list heading gives ("In attendance virtually" → in_attendance)."""
    cleaned = collapse_space(label).rstrip(":;").strip().lower().replace(",", "")
    # "Board members in attendance were:", "The following were present"
    cleaned = re.sub(r"\s+(?:were|was|are|is)$", "", cleaned)
    for cue, status in sorted(rules.people.attendance_headings, key=lambda h: len(h[0]), reverse=True):
        cue = cue.lower()
        if cleaned == cue or cleaned.startswith(cue + " ") or cleaned.endswith(" " + cue):
            return status
    return None


def _split(text: str) -> list[str]:
    """Split a list at commas, semicolons and "and" outside brackets, and where a closing
    bracket is followed straight by the next name ("(Observer) Ian Brookman")."""
    parts, current, depth = [], "", 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if depth == 0 and ch in ",;":
            parts.append(current)
            current = ""
        elif depth == 0 and re.match(r"\s+(?:and|&)\s+", text[i:]) and current.strip():
            m = re.match(r"\s+(?:and|&)\s+", text[i:])
            parts.append(current)
            current = ""
            i += m.end()
            continue
        else:
            current += ch
            if ch == ")" and depth == 0 and re.match(r"\s+[A-Z][a-z]", text[i + 1:]):
                parts.append(current)
                current = ""
        i += 1
    parts.append(current)
    return [p.strip(" .") for p in parts if p.strip(" .")]


def _split_at_titles(parts: list[str], titles: tuple[str, ...]) -> list[str]:
    """A part that runs several names together ("Cllr Sue Lintern Cllr Jim McNeill") split
    where a title begins the next name."""
    if not titles:
        return parts
    title = "|".join(re.escape(t) for t in titles)
    split = []
    for part in parts:
        split += [p.strip() for p in re.split(rf"\s+(?=(?:{title})\.?\s+[A-Z])", part) if p.strip()]
    return split


def _name_and_role(name: str, titles: tuple[str, ...], role_words: frozenset[str]) -> tuple[str, str | None, str | None, str | None]:
    """A name written with its role and initials after it, without brackets, and what
    follows it when that is the next person's name:
    "Cllr Jo Bruce JB Chairperson" → ("Cllr Jo Bruce", "Chairperson", "JB", None);
    "Helen Richardson Parish Clerk" → ("Helen Richardson", "Parish Clerk", None, None);
    "Cllr Gail Reeve Helen Richardson" → ("Cllr Gail Reeve", None, None, "Helen Richardson")."""
    words = name.split()
    titled = 1 if words and words[0].rstrip(".") in titles else 0
    for i in range(titled + 2, len(words)):
        word = words[i]
        if _INITIALS.match(word) and word not in POST_NOMINALS:
            return " ".join(words[:i]), " ".join(words[i + 1:]) or None, word, None
        if word.lower().strip(",.") in role_words:
            break
    initials = 0
    while titled + initials < len(words) and len(words[titled + initials].rstrip(".")) == 1:
        initials += 1
    # after a title a name is a first name and a surname, or initials and a surname
    length = titled + initials + (1 if initials else 2)
    rest = words[length:]
    if not rest or not titled and not any(w.lower().strip(",.") in role_words for w in rest):
        return name, None, None, None
    if not any(w.lower().strip(",.") in role_words for w in rest[:2]) and len(rest) >= 2 and rest[0][:1].isupper():
        return " ".join(words[:length]), None, None, " ".join(rest)
    return " ".join(words[:length]), " ".join(rest), None, None


def _role_then_name(name: str, titles: tuple[str, ...], role_words: frozenset[str]) -> tuple[str, str] | None:
    """A part that opens with a role and goes on with a name: "Bookings Secretary Mags
    Ratford" → ("Bookings Secretary", "Mags Ratford"). None when it does not."""
    words = name.split()
    for k in range(min(3, len(words) - 2)):
        rest = words[k + 1:]
        if words[k].lower().strip(",.") in role_words and rest[0].lower() not in role_words \
                and rest[0].rstrip(".") not in titles and len(rest) <= 3 and all(w[:1].isupper() for w in rest):
            return " ".join(words[: k + 1]), " ".join(rest)
    return None


def parse_people(text: str, rules: Rules | None = None) -> list[ListedPerson]:
    """The people in a written list (empty when it reads as prose, not a list)."""
    people: list[ListedPerson] = []
    titles = rules.people.name_titles if rules else ()
    role_words = rules.people.role_words if rules else frozenset()
    parts = _split_at_titles(_split(text), titles)
    roles_follow_names = False
    while parts:
        part = parts.pop(0)
        brackets = [b.strip() for b in _BRACKET.findall(part)]
        name = collapse_space(_BRACKET.sub(" ", part)).strip(" ,.-–")
        # "Ross Gardler left at 11:04": when someone came or went is no part of the name
        name = _CAME_OR_WENT.sub("", name)
        # "T/ACC Rachel Hartland-Lane": a post written before the name is the role
        rank, name = split_rank(name, rules.people) if rules and name else (None, name)
        written_role = initials = spill = None
        if rules and name and not people:
            # "Mick Ratford, Treasurer Karen Butt, Bookings Secretary Mags Ratford": a list
            # that opens with a bare name writes each role after its name, before the comma
            roles_follow_names = _role_then_name(name, titles, role_words) is None \
                and name.split()[0].lower() not in role_words
        elif rules and name and roles_follow_names and people[-1].role is None:
            split = _role_then_name(name, titles, role_words)
            if split:
                last = people[-1]
                people[-1] = ListedPerson(last.name, split[0], last.abbrev)
                name = split[1]
        if rules and name:
            name, written_role, initials, spill = _name_and_role(name, titles, role_words)
        if spill:
            # the next person's name ran on after this one's: it carries the brackets
            parts.insert(0, spill + "".join(f" ({b})" for b in brackets))
            brackets = []
        if written_role is None and initials is None and people and rules and name.split()[0].lower() in role_words \
                and name.split()[0] not in titles:
            # "…, Financial Responsible Person" after "Helen Richardson Parish Clerk and":
            # the rest of the role before it, not a person
            last = people[-1]
            role = f"{last.role} and {name}" if last.role else name
            people[-1] = ListedPerson(last.name, role, last.abbrev)
            continue
        if not name or name in POST_NOMINALS:
            continue  # "Mr R C Love, OBE": the honour belongs to the name before it
        words = name.split()
        # a lower-case single word is a nickname (W3C minutes list IRC nicks: "duga")
        if len(words) > 6 or _NOT_A_NAME.search(name) or (not name[:1].isupper() and len(words) > 1) \
                or re.search(r"\d", name.rstrip("_")):
            return []  # prose, not a list of people
        abbrev = initials or next((b for b in brackets if _ABBREV.match(b) and sum(c.isupper() for c in b) >= 2), None)
        roles = ([rank] if rank else []) + ([written_role] if written_role else []) \
            + [b for b in brackets if b != abbrev and b]
        people.append(ListedPerson(name, ", ".join(roles) or None, abbrev))
    return people


class _Line(NamedTuple):
    """A top-level line: its text, where it was read, whether it is a heading, and
    whether it is numbered ("1. Devolution" is an item, not more of a list)."""

    text: str
    prov: Provenance
    heading: bool
    numbered: bool = False


def _lines(doc: Document, rules: Rules) -> list[_Line]:
    """Every top-level line (paragraphs, key/value rows as "key: value")."""
    lines = []
    for block in doc.blocks:
        if isinstance(block, Table):
            if is_key_value_table(block, rules):
                lines += [_Line(line.text, line.prov, line.heading) for line in key_value_lines(block)]
            continue
        if block.kind not in FURNITURE:
            lines.append(_Line(collapse_space(block.text), block.prov, block.kind == "heading", block.number is not None))
    return lines


def _is_label(text: str, rules: Rules) -> bool:
    """A line that is only a label: an attendance heading or a front-matter field name."""
    cleaned = text.rstrip(":;").strip().lower()
    fields = {label.lower() for labels in rules.front_matter.fields.values() for label in labels}
    return cleaned in fields or status_of_label(cleaned, rules) is not None


def _labelled(text: str, rules: Rules) -> bool:
    """A line that opens with a label of its own ("Chair: Zheng Xu", "Present: …"): it
    is never the list of an empty label above it ("Guests:" left blank)."""
    m = _LABEL.match(text)
    return bool(m) and _is_label(m.group("label"), rules)


def _continues_list(value: str, line: _Line, rules: Rules) -> bool:
    """True when ``line`` may carry on a list that ended without a full stop: not a
    heading, a label, a sentence, or a numbered or bulleted line of its own."""
    text, heading = line.text, line.heading or line.numbered
    # an item number ("12/23 Apologies …") or a sentence ("… were received") is no list
    return not (heading or value.rstrip().endswith(".") or _LABEL.match(text) or _is_label(text, rules)
                or re.search(r"\d|[.!?;]\s", text) or _NOT_A_NAME.search(text) or re.match(r"^\s*[-•*Ø]", text))


def read_people_lists(doc: Document, rules: Rules) -> list[AttendeeDraft]:
    """Everyone named in the document's attendance lists, with their status."""
    people: list[AttendeeDraft] = []
    lines = _lines(doc, rules)
    i = 0
    while i < len(lines):
        text, prov = lines[i].text, lines[i].prov
        m = _LABEL.match(text)
        # a heading alone is a few words; "Apologies were received from …" is a sentence
        short = len(text.split()) <= 4
        status = status_of_label(m.group("label"), rules) if m else (status_of_label(text, rules) if short else None)
        if status is None:
            i += 1
            continue
        value = m.group("value") if m else ""
        if not value and i + 1 < len(lines) and not lines[i + 1][2] and not _is_label(lines[i + 1][0], rules) \
                and not _labelled(lines[i + 1][0], rules) \
                and ("," in lines[i + 1][0] or i + 2 >= len(lines) or _is_label(lines[i + 2][0], rules)):
            # a label on a line of its own, the list on the next ("Present" / "ashley, ivan, …")
            value = lines[i + 1][0]
            i += 1
        listed = parse_people(value, rules) if value else []
        while listed and i + 1 < len(lines) and _continues_list(value, lines[i + 1], rules):
            # "Present: Mick Ratford, Treasurer Karen Butt, Bookings Secretary" / "Mags
            # Ratford, Secretary Jon Stride (Chairperson)": the list wrapped onto a new line
            longer = parse_people(f"{value} {lines[i + 1][0]}", rules)
            if len(longer) <= len(listed) or any(len((p.role or "").split()) > 5 for p in longer):
                break
            value, listed = f"{value} {lines[i + 1][0]}", longer
            i += 1
        j = i + 1
        if not value:
            # a heading alone: one person per line until a line that is not a name
            while j < len(lines) and not lines[j][2]:
                if _is_label(lines[j][0], rules) or _LABEL.match(lines[j][0]):
                    break  # the next list ("Present", "Regrets") or a label: this one has ended
                found = parse_people(lines[j][0], rules)
                if len(found) != 1:
                    break
                listed += found
                j += 1
        for person in listed:
            # "Helen Richardson HR Parish Clerk (Minutes)": listed, and took the minutes
            took = person.role and _TOOK_MINUTES.search(person.role)
            people.append(AttendeeDraft(person.name, person.role, person.abbrev, "minutes" if took else status,
                                        prov.page, prov.describe(), chair=person.is_chair))
        i = j if listed and not value else i + 1
    return people + _people_in_sentences(lines, rules)


def _people_in_sentences(lines: list[_Line], rules: Rules) -> list[AttendeeDraft]:
    """People listed in prose: "Apologies were received from Mr R Love OBE, Ms K Leonard
    and Ms A Farmer.", "Ms L Game and Ms T Scott were in attendance virtually." """
    people = []
    for text, prov, heading, _ in lines:
        if heading:
            continue
        for status, pattern in rules.people.attendance_sentences:
            for m in pattern.finditer(text):
                listed = parse_people(_BRACKET.sub(" ", m.group("people")), rules)
                people += [AttendeeDraft(p.name, p.role, p.abbrev, status, prov.page, prov.describe()) for p in listed]
    return people
