"""Load and validate everything in ``rules/``.

The rules are data (YAML files described in ``rules/README.md``); this module turns them
into frozen, typed objects with every regular expression compiled. Anything wrong — a
missing file, an unknown or missing key, a value of the wrong type, a regular expression
that does not compile — raises ``RulesError`` naming the file and the key, at start-up,
before any document is read.

Where the rules are: ``--rules DIR`` on the command line, else the ``MINUTES_RULES``
environment variable, else the copy installed inside the package (``pipeline/rules``,
put there by the wheel build), else the ``rules/`` folder of a source checkout.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

from .errors import RulesError

RULE_FILES = (
    "tables.yaml",
    "sections.yaml",
    "people.yaml",
    "speech.yaml",
    "actions.yaml",
    "decisions.yaml",
    "front_matter.yaml",
    "dates.yaml",
    "pdf.yaml",
    "acronyms.yaml",
    "statements.yaml",
    "tracking.yaml",
    "topics.yaml",
    "quality.yaml",
)

ATTENDANCE_STATUSES = ("present", "apologies", "absent", "in_attendance", "minutes")
DATE_KINDS = (
    "date", "month", "year", "range", "quarter", "financial_year",
    "deadline", "vague", "duration", "frequency",
)
DATE_RESOLVERS = (
    "day_month_year", "month", "month_range", "day_range", "part_of_month", "year",
    "quarter", "financial_year", "relative", "rest_of_year", "coming", "duration",
    "no_interval", "weekday", "relative_month", "week_of", "part_of_year", "season",
    "offset", "span", "part_of_relative", "fixed_day",
)
ACRONYM_CATEGORIES = ("role", "body", "term")
TRACKING_SCOPES = ("series", "all")
# what a later meeting can say of an action (rules/tracking.yaml actions.events)
ACTION_FOLLOW_UP_EVENTS = ("updated", "completed")
COLUMN_ROLES = ("item", "questions", "responses", "action", "owner", "due", "number", "name", "role", "label")


# --- validation helpers --------------------------------------------------------------


class _Section:
    """A mapping read from a rules file, remembering where it came from for messages."""

    def __init__(self, data: Any, where: str):
        if not isinstance(data, dict):
            raise RulesError(f"{where}: expected a mapping, found {type(data).__name__}")
        self.data = data
        self.where = where
        self.used: set[str] = set()

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        self.used.add(key)
        if key not in self.data:
            if default is ...:
                raise RulesError(f"{self.where}: missing key '{key}'")
            return default
        value = self.data[key]
        if not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise RulesError(f"{self.where}.{key}: expected {names}, found {type(value).__name__}")
        return value

    def section(self, key: str) -> "_Section":
        return _Section(self.get(key, dict), f"{self.where}.{key}")

    def choice(self, key: str, allowed: tuple[str, ...], default: Any = ...) -> str:
        """A string that must be one of ``allowed`` (a status, a kind, an engine …)."""
        value = self.get(key, str, default)
        if value not in allowed:
            raise RulesError(f"{self.where}.{key}: '{value}' is not one of {', '.join(allowed)}")
        return value

    def strings(self, key: str, default: Any = ...) -> tuple[str, ...]:
        values = self.get(key, list, default)
        for i, v in enumerate(values):
            if not isinstance(v, str) or not v.strip():
                raise RulesError(f"{self.where}.{key}[{i}]: expected a non-empty string")
        return tuple(values)

    def regex(self, key: str, flags: int = re.IGNORECASE, default: Any = ...) -> re.Pattern | None:
        value = self.get(key, str, default)
        if value is None:
            return None
        return compile_regex(value, f"{self.where}.{key}", flags)

    def regexes(self, key: str, flags: int = re.IGNORECASE, default: Any = ...) -> tuple[re.Pattern, ...]:
        return tuple(
            compile_regex(v, f"{self.where}.{key}[{i}]", flags)
            for i, v in enumerate(self.strings(key, default))
        )

    def done(self) -> None:
        """Refuse keys nobody reads: a typo in a rules file must not pass silently."""
        unknown = sorted(set(self.data) - self.used)
        if unknown:
            raise RulesError(f"{self.where}: unknown key(s) {', '.join(map(repr, unknown))}")


def compile_regex(pattern: str, where: str, flags: int = re.IGNORECASE) -> re.Pattern:
    """Compile a rules regular expression, naming its place in the rules on error."""
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise RulesError(f"{where}: bad regular expression {pattern!r}: {exc}") from None


def _items(section: _Section, key: str) -> Iterable[_Section]:
    for i, entry in enumerate(section.get(key, list)):
        yield _Section(entry, f"{section.where}.{key}[{i}]")


# --- the rule sets -------------------------------------------------------------------


@dataclass(frozen=True)
class TableRules:
    """Column roles recognised from header rows (rules/tables.yaml)."""

    header_max_words: int
    columns: dict[str, tuple[str, ...]]
    column_patterns: dict[str, re.Pattern]

    def role_of(self, text: str) -> str | None:
        """The column role a header cell names, or None."""
        cleaned = " ".join(text.split())
        if not cleaned or len(cleaned.split()) > self.header_max_words:
            return None
        for role, pattern in self.column_patterns.items():
            if pattern.search(cleaned):
                return role
        return None


@dataclass(frozen=True)
class ItemLabel:
    """One kind of item label (rules/sections.yaml: item_labels)."""

    kind: str
    pattern: re.Pattern
    opens_group: bool = False
    children: tuple[str, ...] = ()
    from_heading: bool = False
    section: str | None = None
    questions_in_text: bool = False


@dataclass(frozen=True)
class SectionRules:
    """Item labels and what is not a question or response (rules/sections.yaml)."""

    item_labels: tuple[ItemLabel, ...]
    title_kinds: tuple[tuple[str, re.Pattern], ...]
    not_questions: tuple[tuple[str, re.Pattern], ...]
    not_responses: tuple[tuple[str, re.Pattern], ...]
    aside_styles: tuple[str, ...]
    recap_headings: tuple[re.Pattern, ...] = ()


@dataclass(frozen=True)
class PeopleRules:
    """Attendance cues, role abbreviations and bodies (rules/people.yaml)."""

    attendance_headings: tuple[tuple[str, str], ...]
    abbrev_pattern: re.Pattern
    attendance_sentences: tuple[tuple[str, re.Pattern], ...]
    name_titles: tuple[str, ...]
    role_words: frozenset[str]
    roles: dict[str, str]
    bodies: frozenset[str]
    determiners: tuple[str, ...]
    # "T/ACC", "Acting Chief Constable": anchored at the start, case-insensitive
    acting: re.Pattern | None = None
    registry_window_days: int = 400
    post_qualifiers: tuple[str, ...] = ()


@dataclass(frozen=True)
class SpeechRules:
    """Connectors, adverbs and verbs of speaking and asking (rules/speech.yaml)."""

    connectors: tuple[str, ...]
    adverbs: frozenset[str]
    speech_verbs: frozenset[str]
    question_verbs: frozenset[str]


@dataclass(frozen=True)
class ActionRules:
    """Action cues, owners, recipients and due text (rules/actions.yaml)."""

    cues: tuple[re.Pattern, ...]
    statements: tuple[re.Pattern, ...]
    lead_in: re.Pattern
    not_owners: frozenset[str]
    trailing_owner: tuple[re.Pattern, ...]
    in_decisions: tuple[re.Pattern, ...]
    owner_patterns: tuple[re.Pattern, ...]
    passive_patterns: tuple[re.Pattern, ...]
    recipient_patterns: tuple[re.Pattern, ...]
    due_patterns: tuple[re.Pattern, ...]
    item_titles: tuple[str, ...]
    clause_starts: re.Pattern | None = None
    attendee_statements: tuple[re.Pattern, ...] = ()
    start_statements: tuple[re.Pattern, ...] = ()
    attendee_owner_patterns: tuple[re.Pattern, ...] = ()
    due_kinds: frozenset[str] = frozenset()


@dataclass(frozen=True)
class DecisionRules:
    """Decision cues and outcomes (rules/decisions.yaml)."""

    cues: tuple[re.Pattern, ...]
    statements: tuple[re.Pattern, ...]
    votes: tuple[re.Pattern, ...]
    not_decisions: tuple[re.Pattern, ...]
    split_at: re.Pattern
    outcomes: tuple[tuple[str, re.Pattern], ...]
    item_titles: tuple[str, ...]
    results: tuple[re.Pattern, ...] = ()
    clause_starts: re.Pattern | None = None
    motion_text: re.Pattern | None = None


@dataclass(frozen=True)
class FrontMatterRules:
    """Front-matter labels and title cues (rules/front_matter.yaml)."""

    fields: dict[str, tuple[str, ...]]
    title_cues: tuple[str, ...]
    meeting_cues: tuple[str, ...]
    front_headings: tuple[re.Pattern, ...]
    body_suffixes: tuple[str, ...]
    name_separators: tuple[str, ...]
    venue_patterns: tuple[re.Pattern, ...]
    kinds: tuple[tuple[str, re.Pattern, bool], ...] = ()
    chair_patterns: tuple[re.Pattern, ...] = ()
    chair_in_body: tuple[re.Pattern, ...] = ()
    chair_in_body_items: int = 3


@dataclass(frozen=True)
class DatePattern:
    """One temporal-expression pattern (rules/dates.yaml: patterns)."""

    id: str
    kind: str
    resolve: str
    regex: re.Pattern


@dataclass(frozen=True)
class DateRules:
    """Temporal expressions and the calendar conventions (rules/dates.yaml)."""

    financial_year_start_month: int
    part_of_month: dict[str, tuple[int, int]]
    vague_windows: dict[str, tuple[int, int]]
    number_words: dict[str, int]
    patterns: tuple[DatePattern, ...]
    deadline_cues: tuple[tuple[re.Pattern, str, re.Pattern | None, frozenset[str]], ...]
    not_after: tuple[re.Pattern, ...]
    not_surfaces: frozenset[str]
    part_of_year: dict[str, tuple[int, int]] = field(default_factory=dict)
    seasons: dict[str, tuple[int, int]] = field(default_factory=dict)
    future_cues: tuple[re.Pattern, ...] = ()
    past_cues: tuple[re.Pattern, ...] = ()
    range_joiners: re.Pattern | None = None
    fixed_days: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class PdfRules:
    """How PDF pages are read (rules/pdf.yaml)."""

    table_settings: dict
    min_table_columns: int
    min_table_text_cells: int
    line_tolerance: float
    paragraph_gap: float
    short_line: float
    furniture_band: float
    furniture_min_share: float
    bullets: tuple[str, ...]
    ocr_min_chars: int
    garbled_share: float
    grid_row_gap: float
    grid_gutter: float
    grid_min_column_width: float
    grid_min_rows: int
    engine: str = "pdfium"


PDF_ENGINES = ("pdfium", "pdfplumber")


@dataclass(frozen=True)
class QualityRules:
    """When read text is garbled rather than written language (rules/quality.yaml)."""

    min_letters: int
    max_unreadable_share: float
    min_letter_share: float
    min_common_pair_share: float
    common_pairs: frozenset[str]


@dataclass(frozen=True)
class GlossaryEntry:
    """One known acronym (rules/acronyms.yaml: glossary)."""

    acronym: str
    expansion: str
    category: str


@dataclass(frozen=True)
class AcronymRules:
    """How acronym definitions are read, and the glossary (rules/acronyms.yaml)."""

    small_words: frozenset[str]
    role_heads: frozenset[str]
    body_heads: frozenset[str]
    glossary: dict[str, GlossaryEntry]


STATEMENT_TYPES = ("question", "concern", "commitment", "assurance", "deferral", "update")
#: what a sentence no cue matches may be besides the six: background to a question
STATEMENT_DEFAULTS = STATEMENT_TYPES + ("remark",)
#: the record tables whose sentences may be typed (records.TEXT_TABLES)
STATEMENT_TABLES = ("items", "questions", "responses", "actions", "decisions", "notes")


@dataclass(frozen=True)
class StatementType:
    """One statement type's cues (rules/statements.yaml: types)."""

    name: str
    cues: tuple[re.Pattern, ...]
    tables: tuple[str, ...] | None = None  # where its cues count; None: every table read
    unless: tuple[re.Pattern, ...] = ()  # a sentence one of these matches is never this type


@dataclass(frozen=True)
class StatementRules:
    """Statement types of question and response sentences (rules/statements.yaml)."""

    types: tuple[StatementType, ...]  # in precedence order: the first that matches wins
    defaults: dict[str, str]  # record table read → type of a sentence no cue matches


@dataclass(frozen=True)
class ThreadRules:
    """How items are followed across meetings (rules/tracking.yaml: threads)."""

    finding_kinds: tuple[str, ...]
    finding_same_report_similarity: float
    finding_min_words: int
    similarity_threshold: float
    min_words: int
    heading_threshold: float
    heading_noise_words: tuple[str, ...]
    window: int  # earlier meetings an item is compared with
    scope: str  # "series" or "all"
    procedural_kinds: tuple[str, ...]
    generic_headings: tuple[str, ...]


@dataclass(frozen=True)
class ActionEventCue:
    """An event an action's later mention reports, and the patterns that say it."""

    event: str
    cues: tuple[re.Pattern, ...]


@dataclass(frozen=True)
class TrackingRules:
    """Threads of items and the action log across meetings (rules/tracking.yaml)."""

    series_noise_words: frozenset[str]
    threads: ThreadRules
    stop_words: tuple[str, ...]
    follow_up_similarity: float
    min_shared_words: int
    action_stop_words: tuple[str, ...]  # stop_words plus the posts a follow-up must not share alone
    follow_up_window: int  # later meetings of the series searched for an action's follow-ups
    action_events: tuple[ActionEventCue, ...]  # tried in order


@dataclass(frozen=True)
class Topic:
    """One topic of the taxonomy (rules/topics.yaml: topics)."""

    id: str
    label: str
    cues: tuple[str, ...]  # as written in the rules
    pattern: re.Pattern  # the cues as one whole-word pattern (see topic_cue_source)
    unless: tuple[re.Pattern, ...] = ()  # a cue's match inside a match of one of these does not count


@dataclass(frozen=True)
class TopicRules:
    """The topic taxonomy (rules/topics.yaml), in the file's order. The tagger
    (pipeline/nlp/topics.py) scans a text for all of them at once."""

    topics: tuple[Topic, ...]


@dataclass(frozen=True)
class Rules:
    """Every rule set, plus where they were loaded from and their content hash."""

    directory: Path
    hash: str
    tables: TableRules
    sections: SectionRules
    people: PeopleRules
    speech: SpeechRules
    actions: ActionRules
    decisions: DecisionRules
    front_matter: FrontMatterRules
    dates: DateRules
    pdf: PdfRules
    acronyms: AcronymRules | None = None
    statements: StatementRules | None = None
    tracking: TrackingRules | None = None
    topics: TopicRules | None = None
    quality: QualityRules | None = None


# --- parsing each file -----------------------------------------------------------------


def _words_pattern(phrases: Iterable[str]) -> re.Pattern:
    alternatives = sorted((re.escape(p.strip()) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])", re.IGNORECASE)


def _parse_tables(s: _Section) -> TableRules:
    max_words = s.get("header_max_words", int)
    cols = s.section("columns")
    columns = {}
    for role in cols.data:
        if role not in COLUMN_ROLES:
            raise RulesError(f"{cols.where}: unknown column role '{role}' (known: {', '.join(COLUMN_ROLES)})")
        columns[role] = cols.strings(role)
    cols.done()
    s.done()
    return TableRules(max_words, columns, {r: _words_pattern(c) for r, c in columns.items()})


def _parse_sections(s: _Section) -> SectionRules:
    labels = []
    for entry in _items(s, "item_labels"):
        pattern = entry.regex("pattern")
        if "label" not in pattern.groupindex:
            raise RulesError(f"{entry.where}.pattern: must define the group (?P<label>…)")
        labels.append(
            ItemLabel(
                kind=entry.get("kind", str),
                pattern=pattern,
                opens_group=entry.get("opens_group", bool, False),
                children=entry.strings("children", ()),
                from_heading=entry.get("from_heading", bool, False),
                section=entry.get("section", str, None),
                questions_in_text=entry.get("questions_in_text", bool, False),
            )
        )
        entry.done()

    def kinded(key: str) -> tuple[tuple[str, re.Pattern], ...]:
        out = []
        for entry in _items(s, key):
            out.append((entry.get("kind", str), entry.regex("pattern")))
            entry.done()
        return tuple(out)

    rules = SectionRules(
        item_labels=tuple(labels),
        title_kinds=kinded("title_kinds"),
        not_questions=kinded("not_questions"),
        not_responses=kinded("not_responses"),
        aside_styles=s.strings("aside_styles"),
        recap_headings=s.regexes("recap_headings", default=()),
    )
    s.done()
    return rules


def _parse_people(s: _Section) -> PeopleRules:
    att = s.section("attendance")
    headings = []
    for entry in _items(att, "headings"):
        status = entry.choice("status", ATTENDANCE_STATUSES)
        headings.append((entry.get("cue", str), status))
        entry.done()
    abbrev_pattern = att.regex("abbrev_pattern", flags=0)
    for group in ("role", "abbrev"):
        if group not in abbrev_pattern.groupindex:
            raise RulesError(f"{att.where}.abbrev_pattern: must define the group (?P<{group}>…)")
    sentences = []
    for entry in _items(att, "sentences"):
        status = entry.choice("status", ATTENDANCE_STATUSES)
        pattern = entry.regex("pattern", flags=0)
        if "people" not in pattern.groupindex:
            raise RulesError(f"{entry.where}.pattern: must define the group (?P<people>…)")
        sentences.append((status, pattern))
        entry.done()
    titles = att.strings("titles")
    role_words = frozenset(w.lower() for w in att.strings("role_words"))
    att.done()
    roles = {}
    for entry in _items(s, "roles"):
        roles[str(entry.get("abbrev", str))] = entry.get("title", str)
        entry.done()
    rules = PeopleRules(
        attendance_headings=tuple(headings),
        abbrev_pattern=abbrev_pattern,
        attendance_sentences=tuple(sentences),
        name_titles=titles,
        role_words=role_words,
        roles=roles,
        bodies=frozenset(s.strings("bodies")),
        determiners=s.strings("determiners"),
        acting=_acting_pattern(s.strings("acting_prefixes", ())),
        registry_window_days=s.get("registry_window_days", int, 400),
        post_qualifiers=s.strings("post_qualifiers", ()),
    )
    s.done()
    return rules


def _acting_pattern(prefixes: tuple[str, ...]) -> re.Pattern | None:
    """One anchored pattern for the acting prefixes: "T/" needs nothing after it, a word
    ("Acting") a space."""
    if not prefixes:
        return None
    alternatives = [re.escape(p.strip()) + (r"\s+" if p.strip()[-1].isalnum() else r"\s*")
                    for p in sorted(prefixes, key=len, reverse=True)]
    return re.compile(r"^(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


def _parse_speech(s: _Section) -> SpeechRules:
    rules = SpeechRules(
        connectors=tuple(c.lower() for c in s.strings("connectors")),
        adverbs=frozenset(a.lower() for a in s.strings("adverbs")),
        speech_verbs=frozenset(v.lower() for v in s.strings("speech_verbs")),
        question_verbs=frozenset(v.lower() for v in s.strings("question_verbs")),
    )
    s.done()
    return rules


def _parse_actions(s: _Section) -> ActionRules:
    person = s.get("person", str)
    compile_regex(person, f"{s.where}.person")

    def with_person(key: str, default=...) -> tuple[re.Pattern, ...]:
        # {person} is the only placeholder; use replace so regex braces stay untouched
        return tuple(
            compile_regex(p.replace("{person}", person), f"{s.where}.{key}[{i}]", 0)
            for i, p in enumerate(s.strings(key, default))
        )

    rules = ActionRules(
        cues=s.regexes("cues"),
        statements=with_person("statements"),
        lead_in=s.regex("lead_in", flags=0),
        not_owners=frozenset(o.lower() for o in s.strings("not_owners")),
        trailing_owner=with_person("trailing_owner"),
        in_decisions=with_person("in_decisions"),
        owner_patterns=with_person("owner_patterns"),
        passive_patterns=with_person("passive_patterns"),
        recipient_patterns=with_person("recipient_patterns"),
        due_patterns=s.regexes("due_patterns"),
        due_kinds=frozenset(s.strings("due_kinds", ())),
        item_titles=tuple(t.lower() for t in s.strings("item_titles")),
        clause_starts=s.regex("clause_starts", flags=0, default=None),
        attendee_statements=with_person("attendee_statements", default=[]),
        start_statements=with_person("start_statements", default=[]),
        attendee_owner_patterns=with_person("attendee_owner_patterns", default=[]),
    )
    s.done()
    return rules


def _parse_decisions(s: _Section) -> DecisionRules:
    outcomes = []
    for entry in _items(s, "outcomes"):
        outcomes.append((entry.get("outcome", str), entry.regex("pattern")))
        entry.done()
    rules = DecisionRules(cues=s.regexes("cues"), statements=s.regexes("statements"), votes=s.regexes("votes"),
                          not_decisions=s.regexes("not_decisions"), split_at=s.regex("split_at"),
                          outcomes=tuple(outcomes),
                          item_titles=tuple(t.lower() for t in s.strings("item_titles")),
                          results=s.regexes("results", default=[]),
                          clause_starts=s.regex("clause_starts", default=None),
                          motion_text=s.regex("motion_text", default=None))
    s.done()
    return rules


MEETING_KINDS = ("minutes", "agenda", "decision_log")


def _kinds(s: _Section) -> list[tuple[str, re.Pattern, bool]]:
    kinds = []
    for entry in _items(s, "kinds"):
        kind = entry.choice("kind", MEETING_KINDS)
        lines = entry.get("lines", bool, False)
        kinds.append((kind, entry.regex("pattern"), lines))
        entry.done()
    return kinds


def _parse_front_matter(s: _Section) -> FrontMatterRules:
    f = s.section("fields")
    known = ("title", "date", "time", "chair", "minute_taker", "venue")
    for key in f.data:
        if key not in known:
            raise RulesError(f"{f.where}: unknown field '{key}' (known: {', '.join(known)})")
    fields_ = {key: f.strings(key) for key in known if key in f.data}
    f.done()
    rules = FrontMatterRules(
        fields=fields_,
        title_cues=s.strings("title_cues"),
        meeting_cues=s.strings("meeting_cues"),
        front_headings=s.regexes("front_headings"),
        body_suffixes=s.strings("body_suffixes"),
        name_separators=tuple(s.get("name_separators", list)),
        venue_patterns=s.regexes("venue_patterns", flags=0),
        chair_patterns=s.regexes("chair_patterns", flags=0),
        chair_in_body=s.regexes("chair_in_body", flags=0, default=[]),
        chair_in_body_items=s.get("chair_in_body_items", int, 3),
        kinds=tuple(_kinds(s)),
    )
    s.done()
    return rules


def _expand_parts(pattern: str, parts: dict[str, str], where: str) -> str:
    def sub(match: re.Match) -> str:
        name = match.group(1)
        if name not in parts:
            raise RulesError(f"{where}: unknown part {{{name}}} (known: {', '.join(sorted(parts))})")
        return parts[name]

    # only UPPERCASE names are parts, so regex quantifiers such as {1,3} are left alone
    return re.sub(r"\{([A-Z][A-Z0-9_]*)\}", sub, pattern)


def _int_pair(value: Any, where: str) -> tuple[int, int]:
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)):
        raise RulesError(f"{where}: expected a pair of whole numbers [from, to]")
    return (value[0], value[1])


def _parse_dates(s: _Section) -> DateRules:
    start_month = s.get("financial_year_start_month", int)
    if not 1 <= start_month <= 12:
        raise RulesError(f"{s.where}.financial_year_start_month: must be 1–12")
    pom = s.section("part_of_month")
    part_of_month = {k: _int_pair(pom.get(k, list), f"{pom.where}.{k}") for k in list(pom.data)}
    pom.done()
    vw = s.section("vague_windows")
    vague = {k: _int_pair(vw.get(k, list), f"{vw.where}.{k}") for k in list(vw.data)}
    vw.done()
    nw = s.section("number_words")
    numbers = {str(k).lower(): nw.get(k, int) for k in list(nw.data)}
    nw.done()
    parts_section = s.section("parts")
    parts = {k: parts_section.get(k, str) for k in list(parts_section.data)}
    parts_section.done()
    patterns = []
    seen = set()
    for entry in _items(s, "patterns"):
        pid = entry.get("id", str)
        if pid in seen:
            raise RulesError(f"{entry.where}.id: duplicate id '{pid}'")
        seen.add(pid)
        kind = entry.choice("kind", DATE_KINDS)
        resolve = entry.choice("resolve", DATE_RESOLVERS)
        regex = compile_regex(_expand_parts(entry.get("regex", str), parts, entry.where), f"{entry.where}.regex")
        patterns.append(DatePattern(pid, kind, resolve, regex))
        entry.done()
    cues = []
    for entry in _items(s, "deadline_cues"):
        takes = entry.get("takes", str)
        if takes not in ("start", "end"):
            raise RulesError(f"{entry.where}.takes: must be 'start' or 'end'")
        # cues are looked for immediately before an expression, so anchor them at the end
        cue = compile_regex(r"(?<![\w])(?:" + entry.get("cue", str) + r")$", f"{entry.where}.cue")
        # "unlikely to be delivered until 23/24": words before the cue that undo it
        unless = entry.get("unless_before", str, None)
        kinds = frozenset(entry.strings("kinds", ()))
        if kinds - set(DATE_KINDS):
            raise RulesError(f"{entry.where}.kinds: unknown kind(s) {', '.join(sorted(kinds - set(DATE_KINDS)))}")
        cues.append((cue, takes, compile_regex(unless, f"{entry.where}.unless_before") if unless else None, kinds))
        entry.done()
    rules = DateRules(
        financial_year_start_month=start_month,
        part_of_month=part_of_month,
        vague_windows=vague,
        number_words=numbers,
        patterns=tuple(patterns),
        deadline_cues=tuple(cues),
        not_after=s.regexes("not_after"),
        not_surfaces=frozenset(x.lower() for x in s.strings("not_surfaces")),
        part_of_year=_month_pairs(s, "part_of_year"),
        seasons=_month_pairs(s, "seasons"),
        fixed_days=_fixed_days(s),
        future_cues=s.regexes("future_cues", default=()),
        past_cues=s.regexes("past_cues", default=()),
        range_joiners=compile_regex(s.get("range_joiners", str), f"{s.where}.range_joiners")
        if "range_joiners" in s.data else None,
    )
    s.done()
    return rules


def _fixed_days(s: _Section) -> dict[str, tuple[int, int]]:
    """Days known by name ("christmas: [12, 25]"), each a real day of the month."""
    if "fixed_days" not in s.data:
        return {}
    section = s.section("fixed_days")
    days = {str(k).lower(): _int_pair(section.get(k, list), f"{section.where}.{k}") for k in list(section.data)}
    section.done()
    for name, (month, day) in days.items():
        try:
            date(2000, month, day)  # a leap year: 29 February is a real day
        except ValueError:
            raise RulesError(f"{section.where}.{name}: [{month}, {day}] is no day of the year") from None
    return days


def _month_pairs(s: _Section, key: str) -> dict[str, tuple[int, int]]:
    """Named spans of months ("mid: [5, 8]", "winter: [12, 2]"), each month 1–12."""
    if key not in s.data:
        return {}
    section = s.section(key)
    pairs = {str(k).lower(): _int_pair(section.get(k, list), f"{section.where}.{k}") for k in list(section.data)}
    section.done()
    for name, (first, last) in pairs.items():
        if not (1 <= first <= 12 and 1 <= last <= 12):
            raise RulesError(f"{section.where}.{name}: months must be 1–12")
    return pairs


def _parse_pdf(s: _Section) -> PdfRules:
    settings = s.get("table_settings", dict)
    try:
        # pdfplumber checks its own settings: a misspelt one fails here, at start-up
        from pdfplumber.table import TableSettings

        TableSettings.resolve(dict(settings))
    except ImportError:  # pragma: no cover - pdfplumber is a dependency
        pass
    except (TypeError, ValueError) as exc:
        raise RulesError(f"{s.where}.table_settings: {exc}") from None
    number = (int, float)
    rules = PdfRules(
        table_settings=dict(settings),
        min_table_columns=s.get("min_table_columns", int),
        min_table_text_cells=s.get("min_table_text_cells", int),
        line_tolerance=float(s.get("line_tolerance", number)),
        paragraph_gap=float(s.get("paragraph_gap", number)),
        short_line=float(s.get("short_line", number)),
        furniture_band=float(s.get("furniture_band", number)),
        furniture_min_share=float(s.get("furniture_min_share", number)),
        bullets=s.strings("bullets"),
        ocr_min_chars=s.get("ocr_min_chars", int),
        garbled_share=float(s.get("garbled_share", number)),
        grid_row_gap=float(s.get("grid_row_gap", number)),
        grid_gutter=float(s.get("grid_gutter", number)),
        grid_min_column_width=float(s.get("grid_min_column_width", number)),
        grid_min_rows=s.get("grid_min_rows", int),
        engine=s.choice("engine", PDF_ENGINES, "pdfium"),
    )
    s.done()
    return rules


def _parse_quality(s: _Section) -> QualityRules:
    pairs = frozenset(p.lower() for p in s.strings("common_pairs"))
    bad = sorted(p for p in pairs if len(p) != 2 or not p.isalpha())
    if bad:
        raise RulesError(f"{s.where}.common_pairs: not pairs of letters: {', '.join(bad)}")
    rules = QualityRules(
        min_letters=_count(s, "min_letters"),
        max_unreadable_share=_fraction(s, "max_unreadable_share"),
        min_letter_share=_fraction(s, "min_letter_share"),
        min_common_pair_share=_fraction(s, "min_common_pair_share"),
        common_pairs=pairs,
    )
    s.done()
    return rules


def _parse_acronyms(s: _Section) -> AcronymRules:
    glossary: dict[str, GlossaryEntry] = {}
    for entry in _items(s, "glossary"):
        acronym = str(entry.get("acronym", str)).strip()
        # a glossary entry is looked up as written in the text: at least two capitals
        # ("DfE", "MoJ"), no spaces, so that ordinary words never match
        if sum(c.isupper() for c in acronym) < 2 or " " in acronym:
            raise RulesError(f"{entry.where}.acronym: '{acronym}' needs two capitals and no spaces")
        if acronym in glossary:
            raise RulesError(f"{entry.where}.acronym: duplicate acronym '{acronym}'")
        category = entry.choice("category", ACRONYM_CATEGORIES)
        expansion = entry.get("expansion", str).strip()
        if not expansion:
            raise RulesError(f"{entry.where}.expansion: expected a non-empty string")
        glossary[acronym] = GlossaryEntry(acronym, expansion, category)
        entry.done()
    rules = AcronymRules(
        small_words=frozenset(w.lower() for w in s.strings("small_words")),
        role_heads=frozenset(w.lower() for w in s.strings("role_heads")),
        body_heads=frozenset(w.lower() for w in s.strings("body_heads")),
        glossary=glossary,
    )
    s.done()
    return rules


def _parse_statements(s: _Section) -> StatementRules:
    defaults_section = s.section("defaults")
    defaults = {}
    for table in list(defaults_section.data):
        if table not in STATEMENT_TABLES:
            raise RulesError(f"{defaults_section.where}: unknown record table '{table}' "
                             f"(known: {', '.join(STATEMENT_TABLES)})")
        kind = defaults_section.choice(table, STATEMENT_DEFAULTS)
        defaults[table] = kind
    defaults_section.done()
    types_section = s.section("types")
    parsed = {}
    for name in list(types_section.data):
        if name not in STATEMENT_TYPES:
            raise RulesError(f"{types_section.where}: unknown statement type '{name}' "
                             f"(known: {', '.join(STATEMENT_TYPES)})")
        entry = types_section.section(name)
        tables = entry.strings("tables") if "tables" in entry.data else None
        for table in tables or ():
            if table not in defaults:
                raise RulesError(f"{entry.where}.tables: '{table}' is not a table read (see defaults)")
        parsed[name] = StatementType(name, entry.regexes("cues"), tables, entry.regexes("unless", default=()))
        entry.done()
    types_section.done()
    precedence = s.strings("precedence")
    if sorted(precedence) != sorted(parsed):
        raise RulesError(f"{s.where}.precedence: must name each type under 'types' once "
                         f"(types: {', '.join(parsed)}; precedence: {', '.join(precedence)})")
    rules = StatementRules(types=tuple(parsed[name] for name in precedence), defaults=defaults)
    s.done()
    return rules


def _fraction(s: _Section, key: str) -> float:
    value = s.get(key, (int, float))
    if isinstance(value, bool) or not 0 <= value <= 1:
        raise RulesError(f"{s.where}.{key}: expected a number from 0 to 1, found {value!r}")
    return float(value)


def _count(s: _Section, key: str) -> int:
    value = s.get(key, int)
    if isinstance(value, bool) or value < 0:
        raise RulesError(f"{s.where}.{key}: expected a whole number ≥ 0, found {value!r}")
    return value


def _parse_tracking(s: _Section) -> TrackingRules:
    t = s.section("threads")
    scope = t.choice("scope", TRACKING_SCOPES)
    threads = ThreadRules(
        finding_kinds=t.strings("finding_kinds"),
        finding_same_report_similarity=_fraction(t, "finding_same_report_similarity"),
        finding_min_words=_count(t, "finding_min_words"),
        similarity_threshold=_fraction(t, "similarity_threshold"),
        min_words=_count(t, "min_words"),
        heading_threshold=_fraction(t, "heading_threshold"),
        heading_noise_words=tuple(w.lower() for w in t.strings("heading_noise_words")),
        window=_count(t, "window"),
        scope=scope,
        procedural_kinds=t.strings("procedural_kinds"),
        generic_headings=tuple(h.lower() for h in t.strings("generic_headings")),
    )
    t.done()
    a = s.section("actions")
    events = []
    for entry in _items(a, "events"):
        event = entry.choice("event", ACTION_FOLLOW_UP_EVENTS)
        events.append(ActionEventCue(event, entry.regexes("cues")))
        entry.done()
    rules = TrackingRules(
        series_noise_words=frozenset(w.lower() for w in s.strings("series_noise_words")),
        threads=threads,
        stop_words=tuple(w.lower() for w in s.strings("stop_words")),
        follow_up_similarity=_fraction(a, "follow_up_similarity"),
        min_shared_words=_count(a, "min_shared_words"),
        follow_up_window=_count(a, "follow_up_window"),
        action_stop_words=tuple(w.lower() for w in s.strings("stop_words") + a.strings("stop_words")),
        action_events=tuple(events),
    )
    a.done()
    s.done()
    return rules


TOPIC_ID = re.compile(r"[a-z][a-z0-9_]*")
# a cue in capitals only (digits and signs allowed) is an acronym: matched as written
_ACRONYM_CUE = re.compile(r"[^a-z]*[A-Z][^a-z]*")


def topic_cue_form(cue: str) -> tuple[bool, bool]:
    """(is an acronym, takes a plural) of a topic cue: an acronym is written in capitals
    only (`IT`, `DA`, `D&I`) and matched as written; a cue ending in a letter (not a class
    such as \\d, not a group) also matches with "s" or "es" after it."""
    cue = cue.strip()
    return bool(_ACRONYM_CUE.fullmatch(cue)), cue[-1].isalpha() and cue[-2:-1] != "\\"


def topic_cue_source(cue: str) -> str:
    """A topic cue as a regular expression, without the whole-word guards (topic_cue_form)."""
    source = cue.strip()
    acronym, plural = topic_cue_form(source)
    if acronym:
        source = f"(?-i:{source})"
    return f"(?:{source})(?:e?s)?" if plural else source


def _topic_alternatives(cues: Iterable[str]) -> str:
    # longer cues first: "victim personal statement" before "victims?", so the words kept
    # are the fullest the text gives
    return "|".join(sorted((topic_cue_source(c) for c in cues), key=len, reverse=True))


def _parse_topics(s: _Section) -> TopicRules:
    topics: list[Topic] = []
    for entry in _items(s, "topics"):
        tid = entry.get("id", str)
        if not TOPIC_ID.fullmatch(tid):
            raise RulesError(f"{entry.where}.id: '{tid}' is not snake_case (a-z, 0-9, _)")
        if any(t.id == tid for t in topics):
            raise RulesError(f"{entry.where}.id: duplicate id '{tid}'")
        label = entry.get("label", str).strip()
        if not label:
            raise RulesError(f"{entry.where}.label: expected a non-empty string")
        cues = entry.strings("cues")
        if not cues:
            raise RulesError(f"{entry.where}.cues: expected at least one cue")
        for i, cue in enumerate(cues):
            where = f"{entry.where}.cues[{i}]"
            # the tagger joins the cues into larger patterns: a cue's own group names or
            # back-references would clash there
            if re.search(r"\(\?P[<=]|\\[1-9]", cue):
                raise RulesError(f"{where}: no named groups or back-references in a cue: {cue!r}")
            compiled = compile_regex(rf"(?<!\w)(?:{topic_cue_source(cue)})(?!\w)", where)
            if compiled.fullmatch(""):
                raise RulesError(f"{where}: the cue {cue!r} matches an empty text (it would be found everywhere)")
            if cue in cues[:i]:
                raise RulesError(f"{where}: duplicate cue {cue!r}")
        topics.append(Topic(
            id=tid, label=label, cues=cues,
            pattern=re.compile(rf"(?<!\w)(?:{_topic_alternatives(cues)})(?!\w)", re.IGNORECASE),
            unless=entry.regexes("unless", default=()),
        ))
        entry.done()
    s.done()
    if not topics:
        raise RulesError(f"{s.where}.topics: expected at least one topic")
    return TopicRules(tuple(topics))


_PARSERS = {
    "tables.yaml": _parse_tables,
    "sections.yaml": _parse_sections,
    "people.yaml": _parse_people,
    "speech.yaml": _parse_speech,
    "actions.yaml": _parse_actions,
    "decisions.yaml": _parse_decisions,
    "front_matter.yaml": _parse_front_matter,
    "dates.yaml": _parse_dates,
    "pdf.yaml": _parse_pdf,
    "acronyms.yaml": _parse_acronyms,
    "statements.yaml": _parse_statements,
    "tracking.yaml": _parse_tracking,
    "topics.yaml": _parse_topics,
    "quality.yaml": _parse_quality,
}


# --- loading ---------------------------------------------------------------------------


def default_rules_dir() -> Path:
    """Where the rules are when nobody says: env var, installed copy, or source checkout."""
    env = os.environ.get("MINUTES_RULES")
    if env:
        return Path(env)
    installed = Path(__file__).resolve().parent / "rules"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "rules"


def rules_hash(directory: Path) -> str:
    """A sha256 over the rules files' names and bytes (README excluded)."""
    digest = hashlib.sha256()
    for name in RULE_FILES:
        path = directory / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


def load_rules(directory: str | Path | None = None) -> Rules:
    """Load and validate every rules file in ``directory`` (default: see module doc)."""
    directory = Path(directory) if directory is not None else default_rules_dir()
    return _load_rules_cached(str(directory.resolve()))


@lru_cache(maxsize=8)
def _load_rules_cached(directory: str) -> Rules:
    root = Path(directory)
    if not root.is_dir():
        raise RulesError(f"rules folder not found: {root}")
    parsed: dict[str, Any] = {}
    for name in RULE_FILES:
        path = root / name
        if not path.is_file():
            raise RulesError(f"{path}: missing rules file")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise RulesError(f"{path}: not valid YAML: {exc}") from None
        parsed[name] = _PARSERS[name](_Section(data, name))
    return Rules(
        directory=root,
        hash=rules_hash(root),
        tables=parsed["tables.yaml"],
        sections=parsed["sections.yaml"],
        people=parsed["people.yaml"],
        speech=parsed["speech.yaml"],
        actions=parsed["actions.yaml"],
        decisions=parsed["decisions.yaml"],
        front_matter=parsed["front_matter.yaml"],
        dates=parsed["dates.yaml"],
        pdf=parsed["pdf.yaml"],
        acronyms=parsed["acronyms.yaml"],
        statements=parsed["statements.yaml"],
        tracking=parsed["tracking.yaml"],
        topics=parsed["topics.yaml"],
        quality=parsed["quality.yaml"],
    )
