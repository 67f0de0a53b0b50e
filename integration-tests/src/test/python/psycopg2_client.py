"""psycopg2 (libpq): parameterized queries, an explicit transaction, and the refused DDL."""

import psycopg2

import scenario

CLIENT = "psycopg2"


def names(cur):
    cur.execute("SELECT name FROM item WHERE client = %s ORDER BY name", (CLIENT,))
    return [row[0] for row in cur.fetchall()]


def main():
    result = {"client": CLIENT}
    conn = psycopg2.connect(scenario.tenant_url())
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("DELETE FROM item WHERE client = %s", (CLIENT,))
            cur.execute(
                "INSERT INTO item (client, name, qty) VALUES (%s, 'apple', 1), (%s, 'pear', 2),"
                " (%s, 'plum', 3)",
                (CLIENT, CLIENT, CLIENT),
            )
            result["inserted"] = cur.rowcount
            result["selected"] = names(cur)
            cur.execute(
                "UPDATE item SET qty = qty + 10 WHERE client = %s AND name = 'pear'", (CLIENT,)
            )
            result["updated"] = cur.rowcount
            cur.execute("DELETE FROM item WHERE client = %s AND name = 'plum'", (CLIENT,))
            result["deleted"] = cur.rowcount
            # A server-side prepared statement, as psycopg2 users write it: SQL-level PREPARE
            # outlives its transaction, which transaction pooling refuses (0A000).
            prepare = (
                "PREPARE items_above (text, int) AS"
                " SELECT name, qty FROM item WHERE client = $1 AND qty > $2 ORDER BY name"
            )
            if scenario.pool_mode() == "transaction":
                try:
                    cur.execute(prepare)
                except psycopg2.Error as refused:
                    result["sqlPrepare"] = refused.pgcode
                cur.execute(
                    "SELECT name, qty FROM item WHERE client = %s AND qty > %s ORDER BY name",
                    (CLIENT, 5),
                )
            else:
                cur.execute(prepare)
                cur.execute("EXECUTE items_above (%s, %s)", (CLIENT, 5))
            result["prepared"] = ["%s:%d" % row for row in cur.fetchall()]
            if scenario.pool_mode() != "transaction":
                cur.execute("DEALLOCATE items_above")
        conn.autocommit = False
        with conn.cursor() as cur:
            cur.execute("INSERT INTO item (client, name, qty) VALUES (%s, 'fig', 4)", (CLIENT,))
        conn.rollback()
        with conn:
            with conn.cursor() as cur:
                cur.execute(
                    "INSERT INTO item (client, name, qty) VALUES (%s, 'kiwi', 5)", (CLIENT,)
                )
        conn.autocommit = True
        with conn.cursor() as cur:
            result["final"] = names(cur)
            try:
                cur.execute(scenario.DDL)
                result["ddl"] = scenario.accepted()
            except psycopg2.Error as e:
                result["ddl"] = {"sqlstate": e.pgcode, "message": e.diag.message_primary}
            cur.execute("SELECT count(*) FROM item WHERE client = %s", (CLIENT,))
            result["ddl"]["usableAfter"] = cur.fetchone()[0]
            cur.execute("DELETE FROM item WHERE client = %s", (CLIENT,))
    finally:
        conn.close()
    scenario.report(result)


if __name__ == "__main__":
    main()
