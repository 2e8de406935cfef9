"""Garbled readings are told from written language (pipeline/quality.py, rules/quality.yaml)."""

from __future__ import annotations

import pytest

from pipeline.document import Document, Provenance, TextBlock
from pipeline.quality import garbled
from pipeline.readers import read_bytes
from tests.bad_inputs import _shifted
from tests.conftest import SEED

# a few sentences of minutes in other languages, repeated past the judging minimum
WELSH = ("Cofnodion cyfarfod y Cyngor a gynhaliwyd yn Siambr y Cyngor ddydd Llun. Yn bresennol: y Cynghorydd. "
         "Ymddiheuriadau am absenoldeb. Datganiadau o fuddiant. Penderfynwyd cymeradwyo cofnodion y cyfarfod "
         "blaenorol fel rhai cywir. Adroddiad y Prif Weithredwr ar y gyllideb ar gyfer y flwyddyn ariannol nesaf. ")
FRENCH = ("Procès-verbal de la réunion du conseil municipal. Étaient présents: le maire et les conseillers. "
          "Le conseil a approuvé le compte rendu de la séance précédente. ")
GERMAN = ("Protokoll der Sitzung des Gemeinderates. Anwesend waren der Bürgermeister und die Gemeinderäte. "
          "Das Protokoll der letzten Sitzung wurde genehmigt. ")


def document(text: str) -> Document:
    prov = Provenance("generated.txt")
    return Document("generated.txt", "text", "0" * 64, tuple(TextBlock("paragraph", line, prov) for line in text.splitlines()))


def test_the_example_minutes_are_written_language(rules):
    doc = read_bytes(SEED.read_bytes(), str(SEED), rules)
    assert garbled(doc, rules.quality) is None


@pytest.mark.parametrize("places", range(1, 26))
def test_the_example_minutes_with_shifted_letters_are_garbled(rules, places):
    text = _shifted(SEED.read_text(encoding="utf-8"), places)
    assert "letter pairs" in garbled(document(text), rules.quality)


@pytest.mark.parametrize("text", [WELSH, FRENCH, GERMAN], ids=["welsh", "french", "german"])
def test_minutes_in_other_languages_are_not_garbled(rules, text):
    assert garbled(document(text * 6), rules.quality) is None


def test_private_use_glyphs_and_control_characters_are_garbled(rules):
    text = "Minutes of the meeting " + "\ue001\ue002\ue003 abc \x01 " * 200
    assert "control characters, private-use glyphs" in garbled(document(text), rules.quality)


def test_text_that_is_mostly_not_letters_is_garbled(rules):
    text = "Minutes of the Board " * 30 + "%$#@ 123 +-*/ 456 ;:<> " * 200
    assert "are letters" in garbled(document(text), rules.quality)


def test_a_short_text_is_not_judged(rules):
    assert garbled(document(_shifted("Minutes of the meeting of the Board held on 9 March 2021.")), rules.quality) is None
