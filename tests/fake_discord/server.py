"""The fake Discord: REST under ``/api/v10`` and a gateway websocket, on 127.0.0.1.

It speaks enough of the real protocol that an unmodified discord.py 2.7 client logs in, syncs its
commands, receives interactions and messages over the gateway, answers them over REST, survives
dropped sockets (RESUME) and injected HTTP failures. Everything the client sends is recorded so
tests can assert on it. See ``README.md`` in this folder for the test-facing API.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, TypeVar

import discord
import yarl
from aiohttp import WSMsgType, web

from . import payloads
from .payloads import Json

T = TypeVar("T")

DEFAULT_TOKEN = "FAKE.discord-bot-token.3xXqZ9vR7mK2pL5nW8"
EPHEMERAL = 1 << 6
LOADING = 1 << 7

# Interaction types and callback types, as numbered by Discord.
APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE = 2, 3, 4
CHANNEL_MESSAGE, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE = 4, 5, 6, 7
AUTOCOMPLETE_RESULT = 8

# The gateway intents an application must have switched on in the Developer Portal.
PRIVILEGED_INTENTS = ("members", "presences", "message_content")

_OPTION_TYPES: dict[type, int] = {str: 3, int: 4, bool: 5, float: 10}
_CLEARED: dict[str, Any] = {
    "content": "",
    "flags": 0,
    "embeds": [],
    "components": [],
    "attachments": [],
}


class _Signal:
    """Wakes waiters whenever the object it belongs to changes."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait_for(self, predicate: Callable[[], T | None], timeout: float, what: str) -> T:
        try:
            async with asyncio.timeout(timeout):
                while (result := predicate()) is None:
                    await self._event.wait()
        except TimeoutError:
            raise AssertionError(f"fake Discord: no {what} within {timeout} s") from None
        return result


@dataclass
class Request:
    """One REST request the client made (path relative to ``/api/v10``)."""

    method: str
    path: str
    query: dict[str, str]
    json: Any
    files: dict[str, int]  # attached file name -> size in bytes
    time: float
    status: int = 0


@dataclass
class Callback:
    """An interaction callback: its type, its ``data`` and how long after dispatch it arrived."""

    type: int
    data: Json
    latency: float


@dataclass
class FakeMessage:
    """A message the bot created, in its current (possibly edited) state."""

    id: int
    channel_id: int
    payload: Json
    allowed_mentions: Json | None
    time: float
    edits: int = 0

    @property
    def content(self) -> str:
        return str(self.payload.get("content") or "")

    @property
    def embeds(self) -> list[Json]:
        return list(self.payload.get("embeds") or [])

    @property
    def components(self) -> list[Json]:
        return list(self.payload.get("components") or [])

    @property
    def flags(self) -> int:
        return int(self.payload.get("flags") or 0)

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    @property
    def reference(self) -> int | None:
        ref = self.payload.get("message_reference") or {}
        return int(ref["message_id"]) if ref.get("message_id") else None

    def custom_ids(self) -> list[str]:
        """The custom ids of every button and select on the message, in order."""
        found: list[str] = []

        def walk(components: list[Json]) -> None:
            for c in components:
                if "custom_id" in c:
                    found.append(c["custom_id"])
                walk(c.get("components") or [])

        walk(self.components)
        return found

    def component(self, custom_id: str) -> Json:
        def walk(components: list[Json]) -> Json | None:
            for c in components:
                if c.get("custom_id") == custom_id:
                    return c
                if (hit := walk(c.get("components") or [])) is not None:
                    return hit
            return None

        hit = walk(self.components)
        if hit is None:
            raise KeyError(custom_id)
        return hit

    def text(self) -> str:
        """Content plus every embed's text, for assertions that don't care where text lives."""
        parts = [self.content]
        for e in self.embeds:
            parts += [e.get("title") or "", e.get("description") or ""]
            parts += [f"{f.get('name', '')}\n{f.get('value', '')}" for f in e.get("fields") or []]
            parts += [
                (e.get("footer") or {}).get("text") or "",
                (e.get("author") or {}).get("name") or "",
            ]
        return "\n".join(p for p in parts if p)

    def _apply(self, body: Json) -> None:
        for key in ("content", "embeds", "components", "attachments", "flags"):
            if key in body:
                self.payload[key] = body[key] if body[key] is not None else _CLEARED[key]
        if "allowed_mentions" in body:
            self.allowed_mentions = body["allowed_mentions"]
        self.payload["edited_timestamp"] = payloads.timestamp()
        self.edits += 1


class FakeInteraction:
    """An interaction the fake dispatched, and everything the bot did in answer to it."""

    def __init__(self, fake: FakeDiscord, payload: Json, created: float) -> None:
        self._fake = fake
        self.payload = payload
        self.id = int(payload["id"])
        self.token: str = payload["token"]
        self.type: int = payload["type"]
        self.created = created
        self.callbacks: list[Callback] = []
        self.original: FakeMessage | None = None
        self.followups: list[FakeMessage] = []
        self.visible: list[FakeMessage] = []
        self.clicked: FakeMessage | None = None
        self.visible_latency: float | None = None
        self.signal = _Signal()

    @property
    def guild_id(self) -> int | None:
        gid = self.payload.get("guild_id")
        return int(gid) if gid else None

    @property
    def channel_id(self) -> int:
        return int(self.payload["channel_id"])

    async def wait_response(self, timeout: float = 3.0) -> Callback:
        """The first callback (type 4 message, 5 defer, 6/7 update, 8 choices) and its latency."""
        return await self.signal.wait_for(
            lambda: self.callbacks[0] if self.callbacks else None, timeout, "interaction callback"
        )

    async def wait_message(self, timeout: float = 10.0, index: int = 0) -> FakeMessage:
        """The ``index``-th message that became visible: callback content, edited original,
        followup, or the updated message of a component click."""
        return await self.signal.wait_for(
            lambda: self.visible[index] if len(self.visible) > index else None,
            timeout,
            f"visible message #{index}",
        )

    async def wait_followup(self, timeout: float = 10.0, index: int = 0) -> FakeMessage:
        return await self.signal.wait_for(
            lambda: self.followups[index] if len(self.followups) > index else None,
            timeout,
            f"followup #{index}",
        )

    def _show(self, message: FakeMessage) -> None:
        if message not in self.visible:
            self.visible.append(message)
            self.visible_latency = self._fake.now() - self.created


class UserMessage:
    """A message a user posted (dispatched as MESSAGE_CREATE), and the bot's replies to it."""

    def __init__(self, payload: Json, created: float) -> None:
        self.payload = payload
        self.id = int(payload["id"])
        self.channel_id = int(payload["channel_id"])
        self.created = created
        self.replies: list[FakeMessage] = []
        self.signal = _Signal()

    async def wait_reply(self, timeout: float = 10.0, index: int = 0) -> FakeMessage:
        """The bot's ``index``-th message referencing this one (``message_reference``)."""
        return await self.signal.wait_for(
            lambda: self.replies[index] if len(self.replies) > index else None,
            timeout,
            f"reply #{index} to message {self.id}",
        )


@dataclass
class _Failure:
    method: str
    path: re.Pattern[str]
    status: int
    retry_after: float
    times: int
    is_global: bool


@dataclass
class _Session:
    id: str
    shard: tuple[int, int]
    seq: int = 0
    events: list[Json] = field(default_factory=list)
    ws: web.WebSocketResponse | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class FakeDiscord:
    """Serve a fake Discord on 127.0.0.1 and point discord.py at it while in use.

    ``async with FakeDiscord() as fake:`` starts the server and patches ``discord.http.Route.BASE``
    and ``discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY``; leaving restores both.
    """

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        heartbeat_interval: float = 41.25,
        ack_deadline: float | None = 3.0,
        privileged_intents: tuple[str, ...] = PRIVILEGED_INTENTS,
    ) -> None:
        self.token = token
        self.heartbeat_interval = heartbeat_interval
        self.ack_deadline = ack_deadline
        # The privileged intents switched on for the application: IDENTIFY asking for another
        # one is refused, as Discord does, by closing the gateway with 4014.
        self.privileged_intents = privileged_intents
        self.bot_id = payloads.snowflake()
        self.app_id = self.bot_id
        self.guild_id = payloads.snowflake()
        self.channel_id = payloads.snowflake()
        self.owner = payloads.user(payloads.snowflake(), "owner")
        self.bot_user = payloads.user(self.bot_id, "FakeBot", bot=True)
        self.bot_user.update(verified=True, mfa_enabled=False, email=None, locale="en-US")

        self.requests: list[Request] = []
        self.unhandled: list[Request] = []
        self.errors: list[BaseException] = []
        self.heartbeats: list[float] = []
        self.identifies = 0
        self.resumes = 0
        self.global_commands: list[Json] = []
        self.guild_commands: dict[int, list[Json]] = {}
        self.messages: dict[int, FakeMessage] = {}
        self.interactions: list[FakeInteraction] = []

        self._by_token: dict[str, FakeInteraction] = {}
        self._user_messages: dict[int, UserMessage] = {}
        self._dm_channels: dict[int, int] = {}
        self._failures: list[_Failure] = []
        self._sessions: dict[int, _Session] = {}
        self._shard_count = 1
        self._intents = 0  # the gateway intents the client identified with
        self._threads: set[int] = set()
        self._signal: _Signal | None = None
        self._runner: web.AppRunner | None = None
        self._saved: tuple[str, yarl.URL] | None = None
        self.port = 0

    # ----------------------------------------------------------------- lifecycle

    async def __aenter__(self) -> FakeDiscord:
        self._signal = _Signal()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[attr-defined]
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        self._saved = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
        discord.http.Route.BASE = f"{self.http_url}/api/v10"
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.ws_url)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for session in self._sessions.values():
            if session.ws is not None and not session.ws.closed:
                with contextlib.suppress(Exception):
                    await session.ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()
        if self._saved is not None:
            discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = self._saved

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def now(self) -> float:
        return asyncio.get_running_loop().time()

    def _changed(self) -> None:
        if self._signal is not None:
            self._signal.notify()

    # ----------------------------------------------------------------- test-facing API

    def user(self, n: int, name: str | None = None) -> Json:
        """A deterministic user payload: the same ``n`` is the same user."""
        return payloads.user(self.guild_id + 1_000 + n, name or f"user{n}")

    async def wait_ready(self, timeout: float = 10.0, *, shards: int | None = None) -> None:
        """Wait until the shard that owns the fake's guild has identified (READY + GUILD_CREATE
        sent) or resumed, and no identified shard is disconnected; ``shards=N`` also waits for
        N shard sessions (e.g. both shards of a two-shard process)."""

        def ready() -> bool | None:
            owner = (self.guild_id >> 22) % self._shard_count
            sessions = self._sessions.values()
            ok = (
                owner in self._sessions
                and len(self._sessions) >= (shards or 1)
                and all(s.ws is not None for s in sessions)
            )
            return True if ok else None

        assert self._signal is not None
        await self._signal.wait_for(ready, timeout, "READY from the gateway")

    async def drop_gateway(
        self, code: int = 4000, *, shard: int | None = None, resumable: bool = True
    ) -> None:
        """Close the gateway socket(s) from the server side, as Discord does on a hiccup.

        A resumable session gets the events dispatched meanwhile replayed on RESUME; otherwise
        the RESUME is refused (op 9 INVALID_SESSION) and the client must IDENTIFY afresh.
        """
        for sid, session in self._sessions.items():
            if shard is None or sid == shard:
                if not resumable:
                    session.id = "invalidated-" + session.id
                ws, session.ws = session.ws, None
                if ws is not None:
                    await ws.close(code=code)
        self._changed()

    def fail_next(
        self,
        method: str,
        path_regex: str,
        *,
        status: int = 429,
        retry_after: float = 0.2,
        times: int = 1,
        is_global: bool = False,
    ) -> None:
        """Answer the next ``times`` matching REST requests with ``status`` (429 carries
        ``retry_after`` as Discord does, with the ``Via`` header discord.py checks)."""
        self._failures.append(
            _Failure(method.upper(), re.compile(path_regex), status, retry_after, times, is_global)
        )

    def forget(self) -> None:
        """Drop the recorded history (requests, messages, interactions, replayable events) so a
        long run can measure its own memory; live sessions and synced commands are kept."""
        self.requests.clear()
        self.messages.clear()
        self.interactions.clear()
        self.heartbeats.clear()
        self._by_token.clear()
        self._user_messages.clear()
        for session in self._sessions.values():
            session.events.clear()

    def requests_to(self, method: str, path_regex: str) -> list[Request]:
        pattern = re.compile(path_regex)
        return [r for r in self.requests if r.method == method and pattern.search(r.path)]

    async def slash(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        user: Json | None = None,
        guild: bool = True,
    ) -> FakeInteraction:
        """Dispatch a slash command invocation (INTERACTION_CREATE type 2)."""
        return await self._dispatch_command(
            APPLICATION_COMMAND, name, options or {}, user, guild, None
        )

    async def autocomplete(
        self,
        name: str,
        options: dict[str, Any],
        focused: str,
        *,
        user: Json | None = None,
        guild: bool = True,
    ) -> FakeInteraction:
        """Dispatch an autocomplete request (type 4) with ``focused`` being typed."""
        return await self._dispatch_command(AUTOCOMPLETE, name, options, user, guild, focused)

    async def click(
        self,
        message: FakeMessage,
        custom_id: str,
        *,
        user: Json | None = None,
        values: list[str] | None = None,
    ) -> FakeInteraction:
        """Dispatch a component interaction (type 3) on a message the bot sent."""
        component = message.component(custom_id)
        data: Json = {"custom_id": custom_id, "component_type": component.get("type", 2)}
        if values is not None:
            data["values"] = values
        guild_id = message.payload.get("guild_id")
        body = self._interaction_base(MESSAGE_COMPONENT, user, guild_id is not None, data)
        body["message"] = dict(message.payload)
        inter = await self._dispatch_interaction(body)
        inter.clicked = message
        return inter

    async def mention(
        self,
        content: str | None = None,
        *,
        user: Json | None = None,
        dm: bool = False,
        reply_to: FakeMessage | UserMessage | None = None,
        ping: bool = True,
        thread: int | None = None,
    ) -> UserMessage:
        """A user posts a message mentioning the bot (MESSAGE_CREATE). ``content`` defaults to
        just the mention; write ``<@BOT>`` in it for the bot's mention.

        ``reply_to``: the message is a reply to that one (``message_reference`` and
        ``referenced_message``, type 19); ``ping`` (Discord's default) mentions the replied-to
        author. As on Discord, a client without the message_content intent gets an empty
        ``content`` for guild messages that do not mention it (in text or by a reply's ping).
        ``thread``: posted in that thread (see ``start_thread``) instead of the channel."""
        author = user or self.user(0)
        text = (content or "<@BOT>").replace("<@BOT>", f"<@{self.bot_id}>")
        channel_id = self._dm_channel(author) if dm else thread or self.channel_id
        data = payloads.message(
            payloads.snowflake(),
            channel_id,
            author,
            {"content": text},
            guild_id=None if dm else self.guild_id,
            message_type=19 if reply_to is not None else 0,
        )
        mentioned = f"<@{self.bot_id}>" in text or f"<@!{self.bot_id}>" in text
        data["mentions"] = [self.bot_user] if mentioned else []
        if reply_to is not None:
            data["message_reference"] = {
                "type": 0,
                "message_id": str(reply_to.id),
                "channel_id": str(reply_to.channel_id),
                **({} if dm else {"guild_id": str(self.guild_id)}),
            }
            data["referenced_message"] = self._as_seen(reply_to.payload)
            replied_to = reply_to.payload["author"]
            if ping and replied_to not in data["mentions"]:
                data["mentions"].append(replied_to)
        if not dm:
            data["member"] = {k: v for k, v in payloads.member(author).items() if k != "user"}
        handle = UserMessage(data, self.now())
        self._user_messages[handle.id] = handle
        await self.dispatch(
            "MESSAGE_CREATE", self._as_seen(data), guild_id=None if dm else self.guild_id
        )
        return handle

    async def start_thread(self, starter: FakeMessage, name: str = "thread") -> int:
        """A user starts a public thread from one of the bot's channel messages (THREAD_CREATE;
        the thread has the starter message's id, as on Discord); returns the thread's id."""
        owner = self.user(0)
        data: Json = {
            "id": str(starter.id),
            "type": 11,
            "guild_id": str(self.guild_id),
            "parent_id": str(starter.channel_id),
            "owner_id": owner["id"],
            "name": name,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "message_count": 0,
            "member_count": 1,
            "flags": 0,
            "newly_created": True,
            "thread_metadata": {
                "archived": False,
                "auto_archive_duration": 1440,
                "archive_timestamp": payloads.timestamp(),
                "locked": False,
            },
        }
        self._threads.add(starter.id)
        await self.dispatch("THREAD_CREATE", data, guild_id=self.guild_id)
        return starter.id

    def _as_seen(self, data: Json) -> Json:
        """A message as the bot receives it: without the message_content intent, a guild
        message by someone else that does not mention the bot comes with empty content."""
        own = str(data["author"]["id"]) == str(self.bot_id)
        mentioned = any(str(u["id"]) == str(self.bot_id) for u in data.get("mentions") or [])
        if own or mentioned or "guild_id" not in data or self._message_content:
            return data
        return {**data, "content": "", "embeds": [], "attachments": [], "components": []}

    @property
    def _message_content(self) -> bool:
        return bool(self._intents & discord.Intents(message_content=True).value)

    async def dispatch(self, event: str, data: Json, *, guild_id: int | None = None) -> None:
        """Send a gateway DISPATCH to the shard owning ``guild_id`` (shard 0 for DMs).

        While the socket is down the event is kept and replayed when the client RESUMEs."""
        shard = (guild_id >> 22) % self._shard_count if guild_id else 0
        session = self._sessions.get(shard)
        if session is None:
            raise AssertionError("fake Discord: dispatch before the bot identified")
        await self._send(session, event, data)

    async def _send(self, session: _Session, event: str, data: Json) -> None:
        async with session.lock:
            session.seq += 1
            frame = {"op": 0, "t": event, "s": session.seq, "d": data}
            session.events.append(frame)
            if session.ws is not None and not session.ws.closed:
                with contextlib.suppress(ConnectionError, RuntimeError):
                    await session.ws.send_str(json.dumps(frame))

    # ----------------------------------------------------------------- interactions

    def _command(self, name: str, guild: bool) -> tuple[Json | None, int | None]:
        if guild:
            for cmd in self.guild_commands.get(self.guild_id, []):
                if cmd["name"] == name:
                    return cmd, self.guild_id
        for cmd in self.global_commands:
            if cmd["name"] == name:
                return cmd, None
        return None, None

    async def _dispatch_command(
        self,
        kind: int,
        name: str,
        options: dict[str, Any],
        user: Json | None,
        guild: bool,
        focused: str | None,
    ) -> FakeInteraction:
        command, command_guild = self._command(name, guild)
        declared = {o["name"]: o for o in (command or {}).get("options", [])}
        opts = []
        for key, value in options.items():
            option_type = declared.get(key, {}).get("type") or _OPTION_TYPES.get(type(value), 3)
            option: Json = {"name": key, "type": option_type, "value": value}
            if key == focused:
                option["focused"] = True
                option["value"] = str(value)
            opts.append(option)
        data: Json = {
            "id": (command or {}).get("id", str(payloads.snowflake())),
            "name": name,
            "type": 1,
            "options": opts,
        }
        if command_guild is not None:
            data["guild_id"] = str(command_guild)
        return await self._dispatch_interaction(self._interaction_base(kind, user, guild, data))

    def _interaction_base(self, kind: int, user: Json | None, guild: bool, data: Json) -> Json:
        author = user or self.user(0)
        body: Json = {
            "id": str(payloads.snowflake()),
            "application_id": str(self.app_id),
            "type": kind,
            "token": "interaction." + secrets.token_urlsafe(32),
            "version": 1,
            "data": data,
            "app_permissions": payloads.MEMBER_PERMISSIONS,
            "entitlements": [],
            "attachment_size_limit": payloads.ATTACHMENT_SIZE_LIMIT,
            "locale": "en-US",
        }
        if guild:
            body.update(
                guild_id=str(self.guild_id),
                guild={"id": str(self.guild_id), "locale": "en-US", "features": []},
                guild_locale="en-US",
                channel_id=str(self.channel_id),
                channel=payloads.text_channel(self.channel_id, self.guild_id, "general"),
                member=payloads.member(author),
                context=0,
                authorizing_integration_owners={"0": str(self.guild_id)},
            )
        else:
            dm_id = self._dm_channel(author)
            body.update(
                user=author,
                channel_id=str(dm_id),
                channel=payloads.dm_channel(dm_id, author),
                context=1,
                authorizing_integration_owners={"0": author["id"]},
            )
        return body

    async def _dispatch_interaction(self, body: Json) -> FakeInteraction:
        inter = FakeInteraction(self, body, self.now())
        self._by_token[inter.token] = inter
        self.interactions.append(inter)
        await self.dispatch("INTERACTION_CREATE", body, guild_id=inter.guild_id)
        return inter

    def _dm_channel(self, user: Json) -> int:
        uid = int(user["id"])
        if uid not in self._dm_channels:
            self._dm_channels[uid] = payloads.snowflake()
        return self._dm_channels[uid]

    # ----------------------------------------------------------------- gateway

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        await ws.send_json(
            {"op": 10, "d": {"heartbeat_interval": int(self.heartbeat_interval * 1000)}}
        )
        try:
            async for msg in ws:
                if msg.type is WSMsgType.TEXT:
                    await self._on_gateway(ws, json.loads(msg.data))
        except Exception as exc:  # a fault in the fake must fail the test, not hang it
            self.errors.append(exc)
            raise
        finally:
            for session in self._sessions.values():
                if session.ws is ws:
                    session.ws = None
            self._changed()
        return ws

    async def _on_gateway(self, ws: web.WebSocketResponse, frame: Json) -> None:
        op, data = frame.get("op"), frame.get("d")
        if op == 1:
            self.heartbeats.append(self.now())
            await ws.send_json({"op": 11})
        elif op == 2:
            await self._identify(ws, data)
        elif op == 6:
            await self._resume(ws, data)

    async def _identify(self, ws: web.WebSocketResponse, data: Json) -> None:
        if data.get("token") != self.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return
        refused = [n for n in PRIVILEGED_INTENTS if n not in self.privileged_intents]
        if int(data.get("intents") or 0) & discord.Intents(**dict.fromkeys(refused, True)).value:
            await ws.close(code=4014, message=b"Disallowed intent(s).")
            return
        shard_id, shard_count = data.get("shard") or (0, 1)
        self._shard_count = shard_count
        session = _Session(secrets.token_hex(16), (shard_id, shard_count))
        self._sessions[shard_id] = session
        self._intents = int(data.get("intents") or 0)
        self.identifies += 1
        ready = {
            "v": 10,
            "user": self.bot_user,
            "guilds": [{"id": str(self.guild_id), "unavailable": True}]
            if (self.guild_id >> 22) % shard_count == shard_id
            else [],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self.ws_url,
            "application": {"id": str(self.app_id), "flags": 0},
            "shard": [shard_id, shard_count],
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "geo_ordered_rtc_regions": [],
            "auth": {},
        }
        session.ws = ws
        await self._send(session, "READY", ready)
        if ready["guilds"]:
            guild = payloads.guild(
                self.guild_id,
                int(self.owner["id"]),
                [payloads.text_channel(self.channel_id, self.guild_id, "general")],
                [{k: v for k, v in payloads.member(self.bot_user).items() if k != "permissions"}],
            )
            await self._send(session, "GUILD_CREATE", guild)
        self._changed()

    async def _resume(self, ws: web.WebSocketResponse, data: Json) -> None:
        session = next((s for s in self._sessions.values() if s.id == data.get("session_id")), None)
        if session is None or data.get("token") != self.token:
            await ws.send_json({"op": 9, "d": False})
            return
        self.resumes += 1
        async with session.lock:
            session.ws = ws
            for frame in session.events:
                if frame["s"] > (data.get("seq") or 0):
                    await ws.send_str(json.dumps(frame))
        await self._send(session, "RESUMED", {})
        self._changed()

    # ----------------------------------------------------------------- REST

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body, files = await _read_body(request)
        record = Request(request.method, path, dict(request.query), body, files, self.now())
        self._store_attachments(record)
        self.requests.append(record)
        try:
            response = self._injected_failure(record) or await self._route(request, record)
        except Exception as exc:  # a fault in the fake must fail the test, not hang it
            self.errors.append(exc)
            response = _json({"message": f"fake Discord error: {exc!r}", "code": 0}, 500)
        record.status = response.status
        return response

    def _store_attachments(self, record: Request) -> None:
        """Give uploaded files the attachment objects Discord returns (id, size, url)."""
        if not isinstance(record.json, dict):
            return
        target = record.json.get("data", record.json) if "type" in record.json else record.json
        for attachment in (target or {}).get("attachments") or []:
            name = attachment.get("filename", "")
            if "size" not in attachment and name in record.files:
                url = f"{self.http_url}/attachments/{payloads.snowflake()}/{name}"
                attachment.update(
                    id=str(payloads.snowflake()), size=record.files[name], url=url, proxy_url=url
                )

    def _injected_failure(self, record: Request) -> web.Response | None:
        for failure in self._failures:
            if failure.method == record.method and failure.path.search(record.path):
                failure.times -= 1
                if failure.times <= 0:
                    self._failures.remove(failure)
                if failure.status == 429:
                    headers = {
                        "Via": "1.1 google",
                        "Retry-After": str(failure.retry_after),
                        "X-RateLimit-Scope": "global" if failure.is_global else "user",
                    }
                    if failure.is_global:
                        headers["X-RateLimit-Global"] = "true"
                    body = {
                        "message": "You are being rate limited.",
                        "retry_after": failure.retry_after,
                        "global": failure.is_global,
                    }
                    return _json(body, 429, headers)
                return _json(
                    {"message": f"{failure.status}: injected failure", "code": 0}, failure.status
                )
        return None

    async def _route(self, request: web.Request, record: Request) -> web.Response:
        for method, pattern, needs_auth, handler in self._routes():
            if method == record.method and (match := re.fullmatch(pattern, record.path)):
                auth = request.headers.get("Authorization")
                if needs_auth and auth != f"Bot {self.token}":
                    return _json({"message": "401: Unauthorized", "code": 0}, 401)
                return handler(record, *match.groups())
        self.unhandled.append(record)
        return _json({"message": "404: Not Found", "code": 0}, 404)

    def _routes(self) -> list[tuple[str, str, bool, Callable[..., web.Response]]]:
        app = r"/applications/(\d+)"
        hook = r"/webhooks/(\d+)/([^/]+)"
        return [
            ("GET", r"/users/@me", True, lambda r: _json(self.bot_user)),
            ("GET", r"/oauth2/applications/@me", True, self._application),
            ("GET", r"/gateway", False, lambda r: _json({"url": self.ws_url})),
            ("GET", r"/gateway/bot", True, self._gateway_bot),
            ("PUT", app + r"/commands", True, self._sync_global),
            ("GET", app + r"/commands", True, lambda r, a: _json(self.global_commands)),
            ("PUT", app + r"/guilds/(\d+)/commands", True, self._sync_guild),
            (
                "GET",
                app + r"/guilds/(\d+)/commands",
                True,
                lambda r, a, g: _json(self.guild_commands.get(int(g), [])),
            ),
            ("POST", r"/interactions/(\d+)/([^/]+)/callback", False, self._callback),
            ("POST", hook, False, self._followup),
            ("GET", hook + r"/messages/([^/]+)", False, self._get_webhook_message),
            ("PATCH", hook + r"/messages/([^/]+)", False, self._edit_webhook_message),
            ("DELETE", hook + r"/messages/([^/]+)", False, self._delete_webhook_message),
            ("POST", r"/channels/(\d+)/messages", True, self._channel_message),
            ("GET", r"/channels/(\d+)/messages/(\d+)", True, self._get_channel_message),
            ("PATCH", r"/channels/(\d+)/messages/(\d+)", True, self._edit_channel_message),
            ("DELETE", r"/channels/(\d+)/messages/(\d+)", True, lambda r, c, m: _no_content()),
            ("POST", r"/channels/(\d+)/typing", True, lambda r, c: _no_content()),
            ("POST", r"/users/@me/channels", True, self._open_dm),
        ]

    def _application(self, record: Request) -> web.Response:
        return _json(payloads.application(self.app_id, self.owner))

    def _gateway_bot(self, record: Request) -> web.Response:
        limit = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
        return _json({"url": self.ws_url, "shards": 1, "session_start_limit": limit})

    def _echo_commands(self, commands: list[Json], guild_id: int | None) -> list[Json]:
        echoed = []
        for cmd in commands:
            out = {
                "type": 1,
                "description": "",
                "options": [],
                "default_member_permissions": None,
                "dm_permission": True,
                "nsfw": False,
                **cmd,
                "id": str(payloads.snowflake()),
                "application_id": str(self.app_id),
                "version": str(payloads.snowflake()),
            }
            if guild_id is not None:
                out["guild_id"] = str(guild_id)
            echoed.append(out)
        return echoed

    def _sync_global(self, record: Request, app_id: str) -> web.Response:
        self.global_commands = self._echo_commands(record.json or [], None)
        self._changed()
        return _json(self.global_commands)

    def _sync_guild(self, record: Request, app_id: str, guild_id: str) -> web.Response:
        self.guild_commands[int(guild_id)] = self._echo_commands(record.json or [], int(guild_id))
        self._changed()
        return _json(self.guild_commands[int(guild_id)])

    def _new_message(
        self,
        channel_id: int,
        guild_id: int | None,
        body: Json,
        *,
        message_type: int = 0,
        webhook: bool = False,
    ) -> FakeMessage:
        data = payloads.message(
            payloads.snowflake(),
            channel_id,
            self.bot_user,
            body,
            guild_id=guild_id,
            message_type=message_type,
            webhook_id=self.app_id if webhook else None,
        )
        message = FakeMessage(
            int(data["id"]), channel_id, data, body.get("allowed_mentions"), self.now()
        )
        self.messages[message.id] = message
        return message

    def _callback(self, record: Request, interaction_id: str, token: str) -> web.Response:
        inter = self._by_token.get(token)
        if inter is None or inter.id != int(interaction_id):
            return _json({"message": "Unknown interaction", "code": 10062}, 404)
        if inter.callbacks:
            return _json(
                {"message": "Interaction has already been acknowledged.", "code": 40060}, 400
            )
        latency = self.now() - inter.created
        if self.ack_deadline is not None and latency > self.ack_deadline:
            return _json({"message": "Unknown interaction", "code": 10062}, 404)
        body = record.json or {}
        kind, data = body.get("type"), body.get("data") or {}
        inter.callbacks.append(Callback(kind, data, latency))
        message: FakeMessage | None = None
        if kind == CHANNEL_MESSAGE:
            message = self._new_message(
                inter.channel_id, inter.guild_id, data, message_type=20, webhook=True
            )
            inter.original = message
            inter._show(message)
        elif kind == DEFERRED_MESSAGE:
            flags = (data.get("flags") or 0) | LOADING
            message = self._new_message(
                inter.channel_id, inter.guild_id, {"flags": flags}, message_type=20, webhook=True
            )
            inter.original = message
        elif kind in (DEFERRED_UPDATE, UPDATE_MESSAGE) and inter.clicked is not None:
            message = inter.original = inter.clicked
            if kind == UPDATE_MESSAGE:
                message._apply(data)
                inter._show(message)
        inter.signal.notify()
        self._changed()
        result: Json = {
            "interaction": {
                "id": str(inter.id),
                "type": inter.type,
                "activity_instance_id": None,
                "response_message_id": str(message.id) if message else None,
                "response_message_loading": kind == DEFERRED_MESSAGE,
                "response_message_ephemeral": bool((data.get("flags") or 0) & EPHEMERAL),
            }
        }
        if message is not None:
            result["resource"] = {"type": kind, "message": message.payload}
        return _json(result)

    def _interaction_for(self, token: str) -> FakeInteraction | None:
        inter = self._by_token.get(token)
        return inter if inter is not None and inter.callbacks else None

    def _followup(self, record: Request, app_id: str, token: str) -> web.Response:
        inter = self._interaction_for(token)
        if inter is None:
            return _json({"message": "Unknown Webhook", "code": 10015}, 404)
        message = self._new_message(
            inter.channel_id, inter.guild_id, record.json or {}, webhook=True
        )
        inter.followups.append(message)
        inter._show(message)
        inter.signal.notify()
        self._changed()
        return (
            _json(message.payload) if record.query.get("wait") in ("1", "true") else _no_content()
        )

    def _webhook_message(
        self, token: str, ref: str
    ) -> tuple[FakeInteraction | None, FakeMessage | None]:
        inter = self._interaction_for(token)
        if inter is None:
            return None, None
        if ref == "@original":
            return inter, inter.original
        return inter, self.messages.get(int(ref)) if ref.isdigit() else None

    def _get_webhook_message(
        self, record: Request, app_id: str, token: str, ref: str
    ) -> web.Response:
        _, message = self._webhook_message(token, ref)
        if message is None:
            return _json({"message": "Unknown Message", "code": 10008}, 404)
        return _json(message.payload)

    def _edit_webhook_message(
        self, record: Request, app_id: str, token: str, ref: str
    ) -> web.Response:
        inter, message = self._webhook_message(token, ref)
        if inter is None or message is None:
            return _json({"message": "Unknown Message", "code": 10008}, 404)
        body = dict(record.json or {})
        if message.flags & LOADING:
            body["flags"] = (message.flags & ~LOADING) | (body.get("flags") or 0)
        message._apply(body)
        inter._show(message)
        inter.signal.notify()
        self._changed()
        return _json(message.payload)

    def _delete_webhook_message(
        self, record: Request, app_id: str, token: str, ref: str
    ) -> web.Response:
        _, message = self._webhook_message(token, ref)
        if message is None:
            return _json({"message": "Unknown Message", "code": 10008}, 404)
        self.messages.pop(message.id, None)
        return _no_content()

    def _channel_message(self, record: Request, channel_id: str) -> web.Response:
        cid = int(channel_id)
        guild_id = self.guild_id if cid == self.channel_id or cid in self._threads else None
        body = record.json or {}
        reply_to = (body.get("message_reference") or {}).get("message_id")
        message = self._new_message(cid, guild_id, body, message_type=19 if reply_to else 0)
        if reply_to and (handle := self._user_messages.get(int(reply_to))) is not None:
            handle.replies.append(message)
            handle.signal.notify()
        self._changed()
        return _json(message.payload)

    def _get_channel_message(
        self, record: Request, channel_id: str, message_id: str
    ) -> web.Response:
        """A message of the channel, the bot's or a user's (content as the bot may see it)."""
        mid = int(message_id)
        sent = self.messages.get(mid)
        posted = self._user_messages.get(mid)
        data = sent.payload if sent is not None else posted.payload if posted else None
        if data is None or str(data["channel_id"]) != channel_id:
            return _json({"message": "Unknown Message", "code": 10008}, 404)
        return _json(self._as_seen(data))

    def _edit_channel_message(
        self, record: Request, channel_id: str, message_id: str
    ) -> web.Response:
        message = self.messages.get(int(message_id))
        if message is None:
            return _json({"message": "Unknown Message", "code": 10008}, 404)
        message._apply(record.json or {})
        self._changed()
        return _json(message.payload)

    def _open_dm(self, record: Request) -> web.Response:
        recipient = str((record.json or {}).get("recipient_id"))
        user = payloads.user(int(recipient), f"user{recipient}")
        return _json(payloads.dm_channel(self._dm_channel(user), user))


async def _read_body(request: web.Request) -> tuple[Any, dict[str, int]]:
    """The request's JSON (or multipart ``payload_json``) and the attached files' sizes."""
    if not request.body_exists:
        return None, {}
    if request.content_type.startswith("multipart/"):
        body: Any = None
        files: dict[str, int] = {}
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if part.name == "payload_json":
                body = json.loads(await part.text())  # type: ignore[union-attr]
            else:
                size = len(await part.read())  # type: ignore[union-attr]
                files[part.filename or part.name or ""] = size  # type: ignore[union-attr]
        return body, files
    text = await request.text()
    return (json.loads(text) if text else None), {}


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # Exactly "application/json": discord.py decodes nothing else (no "; charset=utf-8").
    return web.Response(
        body=json.dumps(data).encode(),
        status=status,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


def _no_content() -> web.Response:
    return web.Response(status=204)
