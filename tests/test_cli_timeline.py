"""`python -m bot.cli timeline`: the dated list, --json, --from/--to, --png and its errors, on the
seed corpus and on one grown by three articles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from tests.conftest import TIMELINE_CITATION_KEYS
from tests.extra_articles import add_extra_articles

SEED = Path(__file__).resolve().parent.parent / "corpus"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--corpus", str(SEED), "timeline", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_plain_text_is_a_dated_list_with_citations(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("2010 (background)")
    assert any(line.startswith("31 Dec 2015") for line in lines)
    assert "The Canadian Press" in out and "¶2" in out
    assert "2015-11-30 (date inferred)" in out  # TechJuice's date is inferred, and says so
    dates = [line.split("  ")[0] for line in lines if line[:1].isdigit() or line[:1].isalpha()]
    assert dates[-1] == "31 Dec 2015"


def test_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--json")
    assert code == 0
    events = json.loads(out)["events"]
    assert events[0]["date"] == "2010"
    for e in events:
        assert set(e) == {"date", "precision", "label", "summary", "background", "citations"}
        assert e["precision"] in {"year", "month", "day"}
        for c in e["citations"]:
            assert list(c) == TIMELINE_CITATION_KEYS
            assert c["quote"] in c["text"]


@pytest.mark.parametrize(
    ("bounds", "dates"),
    [
        (["--from", "2015-12"], ["2015-12", "2015-12-30", "2015-12-31"]),
        (["--from", "2015-11-30", "--to", "2015-11-30"], ["2015-11-30", "2015-11-30"]),
        (["--to", "2014"], ["2010"]),
        # A month-precision event overlaps a day of its month, so it is kept.
        (["--from", "2015-12-31", "--to", "2015"], ["2015-12", "2015-12-31"]),
        (["--from", "2020"], []),
    ],
)
def test_from_and_to(
    capsys: pytest.CaptureFixture[str], bounds: list[str], dates: list[str]
) -> None:
    code, out, _ = _run(capsys, "--json", *bounds)
    assert code == 0
    assert [e["date"] for e in json.loads(out)["events"]] == dates


def test_nothing_matches(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--from", "2020")
    assert code == 0 and "No dated events" in out


def test_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        _run(capsys, "--from", "30/11/2015")
    assert info.value.code == 2
    assert "invalid date" in capsys.readouterr().err


def test_png_says_only_where_it_went(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "timeline.png"
    code, out, err = _run(capsys, "--png", str(target))
    assert code == 0
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert out == f"wrote {target}\n" and err == ""  # not the text timeline too


def test_png_with_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "timeline.png"
    code, out, err = _run(capsys, "--json", "--png", str(target))
    assert code == 0
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert json.loads(out)["events"]  # stdout stays pure JSON
    assert err == f"wrote {target}\n"


def test_png_unwritable(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    code, _, err = _run(capsys, "--png", str(tmp_path / "missing" / "t.png"))
    assert code == 1 and err.startswith("error: cannot write") and err.count("\n") == 1


def test_malformed_curated_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(SEED / "articles", root / "articles")
    (root / "timeline.json").write_text("{broken")
    code = main(["--corpus", str(root), "timeline"])
    err = capsys.readouterr().err
    assert code == 1 and "timeline.json" in err and err.count("\n") == 1


def test_png_of_a_grown_corpus(
    capsys: pytest.CaptureFixture[str],
    corpus_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Three articles added with `corpus add`: their events are in the picture's timeline."""
    pytest.importorskip("matplotlib")
    monkeypatch.setenv("SEMANTIC_MODEL", "none")  # words alone: no vectors to encode here
    shutil.copy(SEED / "timeline.json", corpus_copy / "timeline.json")
    before = main(["--corpus", str(corpus_copy), "timeline", "--json"])
    seed_events = json.loads(capsys.readouterr().out)["events"]
    add_extra_articles(corpus_copy, tmp_path / "new")
    capsys.readouterr()
    target = tmp_path / "grown.png"
    code = main(["--corpus", str(corpus_copy), "timeline", "--png", str(target)])
    out, err = capsys.readouterr()
    assert before == code == 0 and out == f"wrote {target}\n" and err == ""
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    main(["--corpus", str(corpus_copy), "timeline", "--json"])
    events = json.loads(capsys.readouterr().out)["events"]
    new = {e["date"] for e in events} - {e["date"] for e in seed_events}
    assert {"2015-12-17", "2016-01-04", "2016-01-20"} <= new
