"""``annotate`` with a meeting's ``MeetingDocs``: a text read twice is tokenised and tagged
once, and tagged as a fresh doc would be."""

from __future__ import annotations

import pytest

from pipeline.nlp import MeetingDocs, annotate
from tests.helpers import context

_TEXTS = [
    "The CC responded that work is under way by the end of June. ACCLP added that numbers are low.",
    "RESOLVED that the Clerk write to the council by 3 March 2023.",
    "Action arising: the DCC to report back next month.",
    "The PCC asked the CC whether training is planned for next year?",
]
# the components each segmenting step leaves out (segment/qa.py, tag.py)
_QA = ("minutes_dates",)
_TAG = ("minutes_turns", "minutes_cues")
_PRODUCES = {"minutes_people": ("people",), "minutes_dates": ("dates",), "minutes_turns": ("turns",),
             "minutes_cues": ("actions", "decisions")}


def _tagged(doc, disable) -> list[tuple]:
    """The sentences and the spans, with their details, of the components not disabled."""
    out = [("sent", s.start, s.end) for s in doc.sents]
    for component, keys in _PRODUCES.items():
        if component in disable:
            continue
        for key in keys:
            for s in doc.spans[key]:
                out.append((key, s.start, s.end, s.label_, s._.key, s._.resolution, s._.temporal, s._.cue_end,
                            None if s._.speaker is None else (s._.speaker.start, s._.speaker.end)))
    return out


def test_a_text_read_again_is_tagged_as_a_fresh_doc(nlp, rules):
    ctx = context(rules)
    kept = MeetingDocs(ctx)
    first = annotate(nlp, _TEXTS[:3], ctx, disable=_QA, kept=kept)
    second = annotate(nlp, _TEXTS[1:] + _TEXTS[1:2], ctx, disable=_TAG, kept=kept)
    # the texts read before are the same docs, dated now; the new one and the repeat are made once
    assert second[0] is first[1] and second[1] is first[2] and second[3] is second[0]
    fresh = annotate(nlp, _TEXTS[1:] + _TEXTS[1:2], context(rules), disable=_TAG)
    assert [_tagged(d, _TAG) for d in second] == [_tagged(d, _TAG) for d in fresh]
    assert any(d.spans["dates"] for d in second)
    fresh_first = annotate(nlp, _TEXTS[:3], context(rules), disable=_QA)
    assert [_tagged(d, _QA) for d in first] == [_tagged(d, _QA) for d in fresh_first]


def test_a_doc_is_taken_back_only_when_it_went_through_the_same_early_components(nlp, rules):
    ctx = context(rules)
    kept = MeetingDocs(ctx)
    (without_people,) = annotate(nlp, _TEXTS[:1], ctx, disable=("minutes_people", *_QA), kept=kept)
    (doc,) = annotate(nlp, _TEXTS[:1], ctx, disable=_QA, kept=kept)
    assert doc is not without_people and doc.spans["people"]
    assert [s.label_ for s in doc.spans["turns"]] == ["CC", "ACCLP"]
    # turns read the people spans: a doc that has them is no doc made without them
    (again,) = annotate(nlp, _TEXTS[:1], ctx, disable=("minutes_people", *_QA), kept=kept)
    assert again is not doc and [s.label_ for s in again.spans["turns"]] == ["UNKNOWN"]


def test_the_docs_kept_belong_to_one_meeting(nlp, rules):
    kept = MeetingDocs(context(rules))
    with pytest.raises(ValueError):
        annotate(nlp, _TEXTS[:1], context(rules), kept=kept)
