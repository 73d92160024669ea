"""``python -m bot`` without Discord: what to set, then the local console; bad settings and
usage give one line, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(
    args: list[str], tmp_path: Path, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    base = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,  # no .env here
        env={**base, **env},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_token_explains_and_opens_the_console(tmp_path: Path) -> None:
    result = run([], tmp_path, stdin="Why did BlackBerry decide to stay in Pakistan?\n")
    assert result.returncode == 0, result.stderr
    assert "DISCORD_TOKEN is not set" in result.stderr and ".env.example" in result.stderr
    assert "Marty Beard" in result.stdout or "¶" in result.stdout or "[1]" in result.stdout


def test_sync_without_token_is_a_usage_error(tmp_path: Path) -> None:
    result = run(["sync"], tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("error: `sync` needs DISCORD_TOKEN")


def test_bad_setting_and_bad_usage_are_one_line(tmp_path: Path) -> None:
    bad = run([], tmp_path, DISCORD_TOKEN="secret-value", LOG_LEVEL="LOUD")
    assert bad.returncode == 2
    assert bad.stderr.strip().startswith("error: LOG_LEVEL:") and "\n" not in bad.stderr.strip()
    assert "secret-value" not in bad.stderr
    usage = run(["frobnicate"], tmp_path)
    assert usage.returncode == 2 and usage.stderr.strip() == "usage: python -m bot [sync]"


def test_missing_corpus_is_one_line(tmp_path: Path) -> None:
    result = run([], tmp_path, BOT_CORPUS_DIR=str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error: corpus folder not found")
    assert "Traceback" not in result.stderr
