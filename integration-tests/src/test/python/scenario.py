"""The scenario every Python client runs against a tenant through the proxy, and how it reports.

PythonClientsIT reads the JSON line printed by report() and asserts on it.
"""

import json
import os
import sys

# The refused statement: DDL on a tenant database.
DDL = "CREATE TABLE refused_by_tdb (id int)"


def tenant_url():
    """The proxy's URL for the tenant, from the environment."""
    url = os.environ.get("TDB_TENANT_URL")
    if not url:
        raise SystemExit("TDB_TENANT_URL is not set")
    return url


def pool_mode():
    """The workspace's pool_mode (session or transaction), from the environment."""
    return os.environ.get("TDB_POOL_MODE", "session")


def accepted():
    """The DDL result when the proxy let the statement through."""
    return {"sqlstate": None, "message": "DDL was accepted"}


def report(result):
    """Prints the result as one JSON line on stdout."""
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
