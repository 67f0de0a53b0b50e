"""psycopg 3's test_copy_table_across on temporary tables, in a workspace.

Two sessions, each in an open transaction, make a temporary table with a trigger and a policy
(temporary objects that capture used to lock for), then COPY the rows of one into the other.
WorkspaceTemporaryObjectsIT runs it directly and through the proxy and compares the JSON line.
"""

import os

import psycopg

import scenario

TABLE = (
    "CREATE TEMP TABLE {name} (id serial PRIMARY KEY, label text)",
    "CREATE TRIGGER {name}_trigger BEFORE UPDATE ON {name} FOR EACH ROW"
    " EXECUTE FUNCTION suppress_redundant_updates_trigger()",
    "CREATE POLICY {name}_policy ON {name} USING (true)",
)


def main():
    url = os.environ["TDB_WORKSPACE_URL"]
    result = {}
    with psycopg.connect(url) as source, psycopg.connect(url) as target:
        try:
            for conn, name in ((source, "copy_src"), (target, "copy_tgt")):
                # Bounds a regression: the second session fails with 55P03 instead of hanging.
                conn.execute("SET LOCAL lock_timeout = '10s'")
                for statement in TABLE:
                    conn.execute(statement.format(name=name))
            source.execute("INSERT INTO copy_src (label) VALUES ('a'), ('b'), ('c')")
            with source.cursor().copy("COPY copy_src TO STDOUT") as out:
                with target.cursor().copy("COPY copy_tgt FROM STDIN") as into:
                    for data in out:
                        into.write(data)
            rows = target.execute("SELECT id, label FROM copy_tgt ORDER BY id").fetchall()
            result["copied"] = [list(row) for row in rows]
            result["sqlstate"] = None
        except psycopg.Error as e:
            result["sqlstate"] = e.sqlstate
            result["message"] = str(e).splitlines()[0]
        source.rollback()
        target.rollback()
    scenario.report(result)


if __name__ == "__main__":
    main()
