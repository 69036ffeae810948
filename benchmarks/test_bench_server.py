"""Requests per second for single ITA scores, the service run by uvicorn on 127.0.0.1.

One keep-alive connection, one request at a time: the cost of a round trip through uvicorn,
Starlette, the body checks, the converter, scoring and the dump. Read the figure as
``1 / mean`` (pytest-benchmark prints it as OPS).
"""

import http.client
import json
import socket
import threading
import time

import pytest

pytest.importorskip("starlette")
uvicorn = pytest.importorskip("uvicorn")

from moralkit.server import create_app  # noqa: E402

BODY = json.dumps({"fiscal_year": 2568, "tools": {"IIT": "98", "EIT": "84", "OIT": "99.5"}})
TRAT = ["93.55", "87.72", "91.01", "87.93", "89.52", "90.55", "88.68", "88.58", "72.89"]
TRAT.append("65.56")
INDICATORS = json.dumps(
    {
        "fiscal_year": 2564,
        "indicators": {
            str(n): v
            for n, v in enumerate(
                TRAT,
                1,
            )
        },
    }
)


@pytest.fixture(scope="module")
def connection():
    # uvicorn on a free loopback port, in a thread; stopped when the module is done.
    # IPPROTO_TCP named explicitly: asyncio sets TCP_NODELAY only on sockets that say so.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(create_app(), log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    conn = http.client.HTTPConnection("127.0.0.1", sock.getsockname()[1], timeout=10)
    conn.connect()
    # Without this, Nagle's algorithm and delayed ACKs add 40 ms to every small request.
    conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    yield conn
    conn.close()
    server.should_exit = True
    thread.join(timeout=20)
    sock.close()


def post(conn, path, body):
    conn.request("POST", path, body=body, headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    data = response.read()
    assert response.status == 200, data
    return data


def test_requests_per_second_single_score_from_tools(benchmark, connection):
    data = benchmark.pedantic(post, (connection, "/ita/score", BODY), rounds=400, warmup_rounds=20)
    assert b'"total":"94.40"' in data


def test_requests_per_second_single_score_from_indicators(benchmark, connection):
    data = benchmark.pedantic(
        post, (connection, "/ita/score", INDICATORS), rounds=400, warmup_rounds=20
    )
    assert b'"total":"81.45"' in data


def test_requests_per_second_health(benchmark, connection):
    def get():
        connection.request("GET", "/health")
        response = connection.getresponse()
        response.read()
        return response.status

    assert benchmark.pedantic(get, rounds=400, warmup_rounds=20) == 200
