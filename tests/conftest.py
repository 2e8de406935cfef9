"""Shared fixtures: the rules, the NLP pipeline, and the example minutes run once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.nlp import build_nlp
from pipeline.rules import load_rules
from pipeline.run import process_document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = FIXTURES / "seed" / "source.txt"


def pytest_configure(config):
    # golden files are never regenerated under CI (see tests/golden.py)
    if os.environ.get("MINUTES_REGENERATE_GOLDEN") == "1" and os.environ.get("CI"):
        raise pytest.UsageError("MINUTES_REGENERATE_GOLDEN=1 is refused under CI")


@pytest.fixture(scope="session")
def rules():
    return load_rules(ROOT / "rules")


@pytest.fixture(scope="session")
def nlp(rules):
    return build_nlp(rules)


@pytest.fixture(scope="session")
def seed_result(rules):
    """The example minutes processed once for the whole test session."""
    return process_document(SEED, rules, source="source.txt")


@pytest.fixture(scope="session")
def seed(seed_result):
    """The example minutes' meeting records."""
    assert seed_result.row.status == "ok", seed_result.problems
    return seed_result.meetings[0]
