"""asyncpg: its own protocol implementation, binary results, prepared statements, transactions."""

import asyncio

import asyncpg

import scenario

CLIENT = "asyncpg"


async def names(conn):
    rows = await conn.fetch("SELECT name FROM item WHERE client = $1 ORDER BY name", CLIENT)
    return [row["name"] for row in rows]


def count_of(status):
    """The row count in a command tag such as 'UPDATE 1'."""
    return int(status.split()[-1])


async def main():
    result = {"client": CLIENT}
    # asyncpg reads sslmode=require with sslrootcert as libpq does: the chain must lead to that CA.
    conn = await asyncpg.connect(scenario.tenant_url())
    try:
        await conn.execute("DELETE FROM item WHERE client = $1", CLIENT)
        await conn.executemany(
            "INSERT INTO item (client, name, qty) VALUES ($1, $2, $3)",
            [(CLIENT, "apple", 1), (CLIENT, "pear", 2), (CLIENT, "plum", 3)],
        )
        result["inserted"] = await conn.fetchval(
            "SELECT count(*) FROM item WHERE client = $1", CLIENT
        )
        result["selected"] = await names(conn)
        result["updated"] = count_of(
            await conn.execute(
                "UPDATE item SET qty = qty + 10 WHERE client = $1 AND name = 'pear'", CLIENT
            )
        )
        result["deleted"] = count_of(
            await conn.execute("DELETE FROM item WHERE client = $1 AND name = 'plum'", CLIENT)
        )
        statement = await conn.prepare(
            "SELECT name, qty FROM item WHERE client = $1 AND qty > $2 ORDER BY name"
        )
        result["prepared"] = ["%s:%d" % (r["name"], r["qty"]) for r in await statement.fetch(CLIENT, 5)]
        transaction = conn.transaction()
        await transaction.start()
        await conn.execute("INSERT INTO item (client, name, qty) VALUES ($1, 'fig', 4)", CLIENT)
        await transaction.rollback()
        async with conn.transaction():
            await conn.execute("INSERT INTO item (client, name, qty) VALUES ($1, 'kiwi', 5)", CLIENT)
        result["final"] = await names(conn)
        try:
            await conn.execute(scenario.DDL)
            result["ddl"] = scenario.accepted()
        except asyncpg.PostgresError as e:
            result["ddl"] = {"sqlstate": e.sqlstate, "message": e.args[0]}
        # Extended protocol too: asyncpg prepares every query with arguments.
        try:
            await conn.execute("CREATE TABLE refused_by_tdb AS SELECT $1::int AS id", 1)
            result["ddl"]["extended"] = None
        except asyncpg.PostgresError as e:
            result["ddl"]["extended"] = e.sqlstate
        result["ddl"]["usableAfter"] = await conn.fetchval(
            "SELECT count(*) FROM item WHERE client = $1", CLIENT
        )
        await conn.execute("DELETE FROM item WHERE client = $1", CLIENT)
    finally:
        await conn.close()
    scenario.report(result)


if __name__ == "__main__":
    asyncio.run(main())
