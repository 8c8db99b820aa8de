"""Build samples/warc/sample.warc.gz from the two HTML pages under scripts/sample_warc/src/.

The output is deterministic: every record has a fixed WARC-Date and WARC-Record-ID, and
warcio's gzip members carry no timestamp, so re-running this script reproduces the file
byte for byte.

Records, in order:
  1. request   GET of the first article (must be ignored by an ingester)
  2. response  text/html  the first article   -> golden tests/golden/warc/sample.1.json
  3. response  text/plain robots.txt          (not an article: must be ignored)
  4. response  text/html  the second article  -> golden tests/golden/warc/sample.2.json

Usage: python scripts/sample_warc/make_warc.py   (needs warcio, e.g. warcio==1.8.1)
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
OUT = HERE.parents[1] / "samples" / "warc" / "sample.warc.gz"

UA = "Mozilla/5.0 (compatible; eventwire-sample-crawler/0.1; +https://example.org/eventwire)"

ARTICLE_1 = {
    "url": "https://www.northseaherald.com/defence/2025/06/02/nato-opens-baltic-naval-exercise",
    "file": "nato-baltic-naval-exercise.html",
    "request_id": "<urn:uuid:5f0c2a9e-6d1b-4c3e-9a57-1e2b3c4d5e01>",
    "response_id": "<urn:uuid:5f0c2a9e-6d1b-4c3e-9a57-1e2b3c4d5e02>",
    "date": "2025-06-02T09:30:12Z",
    "http_date": "Mon, 02 Jun 2025 09:30:12 GMT",
}
ROBOTS = {
    "url": "https://www.northseaherald.com/robots.txt",
    "response_id": "<urn:uuid:5f0c2a9e-6d1b-4c3e-9a57-1e2b3c4d5e03>",
    "date": "2025-06-02T09:30:13Z",
    "http_date": "Mon, 02 Jun 2025 09:30:13 GMT",
    "body": (
        b"User-agent: *\n"
        b"Disallow: /search\n"
        b"Disallow: /login\n"
        b"\n"
        b"Sitemap: https://www.northseaherald.com/sitemap-news.xml\n"
    ),
}
ARTICLE_2 = {
    "url": "https://www.eastasiabulletin.com/politics/2025/07/15/"
    "south-korea-japan-leaders-revive-shuttle-diplomacy",
    "file": "south-korea-japan-shuttle-diplomacy.html",
    "response_id": "<urn:uuid:5f0c2a9e-6d1b-4c3e-9a57-1e2b3c4d5e04>",
    "date": "2025-07-16T02:14:09Z",
    "http_date": "Wed, 16 Jul 2025 02:14:09 GMT",
}


def _response(
    writer: WARCWriter, url: str, body: bytes, ctype: str, rec_id: str, date: str, http_date: str
) -> None:
    http_headers = StatusAndHeaders(
        "200 OK",
        [
            ("Content-Type", ctype),
            ("Content-Length", str(len(body))),
            ("Date", http_date),
            ("Server", "nginx"),
        ],
        protocol="HTTP/1.1",
    )
    record = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=http_headers,
        warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": rec_id},
    )
    writer.write_record(record)


def _request(writer: WARCWriter, url: str, rec_id: str, date: str, concurrent_to: str) -> None:
    host = url.split("/")[2]
    path = "/" + url.split("/", 3)[3]
    http_headers = StatusAndHeaders(
        f"GET {path} HTTP/1.1",
        [
            ("Host", host),
            ("User-Agent", UA),
            ("Accept", "text/html,application/xhtml+xml"),
            ("Accept-Language", "en"),
        ],
        is_http_request=True,
    )
    record = writer.create_warc_record(
        url,
        "request",
        http_headers=http_headers,
        warc_headers_dict={
            "WARC-Date": date,
            "WARC-Record-ID": rec_id,
            "WARC-Concurrent-To": concurrent_to,
        },
    )
    writer.write_record(record)


def main() -> None:
    with OUT.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        a1 = ARTICLE_1
        _request(writer, a1["url"], a1["request_id"], a1["date"], a1["response_id"])
        _response(
            writer,
            a1["url"],
            (SRC / a1["file"]).read_bytes(),
            "text/html; charset=utf-8",
            a1["response_id"],
            a1["date"],
            a1["http_date"],
        )
        _response(
            writer,
            ROBOTS["url"],
            ROBOTS["body"],
            "text/plain; charset=utf-8",
            ROBOTS["response_id"],
            ROBOTS["date"],
            ROBOTS["http_date"],
        )
        a2 = ARTICLE_2
        _response(
            writer,
            a2["url"],
            (SRC / a2["file"]).read_bytes(),
            "text/html; charset=utf-8",
            a2["response_id"],
            a2["date"],
            a2["http_date"],
        )
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
