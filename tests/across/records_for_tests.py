"""Small meetings built in code for the cross-meeting tests (generated, not real minutes)."""

from __future__ import annotations

from pipeline.records import Action, Item, Meeting, MeetingRecords, Response


def meeting(n: int, date: str, items=(), actions=(), responses=(), body: str = "Monthly Assurance Meeting",
            series: str | None = "assurance") -> MeetingRecords:
    """Meeting ``n`` on ``date``; items are (kind, label, number, text[, title]) tuples."""
    meeting_id = f"m-test{n:08d}-1"
    built_items = []
    for seq, spec in enumerate(items, start=1):
        kind, label, number, text, *title = spec
        built_items.append(Item(meeting_id=meeting_id, item_id=f"i-test{n:08d}-1-{seq:03d}", seq=seq, kind=kind,
                                label=label, number=number, parent_item_id=None, section=None, text=text,
                                page_start=1, page_end=1, title=title[0] if title else None))
    built_actions = [Action(meeting_id=meeting_id, item_id=None, action_id=f"a-test{n:08d}-1-{k:03d}", owner=owner,
                            owner_person_id=None, recipient=None, text=text, due_text=None, due_date=due)
                     for k, (owner, text, due) in enumerate(actions, start=1)]
    built_responses = [Response(meeting_id=meeting_id, item_id=built_items[0].item_id if built_items else "",
                                response_id=f"r-test{n:08d}-1-{k:03d}", number=None, question_id=None,
                                speaker=None, speaker_person_id=None, text=text)
                       for k, text in enumerate(responses, start=1)]
    return MeetingRecords(
        meeting=Meeting(meeting_id=meeting_id, document_id=f"d-test{n:08d}", title=f"{body} {date}", body=body,
                        date=date, start_time=None, chair=None, minute_taker=None, venue=None, series=series),
        items=tuple(built_items), actions=tuple(built_actions), responses=tuple(built_responses))
