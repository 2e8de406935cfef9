"""The views the databases (minutes.duckdb, minutes.sqlite) offer beside the tables.

Each view is one SQL ``SELECT`` that DuckDB and SQLite both run unchanged (window functions,
CTEs and ``COALESCE`` only), so an analyst gets the same rows from either file and from
``minutes query`` over the CSVs. Their columns are documented in docs/schema.md.
"""

from __future__ import annotations

# The action log's last event (highest seq) gives an action's status now, as
# pipeline/analysis/report_data.current_statuses reads it; an action the log has no rows
# for (a dataset made without the log) is open. A later meeting may have moved the due
# date: the last due date the log records wins over the action's own.
OPEN_ACTIONS = """
WITH last_event AS (
    SELECT action_id, current_status, event, date,
           row_number() OVER (PARTITION BY action_id ORDER BY seq DESC) AS pos
    FROM action_log
), last_due AS (
    SELECT action_id, due_date,
           row_number() OVER (PARTITION BY action_id ORDER BY seq DESC) AS pos
    FROM action_log
    WHERE due_date IS NOT NULL
)
SELECT a.action_id, a.meeting_id, m.date AS meeting_date, m.body, a.item_id,
       a.owner, a.owner_person_id, COALESCE(p.name, a.owner) AS owner_name,
       a.recipient, a.text,
       COALESCE(d.due_date, a.due_date) AS due_date,
       COALESCE(l.current_status, 'open') AS status,
       l.event AS last_event, l.date AS last_event_date
FROM actions AS a
LEFT JOIN last_event AS l ON l.action_id = a.action_id AND l.pos = 1
LEFT JOIN last_due AS d ON d.action_id = a.action_id AND d.pos = 1
LEFT JOIN meetings AS m ON m.meeting_id = a.meeting_id
LEFT JOIN people AS p ON p.person_id = a.owner_person_id
WHERE COALESCE(l.current_status, 'open') <> 'complete'
"""

# One row per question and response (a question nobody answered: one row, response
# columns empty). ``answered_by`` is the responder's name from people, else the speaker
# as the minutes write it ("The CC").
QUESTIONS_WITH_RESPONSES = """
SELECT q.meeting_id, m.date AS meeting_date, q.item_id, i.label AS item_label,
       q.question_id, q.number AS question_number,
       q.asker, q.asker_person_id, COALESCE(pa.name, q.asker) AS asked_by,
       q.addressee, q.addressee_person_id, q.text AS question,
       r.response_id, r.turn, r.speaker, r.speaker_person_id,
       COALESCE(ps.name, r.speaker) AS answered_by, r.text AS response
FROM questions AS q
LEFT JOIN responses AS r ON r.question_id = q.question_id
LEFT JOIN meetings AS m ON m.meeting_id = q.meeting_id
LEFT JOIN items AS i ON i.item_id = q.item_id
LEFT JOIN people AS pa ON pa.person_id = q.asker_person_id
LEFT JOIN people AS ps ON ps.person_id = r.speaker_person_id
"""

# Who was mentioned where: each mention with the person's name (people) and, when they
# were on that meeting's attendance list, their role there. A list naming one person
# twice (present and again under "in attendance") is folded to one row per person so a
# mention is not doubled.
PEOPLE_MENTIONS = """
SELECT mn.meeting_id, m.date AS meeting_date, m.body, mn.record_table, mn.record_id,
       mn."start", mn."end", mn.surface, mn.kind, mn.resolution, mn.person_id,
       COALESCE(p.name, a.name) AS name, a.role, a.abbrev, a.status AS attendance
FROM mentions AS mn
LEFT JOIN people AS p ON p.person_id = mn.person_id
LEFT JOIN (
    SELECT meeting_id, person_id, MIN(name) AS name, MIN(role) AS role,
           MIN(abbrev) AS abbrev, MIN(status) AS status
    FROM attendees
    GROUP BY meeting_id, person_id
) AS a ON a.meeting_id = mn.meeting_id AND a.person_id = mn.person_id
LEFT JOIN meetings AS m ON m.meeting_id = mn.meeting_id
"""

#: View name → what it shows (Datasette's metadata, pipeline/serve.py).
VIEW_DESCRIPTIONS: dict[str, str] = {
    "open_actions": "Actions whose status now (the action log's last event) is not complete, "
                    "with the owner's name and the latest due date.",
    "questions_with_responses": "Each question with each response to it and who answered "
                                "(a question nobody answered: one row, response columns empty).",
    "people_mentions": "Who was mentioned where: each mention with the person's name and their "
                       "role on that meeting's attendance list.",
}

#: View name → its SELECT, in the order they are created and documented.
VIEWS: dict[str, str] = {
    "open_actions": OPEN_ACTIONS,
    "questions_with_responses": QUESTIONS_WITH_RESPONSES,
    "people_mentions": PEOPLE_MENTIONS,
}


def create_views(execute) -> None:
    """Create every view through ``execute`` (a connection's ``execute``: DuckDB or SQLite)."""
    for name, select in VIEWS.items():
        execute(f"CREATE VIEW {name} AS {select.strip()}")
