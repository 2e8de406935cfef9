"""Copy the documents named by the gold files from the shared corpus into documents/.

    python tests/gold/copy_documents.py [CORPUS]   (default ../shared/corpus)

The copies keep the corpus's folder layout, and documents/MANIFEST.csv keeps the corpus
manifest's line for each (source, commit, organisation), so the gold set travels with
the repository and `minutes evaluate` runs on a fresh clone.
"""

import csv
import shutil
import sys
from pathlib import Path

import yaml

here = Path(__file__).parent
corpus = Path(sys.argv[1] if len(sys.argv) > 1 else here.parents[2].parent / "shared" / "corpus")
wanted = sorted({yaml.safe_load(p.read_text())["document"] for p in here.glob("*.yaml") if p.name != "thresholds.yaml"})
target = here / "documents"
with open(corpus / "MANIFEST.csv", newline="", encoding="utf-8") as f:
    reader = csv.DictReader(f)
    header, rows = reader.fieldnames, {r["path"]: r for r in reader}
for doc in wanted:
    (target / doc).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(corpus / doc, target / doc)
with open(target / "MANIFEST.csv", "w", newline="", encoding="utf-8") as f:
    writer = csv.DictWriter(f, header)
    writer.writeheader()
    writer.writerows(rows[d] for d in wanted if d in rows)
print(f"{len(wanted)} documents copied to {target}")
