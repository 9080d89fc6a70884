#!/usr/bin/env python3
"""A peer of the audit for `npm run bench`: the 4.7 lateness count with pandas.

    python3 bench/peers/pandas_late.py COMPLAINTS.csv DEADLINES.csv AS_OF

The same rule, the same files as bench/peers/duckdb.mjs: every column read as text, dates parsed
from the first ten characters (one that is not a date, such as 2025-02-30, counts as none), the
deadline looked up in the date -> deadline table exported from our calendar. Prints
{"late": N, "seconds": S}, S being the time from read_csv to the count.
"""
import json
import sys
import time

import pandas as pd


def main(complaints: str, deadlines: str, as_of: str) -> None:
    started = time.perf_counter()
    frame = pd.read_csv(complaints, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame = frame[frame["类别"] == "投诉"]
    received = pd.to_datetime(frame["受理时间"].str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    opinion = pd.to_datetime(frame["处理意见时间"].str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    table = pd.read_csv(deadlines, dtype=str)
    deadline_of = pd.Series(pd.to_datetime(table["deadline"], format="%Y-%m-%d").values, index=pd.to_datetime(table["day"], format="%Y-%m-%d"))
    deadline = received.map(deadline_of)
    in_period = received.between(pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31")) & deadline.notna()
    late_opinion = opinion.notna() & (opinion > deadline)
    overdue = opinion.isna() & (deadline < pd.Timestamp(as_of))
    late = int((in_period & (late_opinion | overdue)).sum())
    print(json.dumps({"late": late, "seconds": time.perf_counter() - started}))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.stderr.write("usage: python3 bench/peers/pandas_late.py COMPLAINTS.csv DEADLINES.csv YYYY-MM-DD\n")
        sys.exit(2)
    main(*sys.argv[1:])
