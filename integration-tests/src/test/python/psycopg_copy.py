"""psycopg 3: COPY ... TO STDOUT of 10 MB, read block by block as psycopg hands them out.

Connects to TDB_COPY_URL; reports the rows and bytes read.
"""

import os

import psycopg

import scenario

COPY = "COPY (SELECT repeat('x', 100) FROM generate_series(1, 100000)) TO STDOUT"


def main():
    url = os.environ.get("TDB_COPY_URL")
    if not url:
        raise SystemExit("TDB_COPY_URL is not set")
    size = 0
    rows = 0
    with psycopg.connect(url, autocommit=True) as conn:
        with conn.cursor().copy(COPY) as copy:
            for block in copy:
                size += len(block)
                rows += bytes(block).count(b"\n")
    scenario.report({"rows": rows, "bytes": size})


if __name__ == "__main__":
    main()
