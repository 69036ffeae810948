"""Every endpoint and every error of the service, in process."""

import io
import json
from decimal import Decimal

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx2")

from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

from moralkit import dump, ita, moral
from moralkit.server import Limits, create_app

SAO = {"fiscal_year": 2568, "tools": {"IIT": 98, "EIT": 84, "OIT": "99.5"}}
CSV = b"agency,IIT,EIT,OIT,province\na,90,88,95,TH-10\nb,80,75,60,TH-10\n"


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(Limits(max_rows=5, max_body=4096, max_upload=8192))) as c:
        yield c


def problem_of(response, status):
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["type"] == "about:blank"
    assert body["title"]
    return body


def test_score_one_agency_as_the_python_api_does(client):
    response = client.post("/ita/score", json=SAO)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    expected = ita.score(2568, tools={"IIT": 98, "EIT": 84, "OIT": "99.5"})
    assert response.json() == {"result": json.loads(json.dumps(dump(expected)))}
    assert response.json()["result"]["rules_id"] == "ita-2568"
    assert "explanation" not in response.json()


@pytest.mark.parametrize("lang", ["th", "en"])
def test_explain_adds_the_rendered_explanation(client, lang):
    body = client.post(f"/ita/score?explain={lang}", json=SAO).json()
    assert body["explanation"]
    assert ("คะแนนรวม" in body["explanation"]) == (lang == "th")


def test_score_from_indicators(client):
    values = ["93.55", "87.72", "91.01", "87.93", "89.52", "90.55", "88.68", "88.58"]
    indicators = {str(n): v for n, v in enumerate([*values, "72.89", "65.56"], 1)}
    result = client.post("/ita/score", json={"fiscal_year": 2564, "indicators": indicators})
    assert result.json()["result"]["total"] == "81.45"


def test_invalid_data_is_422_with_every_path(client):
    body = problem_of(client.post("/ita/score", json={"fiscal_year": "x", "tools": [1]}), 422)
    assert {e["path"] for e in body["errors"]} == {"fiscal_year", "tools"}
    assert all(set(e) == {"path", "code", "message"} for e in body["errors"])


def test_scores_out_of_range_are_422(client):
    payload = {"fiscal_year": 2568, "tools": {"IIT": 101, "EIT": 84, "OIT": 90}}
    body = problem_of(client.post("/ita/score", json=payload), 422)
    assert body["errors"][0]["path"].startswith("tools")


def test_a_year_without_rules_is_422_at_fiscal_year(client):
    payload = {"fiscal_year": 2590, "tools": {"IIT": 90, "EIT": 90, "OIT": 90}}
    body = problem_of(client.post("/ita/score", json=payload), 422)
    assert body["errors"][0]["path"] == "fiscal_year"
    assert "2568" in body["errors"][0]["message"]


def test_messages_follow_accept_language(client):
    bad = {"fiscal_year": "x"}
    th = problem_of(
        client.post("/ita/score", json=bad, headers={"Accept-Language": "th-TH,en;q=0.5"}), 422
    )
    en = problem_of(
        client.post("/ita/score", json=bad, headers={"Accept-Language": "en, th;q=0.1"}), 422
    )
    assert th["errors"][0]["message"].startswith("ต้องเป็นจำนวนเต็ม")
    assert en["errors"][0]["message"].startswith("expected an integer")
    assert th["title"] != en["title"]


@pytest.mark.parametrize(
    "body",
    [b"{", b"\xff\xfe", b'{"a": 1} x', b'{"fiscal_year": 2568,}'],
)
def test_malformed_json_is_400(client, body):
    problem_of(client.post("/ita/score", content=body), 400)


def test_nan_is_invalid_data_at_its_path(client):
    body = problem_of(client.post("/ita/score", content=b'{"fiscal_year": NaN}'), 422)
    assert body["errors"][0]["path"] == "fiscal_year"


def test_duplicate_keys_are_refused(client):
    response = client.post("/ita/score", content=b'{"fiscal_year": 2568, "fiscal_year": 2567}')
    assert "fiscal_year" in problem_of(response, 422)["errors"][0]["message"]


def test_deep_bodies_are_refused_before_parsing(client):
    body = problem_of(client.post("/ita/score", content=b"[" * 40 + b"]" * 40), 400)
    assert "32" in body["errors"][0]["message"]
    # Brackets inside strings do not count.
    deep_text = json.dumps({"fiscal_year": 2568, "tools": {"[" * 100: 1}})
    problem_of(client.post("/ita/score", content=deep_text.encode()), 422)


def test_huge_bodies_are_413(client):
    problem_of(client.post("/ita/score", content=b" " * 5000), 413)

    def chunks():  # no Content-Length: refused while streaming
        for _ in range(10):
            yield b" " * 1000

    problem_of(client.post("/ita/score", content=chunks()), 413)


def test_other_media_types_are_415(client):
    response = client.post("/ita/score", content=b"x", headers={"content-type": "text/plain"})
    problem_of(response, 415)


def test_score_table_json(client):
    rows = [
        {"agency": "a", "tools": {"IIT": "90", "EIT": "88", "OIT": "95"}},
        {"agency": "b", "tools": {"IIT": "80", "EIT": "75", "OIT": "60"}},
    ]
    body = client.post("/ita/score-table", json={"fiscal_year": 2567, "rows": rows}).json()
    assert [(r["agency"], r["total"], r["level"]) for r in body["rows"]] == [
        ("a", "91.40", "good"),
        ("b", "70.50", "improve"),
    ]


def test_score_table_passes_the_group_columns_through(client):
    rows = [
        {
            "agency": "a",
            "tools": {"IIT": "90", "EIT": "88", "OIT": "95"},
            "groups": {"province": "TH-10"},
        },
        {
            "agency": "b",
            "tools": {"IIT": "80", "EIT": "75", "OIT": "60"},
            "groups": {"ministry": "M1"},
        },
    ]
    body = client.post("/ita/score-table", json={"fiscal_year": 2567, "rows": rows}).json()
    assert [(r["agency"], r["province"], r["ministry"]) for r in body["rows"]] == [
        ("a", "TH-10", None),
        ("b", None, "M1"),
    ]
    # The same columns, in the same order, as the CLI and ita.score_table give.
    assert list(body["rows"][0])[-2:] == ["province", "ministry"]
    csv_body = client.post(
        "/ita/score-table?fiscal_year=2567", content=CSV, headers={"content-type": "text/csv"}
    ).json()
    assert [r["province"] for r in csv_body["rows"]] == ["TH-10", "TH-10"]


def test_a_group_named_like_a_scored_column_is_refused(client):
    rows = [
        {"agency": "a", "tools": {"IIT": "90", "EIT": "88", "OIT": "95"}, "groups": {"total": "x"}},
        {
            "agency": "b",
            "tools": {"IIT": "80", "EIT": "75"},  # no OIT: a scoring problem in the same row
            "groups": {"level": "y"},
        },
    ]
    response = client.post("/ita/score-table", json={"fiscal_year": 2567, "rows": rows})
    body = problem_of(response, 422)
    found = [(p["path"], p["code"]) for p in body["errors"]]
    assert ("rows[0].groups['total']", "service.group_is_a_column") in found
    assert ("rows[1].groups['level']", "service.group_is_a_column") in found
    assert any(path.startswith("rows[1]") and "groups" not in path for path, _ in found)


def test_score_table_csv_and_upload(client):
    response = client.post(
        "/ita/score-table?fiscal_year=2567", content=CSV, headers={"content-type": "text/csv"}
    )
    assert [r["total"] for r in response.json()["rows"]] == ["91.40", "70.50"]
    upload = client.post(
        "/ita/score-table",
        files={"file": ("rows.csv", CSV, "text/csv")},
        data={"fiscal_year": "2567"},
    )
    assert upload.json() == response.json()


def test_score_table_parquet(client):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    sink = io.BytesIO()
    pq.write_table(pa.table({"agency": ["a"], "IIT": [90.0], "EIT": [88.0], "OIT": [95.0]}), sink)
    response = client.post(
        "/ita/score-table?fiscal_year=2567",
        content=sink.getvalue(),
        headers={"content-type": "application/vnd.apache.parquet"},
    )
    assert response.json()["rows"][0]["total"] == "91.40"
    problem_of(
        client.post(
            "/ita/score-table?fiscal_year=2567",
            content=b"PAR1 broken",
            headers={"content-type": "application/vnd.apache.parquet"},
        ),
        400,
    )


def test_score_table_errors(client):
    too_many = {"fiscal_year": 2567, "rows": [{"agency": str(n)} for n in range(6)]}
    problem_of(client.post("/ita/score-table", json=too_many), 413)
    csv_rows = b"agency,IIT,EIT,OIT\n" + b"a,90,90,90\n" * 6
    problem_of(
        client.post(
            "/ita/score-table?fiscal_year=2567",
            content=csv_rows,
            headers={"content-type": "text/csv"},
        ),
        413,
    )
    missing_year = client.post(
        "/ita/score-table", content=CSV, headers={"content-type": "text/csv"}
    )
    assert problem_of(missing_year, 422)["errors"][0]["path"] == "fiscal_year"
    bad_row = b"agency,IIT,EIT,OIT\na,90,90,abc\n,90,90,90\n"
    body = problem_of(
        client.post(
            "/ita/score-table?fiscal_year=2567",
            content=bad_row,
            headers={"content-type": "text/csv"},
        ),
        422,
    )
    # Every problem of every row at once: a bad score and a missing agency.
    assert {e["path"] for e in body["errors"]} == {"rows[0].tools['OIT']", "rows[1].agency"}
    bad_score = b"agency,IIT,EIT,OIT\na,90,90,abc\n"
    body = problem_of(
        client.post(
            "/ita/score-table?fiscal_year=2567",
            content=bad_score,
            headers={"content-type": "text/csv"},
        ),
        422,
    )
    assert body["errors"][0]["path"].startswith("rows[0].tools")
    problem_of(
        client.post(
            "/ita/score-table?fiscal_year=2567",
            content=b"\xff",
            headers={"content-type": "text/csv"},
        ),
        400,
    )
    problem_of(
        client.post("/ita/score-table", content=b"x", headers={"content-type": "image/png"}), 415
    )
    problem_of(
        client.post("/ita/score-table", files={"other": ("x.csv", CSV)}, data={"fiscal_year": "1"}),
        422,
    )


def test_moral_assess(client):
    evidence = moral.Evidence.of("unit", 2569, {1: Decimal(85), 3: True})
    response = client.post("/moral/assess?explain=en", json=json.loads(json.dumps(dump(evidence))))
    body = response.json()
    assert body["result"]["rubric_id"] == "moral-org-b-2569"
    assert "level 0" in body["explanation"]
    problem_of(client.post("/moral/assess", json={"organization": "u"}), 422)
    bad = {"organization": "u", "fiscal_year": 2569, "activities": [{"number": 1}]}
    problem_of(client.post("/moral/assess", json=bad), 422)


def test_validate(client):
    good = json.loads(json.dumps(dump(moral.Evidence.of("unit", 2569, {1: Decimal(85)}))))
    assert client.post("/validate/moral.Evidence", json=good).json() == {
        "name": "moral.Evidence",
        "valid": True,
        "errors": [],
        "warnings": [],
    }
    report = client.post("/validate/Evidence", json={"organization": "", "x": 1}).json()
    assert report["valid"] is False
    assert {e["path"] for e in report["errors"]} >= {"organization", "x", "fiscal_year"}
    problem_of(client.post("/validate/Nope", json={}), 404)
    problem_of(client.post("/validate/Evidence", content=b"{"), 400)


def test_schemas(client):
    names = client.get("/schemas").json()
    assert names["moral.Evidence"] == "urn:moralkit:schema:moral.Evidence:1"
    response = client.get("/schemas/moral.Evidence")
    assert response.headers["content-type"] == "application/schema+json"
    assert response.json()["$id"] == "urn:moralkit:schema:moral.Evidence:1"
    assert client.get("/schemas/Evidence").json() == response.json()
    problem_of(client.get("/schemas/Nope"), 404)


def test_rules(client):
    body = client.get("/rules/ita/2567").json()
    assert body["id"] == "ita-2567"
    assert body["status"]
    assert body["sources"]
    assert client.get("/rules/moral/2569").json()["id"] == "moral-org-b-2569"
    problem_of(client.get("/rules/ita/2590"), 404)
    problem_of(client.get("/rules/ita/99999999999"), 404)
    problem_of(client.get("/rules/nope/2567"), 404)
    problem_of(client.get("/rules/ita/abc"), 404)


def test_health_openapi_and_docs(client):
    assert client.get("/health").json()["status"] == "ok"
    document = client.get("/openapi.json").json()
    assert document["openapi"] == "3.1.0"
    page = client.get("/docs")
    assert page.headers["content-type"].startswith("text/html")
    assert "/ita/score-table" in page.text
    assert "http" not in page.text.replace("application/", "")  # loads nothing from outside


def test_unknown_paths_and_methods(client):
    problem_of(client.get("/nope"), 404)
    response = client.get("/ita/score")
    problem_of(response, 405)
    assert response.headers["allow"] == "POST"


def test_mounted_inside_another_app():
    outer = Starlette(routes=[Mount("/moralkit", app=create_app())])
    with TestClient(outer) as c:
        assert c.post("/moralkit/ita/score", json=SAO).json()["result"]["total"] == "94.40"
        problem_of(c.post("/moralkit/ita/score", json={}), 422)
