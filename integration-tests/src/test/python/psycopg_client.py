"""psycopg 3: server-side binding, prepared statements, pipeline mode, transaction blocks."""

import psycopg

import scenario

CLIENT = "psycopg"


def names(conn):
    rows = conn.execute("SELECT name FROM item WHERE client = %s ORDER BY name", (CLIENT,))
    return [row[0] for row in rows.fetchall()]


def main():
    result = {"client": CLIENT}
    with psycopg.connect(scenario.tenant_url(), autocommit=True) as conn:
        conn.execute("DELETE FROM item WHERE client = %s", (CLIENT,))
        # Pipeline mode: the three inserts and the select are sent before any answer is read.
        with conn.pipeline():
            inserts = [
                conn.execute(
                    "INSERT INTO item (client, name, qty) VALUES (%s, %s, %s)",
                    (CLIENT, name, qty),
                )
                for name, qty in (("apple", 1), ("pear", 2), ("plum", 3))
            ]
            selected = conn.execute(
                "SELECT name FROM item WHERE client = %s ORDER BY name", (CLIENT,)
            )
        result["inserted"] = sum(cur.rowcount for cur in inserts)
        result["selected"] = [row[0] for row in selected.fetchall()]
        with conn.pipeline():
            updated = conn.execute(
                "UPDATE item SET qty = qty + 10 WHERE client = %s AND name = 'pear'", (CLIENT,)
            )
            deleted = conn.execute(
                "DELETE FROM item WHERE client = %s AND name = 'plum'", (CLIENT,)
            )
        result["updated"] = updated.rowcount
        result["deleted"] = deleted.rowcount
        # prepare=True makes psycopg use a named server-side prepared statement.
        rows = conn.execute(
            "SELECT name, qty FROM item WHERE client = %s AND qty > %s ORDER BY name",
            (CLIENT, 5),
            prepare=True,
        ).fetchall()
        result["prepared"] = ["%s:%d" % row for row in rows]
        # psycopg.Rollback leaves the block and rolls the transaction back.
        with conn.transaction():
            conn.execute("INSERT INTO item (client, name, qty) VALUES (%s, 'fig', 4)", (CLIENT,))
            raise psycopg.Rollback()
        with conn.transaction():
            conn.execute("INSERT INTO item (client, name, qty) VALUES (%s, 'kiwi', 5)", (CLIENT,))
        # Run more often than prepare_threshold: psycopg then prepares it on the server itself.
        counts = {
            conn.execute("SELECT count(*) FROM item WHERE client = %s", (CLIENT,)).fetchone()[0]
            for _ in range(conn.prepare_threshold + 2)
        }
        result["autoPrepared"] = len(counts) == 1
        result["final"] = names(conn)
        # The refused DDL inside a pipeline, after a query the server still owes an answer to.
        try:
            with conn.pipeline():
                before = conn.execute("SELECT 1")
                conn.execute(scenario.DDL)
            result["ddl"] = scenario.accepted()
        except psycopg.Error as e:
            result["ddl"] = {"sqlstate": e.sqlstate, "message": e.diag.message_primary}
        result["ddl"]["pipelineNeighbours"] = [before.fetchone()[0]]
        count = conn.execute("SELECT count(*) FROM item WHERE client = %s", (CLIENT,))
        result["ddl"]["usableAfter"] = count.fetchone()[0]
        conn.execute("DELETE FROM item WHERE client = %s", (CLIENT,))
    scenario.report(result)


if __name__ == "__main__":
    main()
