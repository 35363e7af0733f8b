"""Past one server (docs/productie.md, "Meer dan één server"), the part tested here: two Superset
instances (gunicorn each) on one PostgreSQL metadata database and one chart-data cache in Redis, both
reading the same read-only serving copy, as they would behind a load balancer. Real servers: Debian's
PostgreSQL and Redis in temporary folders, started by the test. The load balancer itself is not."""

import os
import secrets
import shutil
from pathlib import Path

import duckdb
import pytest

from tools.postgres_server import postgres_server
from tools.redis_server import keys, redis_server
from tools.superset_server import api_call, provisioned_superset

from server_calls import chart_count, create_database, with_driver

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def instances(run, session_dir: Path):
    serving = session_dir / "gedeeld" / "missiemonitor.duckdb"  # the copy both instances read
    serving.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(os.environ["MISSIEMONITOR_SERVING"], serving)
    password = secrets.token_urlsafe(16)
    with postgres_server() as server, redis_server() as cache:
        shared = {
            "MISSIEMONITOR_PROFIEL": "productie",
            "MISSIEMONITOR_SUPERSET_METADATA": with_driver(create_database(server, "superset")),
            "MISSIEMONITOR_SUPERSET_SECRET_KEY": secrets.token_urlsafe(32),  # the same on every instance
            "MISSIEMONITOR_REDIS_URL": cache,
        }
        with (
            provisioned_superset(session_dir / "instantie-a", serving, password, session_dir / "a.log", shared) as a,
            provisioned_superset(session_dir / "instantie-b", serving, password, session_dir / "b.log", shared) as b,
        ):
            yield a, b, serving, cache


def test_both_instances_share_users_dashboards_and_a_login(instances):
    a, b, _, _ = instances
    token = a.login()  # signed with the shared secret key: instance b accepts it
    on_a = api_call(a.base, "/api/v1/dashboard/?q=(page_size:100)", token=token)
    on_b = api_call(b.base, "/api/v1/dashboard/?q=(page_size:100)", token=token)
    assert on_a[0] == on_b[0] == 200
    assert sorted(d["slug"] for d in on_a[1]["result"]) == sorted(d["slug"] for d in on_b[1]["result"])
    # provisioned twice on the same metadata: every dashboard once
    assert len(on_b[1]["result"]) == len(
        list((Path(__file__).parent.parent / "dashboards" / "bundle" / "dashboards").glob("*.yaml"))
    )


def test_a_result_cached_by_one_instance_is_answered_by_the_other_until_a_publication(instances, tmp_path):
    a, b, serving, cache = instances
    token = a.login()
    datasets = api_call(a.base, "/api/v1/dataset/?q=(page_size:100)", token=token)[1]["result"]
    [dataset] = [d["id"] for d in datasets if d["table_name"] == "rpt_missie_overzicht"]
    with duckdb.connect(str(serving), read_only=True) as conn:
        [(rows,)] = conn.execute("select count(*) from reporting.rpt_missie_overzicht").fetchall()

    assert chart_count(a, token, dataset) == (rows, False)  # computed by a, stored in Redis
    assert keys(cache, "missiemonitor_grafieken_*")
    assert chart_count(b, token, dataset) == (rows, True)  # b never computed it

    changed = tmp_path / "gewijzigd.duckdb"
    shutil.copyfile(serving, changed)
    with duckdb.connect(str(changed)) as conn:
        conn.execute(
            "delete from reporting.rpt_missie_overzicht where missiecode = (select min(missiecode) from reporting.rpt_missie_overzicht)"
        )
        [(left,)] = conn.execute("select count(*) from reporting.rpt_missie_overzicht").fetchall()
    os.replace(changed, serving)  # a publication, as the pipeline renames a new copy over the old one
    assert chart_count(b, token, dataset) == (left, False)  # neither instance answers from the old entry
    assert chart_count(a, token, dataset) == (left, True)
