"""<table>.parquet: every table, typed as the spec says, values as in the CSVs."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.records import TABLES
from pipeline.write.spec import table_specs
from tests.publish_helpers import write_seed_dataset

ARROW = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(),
         "date": pa.date32(), "time": pa.time32("ms")}


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory, seed_result, rules):
    return write_seed_dataset(seed_result, rules, tmp_path_factory.mktemp("seed-parquet"))


def _typed(text: str, kind: str):
    """A CSV cell as the value the Parquet file must hold."""
    if text == "":
        return None
    return {"integer": int, "number": float, "date": dt.date.fromisoformat, "time": dt.time.fromisoformat,
            "boolean": lambda s: s == "True"}.get(kind, str)(text)


@pytest.mark.parametrize("table", list(TABLES))
def test_every_table_round_trips_typed(table, seed_out):
    spec = table_specs()[table]
    parquet = pq.read_table(seed_out / f"{table}.parquet")
    assert [(f.name, f.type) for f in parquet.schema] == [(f.name, ARROW[f.type]) for f in spec.fields]
    csv = pd.read_csv(seed_out / f"{table}.csv", dtype=str, keep_default_na=False)
    assert parquet.num_rows == len(csv)
    expected = [{f.name: _typed(row[f.name], f.type) for f in spec.fields} for row in csv.to_dict("records")]
    assert parquet.to_pylist() == expected


def test_the_seed_has_what_the_round_trip_is_about(seed_out):
    # the test above must see ints, dates, times and empty cells, or it proves nothing
    meeting = pq.read_table(seed_out / "meetings.parquet").to_pylist()[0]
    assert meeting["date"] == dt.date(2022, 5, 23) and meeting["start_time"] == dt.time(15, 0)
    items = pq.read_table(seed_out / "items.parquet")
    assert items.column("seq").to_pylist()[:3] == [1, 2, 3]
    assert items.column("parent_item_id").null_count > 0
    assert pq.read_table(seed_out / "person_roles.parquet").schema.field("acting").type == pa.bool_()


def test_parquet_columns_carry_their_description_and_the_run(seed_out):
    schema = pq.read_schema(seed_out / "items.parquet")
    assert schema.field("kind").metadata[b"description"].startswith(b"`opening`, `afi`")
    assert len(schema.metadata[b"rules_hash"]) == 64
