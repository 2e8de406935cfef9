"""Header rows: which rows name their columns, and what each column holds."""

from pipeline.headers import header_roles
from tests.helpers import read_text, table_of


def roles(line, rules):
    return header_roles(table_of(read_text(line + "\n")).rows[0], rules.tables)


def test_assurance_table_header(rules):
    assert roles("AFI / recommendation\tPCC's assurance questions\tForce response", rules) == ("item", "questions", "responses")


def test_opening_comment_header_with_an_empty_column(rules):
    assert roles("PCC opening comment\t\tForce response", rules) == ("item", None, "responses")


def test_an_unknown_short_column_does_not_hide_the_header(rules):
    assert roles("Recommendation\tQuestions\tForce update\tRAG status", rules) == ("item", "questions", "responses", None)


def test_a_data_row_is_not_a_header(rules):
    assert roles("AFI 13: The force should improve how it manages performance and talent.\tAddressed as part of the workforce HTA\t", rules) is None
    assert roles("\tJohn Campion\tPolice and Crime Commissioner (PCC)", rules) is None
