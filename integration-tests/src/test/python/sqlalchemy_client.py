"""SQLAlchemy (Core, on psycopg2): table expressions, bound parameters, engine.begin() blocks."""

import sqlalchemy as sa
from sqlalchemy import exc

import scenario

CLIENT = "sqlalchemy"

metadata = sa.MetaData()
item = sa.Table(
    "item",
    metadata,
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column("client", sa.Text, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("qty", sa.Integer, nullable=False),
)
mine = item.c.client == CLIENT


def names(conn):
    return list(conn.scalars(sa.select(item.c.name).where(mine).order_by(item.c.name)))


def main():
    result = {"client": CLIENT}
    engine = sa.create_engine(scenario.tenant_url(), future=True)
    try:
        with engine.begin() as conn:
            conn.execute(sa.delete(item).where(mine))
            inserted = conn.execute(
                sa.insert(item),
                [
                    {"client": CLIENT, "name": "apple", "qty": 1},
                    {"client": CLIENT, "name": "pear", "qty": 2},
                    {"client": CLIENT, "name": "plum", "qty": 3},
                ],
            )
            result["inserted"] = inserted.rowcount
            result["selected"] = names(conn)
            result["updated"] = conn.execute(
                sa.update(item).where(mine, item.c.name == "pear").values(qty=item.c.qty + 10)
            ).rowcount
            result["deleted"] = conn.execute(
                sa.delete(item).where(mine, item.c.name == "plum")
            ).rowcount
            rows = conn.execute(
                sa.text(
                    "SELECT name, qty FROM item WHERE client = :client AND qty > :min ORDER BY name"
                ),
                {"client": CLIENT, "min": 5},
            )
            result["prepared"] = ["%s:%d" % tuple(row) for row in rows]
        with engine.connect() as conn:
            transaction = conn.begin()
            conn.execute(sa.insert(item).values(client=CLIENT, name="fig", qty=4))
            transaction.rollback()
        with engine.begin() as conn:
            conn.execute(sa.insert(item).values(client=CLIENT, name="kiwi", qty=5))
        with engine.connect() as conn:
            result["final"] = names(conn)
            try:
                conn.execute(sa.text(scenario.DDL))
                result["ddl"] = scenario.accepted()
            except exc.DBAPIError as e:
                result["ddl"] = {"sqlstate": e.orig.pgcode, "message": e.orig.diag.message_primary}
            conn.rollback()
            result["ddl"]["usableAfter"] = conn.scalar(
                sa.select(sa.func.count()).select_from(item).where(mine)
            )
            conn.execute(sa.delete(item).where(mine))
            conn.commit()
    finally:
        engine.dispose()
    scenario.report(result)


if __name__ == "__main__":
    main()
