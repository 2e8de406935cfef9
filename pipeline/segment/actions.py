"""The parts of an action (owner, recipient, due) and of a decision (outcome).

"DBS to provide the PCC with the timeline … once developed": owner DBS, recipient PCC,
due "once developed" (no date). "PCC to be given a copy … before 6th June.": no owner
(the text leaves it implicit), recipient PCC, due "before 6th June" → 2022-06-06.
Several owners ("TS/SC", "NA, MS, HK and CR") make one action with all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..nlp.dates import DateFinder
from ..nlp.people import PeopleIndex, split_people
from ..rules import ActionRules, DecisionRules, PeopleRules
from ..textutil import PARAGRAPH_NUMBER

_LEADING_THE = re.compile(r"^(?:the)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ActionParts:
    """What an action's text says about who, for whom and by when."""

    owner: str | None
    owner_person_id: str | None
    recipient: str | None
    recipient_person_id: str | None
    due_text: str | None
    due_date: str | None


def resolve_people(text: str | None, people: PeopleIndex | None) -> str | None:
    """Person ids for a written owner or recipient ("DBS", "TS/SC"), joined by ``;``.

    Only people that resolve without guessing are listed; None when none does.
    """
    if not text or people is None:
        return None
    ids = []
    for part in split_people(text, people.rules.acting):
        res = people.resolve_written(part)
        if res is not None and res.person_id and res.person_id not in ids:
            ids.append(res.person_id)
    return ";".join(ids) or None


def _clean(who: str | None) -> str | None:
    if not who:
        return None
    # "@Sam": chat minutes address who acts
    return _LEADING_THE.sub("", who.strip().rstrip(".").replace("@", "")) or None


def _first(patterns, text: str, group: int | str, anywhere: bool) -> str | None:
    """The group of the first pattern that matches at the start (or ``anywhere``)."""
    for pattern in patterns:
        m = pattern.search(text) if anywhere else pattern.match(text)
        if m:
            return m.group(group)
    return None


def _due(text: str, rules: ActionRules, finder: DateFinder, meeting: date | None) -> tuple[str | None, str | None]:
    """The deadline as written and its date: a deadline the date rules find ("by the
    end of June"), else a condition or occasion ("once developed", "at the next meeting")."""
    found = finder.find(text, meeting)
    for match in found:
        if match.kind == "deadline":
            return match.surface, match.value_end.isoformat() if match.value_end else None
    # no deadline: the one day or month ahead of the meeting that the task names
    ahead = [m for m in found if m.kind in rules.due_kinds and m.value_end is not None
             and meeting is not None and m.value_end >= meeting]
    if len(ahead) == 1:
        return ahead[0].surface, ahead[0].value_end.isoformat()
    condition = _first(rules.due_patterns, text, 0, anywhere=True)
    return (condition.strip().rstrip(".;, ") if condition else None), None


def _attendee_owner(text: str, rules: ActionRules, people: PeopleIndex | None) -> str | None:
    """"Thibaud Colas: Update the page …", "wendyreid to send …": the owner of the first
    pattern whose owner is an attendee (a topic label such as "Audit:" is none)."""
    for pattern in rules.attendee_owner_patterns:
        m = pattern.match(text)
        if m and resolve_people(m.group("owner"), people):
            return m.group("owner")
    return None


def parse_action(text: str, rules: ActionRules, people: PeopleIndex | None,
                 finder: DateFinder, meeting: date | None) -> ActionParts:
    """Owner, recipient and due date of an action's text (cue words already removed)."""
    body = text[rules.lead_in.match(text).end():]
    # "…, action Mick" names who acts at the end, in so many words: it outranks a
    # capitalised word before "to" at the start ("Aiming to achieve …, action Mags")
    owner = _clean(_first(rules.trailing_owner, text, "owner", anywhere=True)
                   or _attendee_owner(text, rules, people)
                   or _first(rules.owner_patterns, text, "owner", anywhere=False)
                   or _first(rules.owner_patterns, body, "owner", anywhere=False))
    recipient = None
    if owner is None:
        # "PCC to be given a copy …": the text names only who receives
        recipient = _clean(_first(rules.passive_patterns, text, "recipient", anywhere=False))
    if recipient is None:
        recipient = _clean(_first(rules.recipient_patterns, text, "recipient", anywhere=True))
    due_text, due_date = _due(text, rules, finder, meeting)
    return ActionParts(
        owner=owner,
        owner_person_id=resolve_people(owner, people),
        recipient=recipient,
        recipient_person_id=resolve_people(recipient, people),
        due_text=due_text,
        due_date=due_date,
    )


def actions_in_decision(text: str, rules: ActionRules) -> list[tuple[str, str]]:
    """(action text, owner) for each task a resolution gives: "RESOLVED: (1) That HR
    contact Albanwise … (2) That BB contact Roger Lankfer." gives two."""
    found = []
    for pattern in rules.in_decisions:
        for m in pattern.finditer(text):
            start = m.start("owner")
            end = re.search(r"\(\d{1,2}\)|\s\d{1,2}\)\s", text[m.end():])
            piece = text[start: m.end() + end.start() if end else len(text)].strip(" ;,")
            found.append((piece, _clean(m.group("owner"))))
    return sorted(found, key=lambda f: text.find(f[0]))


def is_a_body(owner: str | None, rules: ActionRules) -> bool:
    """True when the owner is the meeting or a body ("Board", "the Finance & Audit
    Committee"): its agreeing records a decision, not someone's task."""
    words = (owner or "").lower().split()
    return bool(words) and (" ".join(words) in rules.not_owners or words[-1] in rules.not_owners)


def names_someone(owner: str, rules: PeopleRules) -> bool:
    """True when every part of a written owner is initials ("HR", "BB"), a titled name
    ("Cllr Storey") or a post ("Clerk"), though no attendee answers to it."""
    titles = {t.lower() for t in rules.name_titles}
    for part in split_people(owner, rules.acting):
        words = _LEADING_THE.sub("", part).split()
        if not words:
            continue
        if not (re.fullmatch(r"[A-Z]{2,4}", words[0]) and len(words) == 1
                or words[0].rstrip(".").lower() in titles
                or words[-1].lower() in rules.role_words):
            return False
    return True


def decision_outcome(text: str, rules: DecisionRules) -> str | None:
    """The outcome a decision's text states (``approved``, ``not_supported`` …), or None."""
    text = PARAGRAPH_NUMBER.sub("", text, count=1)  # "(9) RESOLVED that …"
    for outcome, pattern in rules.outcomes:
        if pattern.search(text):
            return outcome
    return None
