"""Start-up failures in one line: what went wrong and what to do, never a traceback.

``python -m bot`` turns what discord.py and aiohttp raise while logging in and connecting (no
network or failing DNS, Discord unreachable or answering 5xx, a rejected token, privileged
intents not enabled for the application) and a missing or empty corpus into one line on stderr
and a non-zero exit; the traceback is logged too, but only at LOG_LEVEL=DEBUG. The token is
never part of a message: each is built from the failure's kind, the host and the status.
"""

from __future__ import annotations

import errno
import os
import socket
from pathlib import Path

import aiohttp
import discord
import yarl

from index.corpus import ARTICLES

# Logging in (REST, including discord.py's own retries of a 5xx: about 25 s) must be done by
# then, or the start-up fails with "Discord did not answer" instead of waiting on.
LOGIN_TIMEOUT = 60.0
PORTAL = "https://discord.com/developers/applications"
STATUS_PAGE = "https://discordstatus.com"
# The gateway intents Discord only grants when they are switched on in the Developer Portal,
# with the names the Portal gives them.
PRIVILEGED = {
    "presences": "Presence Intent",
    "members": "Server Members Intent",
    "message_content": "Message Content Intent",
}
_INVALID_TOKEN_CLOSE = 4004


def quiet_voice_support() -> None:
    """Stop discord.py warning at every start that voice needs PyNaCl and davey: this bot
    never joins a voice channel."""
    for flag in ("warn_nacl", "warn_dave"):
        setattr(discord.VoiceClient, flag, False)


def corpus_problem(root: Path) -> str | None:
    """Why the bot cannot answer from the corpus at ``root`` (a missing folder, or one without
    a single article), with what to do; None when there are articles to load."""
    folder = root / ARTICLES
    if not folder.is_dir():
        return (
            f"corpus folder not found: {folder}: set BOT_CORPUS_DIR to a corpus folder (the "
            "one holding articles/), or leave it unset for the project's corpus/"
        )
    if not any(folder.glob("*.json")):
        return f"the corpus at {root} has no articles: {_ADD_ARTICLES.format(root=root)}"
    return None


def no_articles(root: Path) -> str:
    """The message for a corpus whose every article was skipped as unusable."""
    return f"no usable article in the corpus at {root}: {_ADD_ARTICLES.format(root=root)}"


_ADD_ARTICLES = (
    "add one with `python -m bot.cli --corpus {root} corpus add FILE --outlet NAME "
    "--published YYYY-MM-DD`"
)


def explain(exc: BaseException, intents: discord.Intents | None = None) -> str | None:
    """One line for a failure to log in or connect to Discord: what happened and what to do.
    None for anything else (a bug, whose traceback is wanted). ``intents``: those the bot
    asked for, to name the privileged ones Discord refused."""
    host = _discord_host()
    again = "then start the bot again"
    if isinstance(exc, discord.LoginFailure) or (
        isinstance(exc, discord.ConnectionClosed) and exc.code == _INVALID_TOKEN_CLOSE
    ):
        return (
            "Discord rejected DISCORD_TOKEN (401 Unauthorized): copy a new token from the "
            f"Developer Portal ({PORTAL} → your app → Bot → Reset Token) into .env or the "
            f"environment, {again}"
        )
    if isinstance(exc, discord.PrivilegedIntentsRequired):
        wanted = [PRIVILEGED[n] for n in PRIVILEGED if intents is not None and getattr(intents, n)]
        which = " and ".join(wanted) or "privileged intents"
        it = "it" if len(wanted) == 1 else "them"
        return (
            f"Discord refused the gateway connection (close code 4014): the bot asks for "
            f"{which}, not switched on for its application; switch {it} on in the Developer "
            f"Portal ({PORTAL} → your app → Bot → Privileged Gateway Intents), {again}"
        )
    if isinstance(exc, discord.DiscordServerError):
        return (
            f"Discord answered {exc.status} {exc.response.reason or ''}".rstrip()
            + f" (a fault on Discord's side): see {STATUS_PAGE} and start the bot again later"
        )
    if isinstance(exc, discord.HTTPException):
        return (
            f"Discord refused a start-up request ({exc.status} {exc.response.reason or ''}"
            f"{': ' + exc.text if exc.text else ''}): if DISCORD_GUILD_ID is set, check that the "
            f"bot is in that server and was invited with the applications.commands scope"
        )
    if isinstance(exc, aiohttp.ClientConnectorError):
        reason = _reason(exc.os_error)
        if isinstance(exc.os_error, socket.gaierror):
            return (
                f"cannot look up {exc.host} (DNS: {reason}): check this machine's network "
                f"connection and DNS settings, {again}"
            )
        if exc.os_error.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return f"no network: cannot reach {exc.host} ({reason}): check the connection, {again}"
        return (
            f"cannot connect to Discord at {exc.host}:{exc.port} ({reason}): check the network, "
            f"any firewall or proxy, and {STATUS_PAGE}, {again}"
        )
    if isinstance(exc, TimeoutError):
        return (
            f"Discord ({host}) did not answer within {LOGIN_TIMEOUT:.0f} s: check the network "
            f"and {STATUS_PAGE}, {again}"
        )
    if isinstance(exc, aiohttp.ClientError | OSError):
        return (
            f"the connection to Discord ({host}) failed ({_reason(exc)}): check the network "
            f"and {STATUS_PAGE}, {again}"
        )
    return None


def _discord_host() -> str:
    return yarl.URL(discord.http.Route.BASE).host or "discord.com"


def _reason(exc: BaseException) -> str:
    """An OS error's own words ("Connection refused"), else the exception's first line."""
    if isinstance(exc, socket.gaierror) and exc.strerror:
        return exc.strerror
    if isinstance(exc, OSError) and exc.errno:
        return os.strerror(exc.errno)
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
