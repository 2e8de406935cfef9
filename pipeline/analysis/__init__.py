"""Analysis that reads a published dataset (``extracted/``): recurring concerns, the
HTML report. It reads the CSVs, so it works on any run's output, not only a fresh one."""
