"""Discord API object payloads, shaped as discord.py 2.7 parses them.

Only the fields discord.py reads (or requires) are filled in; ids are real snowflakes so that
``created_at`` and ordering behave as they do against Discord.
"""

from __future__ import annotations

import itertools
import time
from datetime import UTC, datetime
from typing import Any

DISCORD_EPOCH_MS = 1_420_070_400_000
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
# Permissions of an ordinary member / of the bot: view, send, embed, attach, read history, ...
MEMBER_PERMISSIONS = "2248473465835073"

Json = dict[str, Any]

_counter = itertools.count()


def snowflake() -> int:
    """A fresh, increasing snowflake for the current time."""
    ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return (ms << 22) | (next(_counter) & 0x3FFFFF)


def timestamp() -> str:
    return datetime.now(UTC).isoformat()


def user(user_id: int, name: str, *, bot: bool = False) -> Json:
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": name,
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
        "flags": 0,
    }


def member(user_payload: Json) -> Json:
    return {
        "user": user_payload,
        "roles": [],
        "joined_at": "2020-01-01T00:00:00+00:00",
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        "nick": None,
        "avatar": None,
        "permissions": MEMBER_PERMISSIONS,
    }


def text_channel(channel_id: int, guild_id: int, name: str) -> Json:
    return {
        "id": str(channel_id),
        "type": 0,
        "guild_id": str(guild_id),
        "name": name,
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "flags": 0,
    }


def dm_channel(channel_id: int, recipient: Json) -> Json:
    return {"id": str(channel_id), "type": 1, "recipients": [recipient], "last_message_id": None}


def guild(guild_id: int, owner_id: int, channels: list[Json], members: list[Json]) -> Json:
    everyone = {
        "id": str(guild_id),
        "name": "@everyone",
        "permissions": MEMBER_PERMISSIONS,
        "position": 0,
        "color": 0,
        "hoist": False,
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }
    return {
        "id": str(guild_id),
        "name": "Fake Guild",
        "icon": None,
        "owner_id": str(owner_id),
        "unavailable": False,
        "member_count": len(members),
        "large": False,
        "roles": [everyone],
        "emojis": [],
        "stickers": [],
        "features": [],
        "channels": channels,
        "threads": [],
        "members": members,
        "voice_states": [],
        "presences": [],
        "preferred_locale": "en-US",
        "premium_tier": 0,
        "system_channel_flags": 0,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "nsfw_level": 0,
        "afk_timeout": 300,
        "joined_at": "2020-01-01T00:00:00+00:00",
    }


def application(app_id: int, owner: Json) -> Json:
    return {
        "id": str(app_id),
        "name": "Fake Bot",
        "description": "",
        "icon": None,
        "bot_public": True,
        "bot_require_code_grant": False,
        "owner": owner,
        "verify_key": "0" * 64,
        "flags": 0,
        "team": None,
        "interactions_endpoint_url": None,
    }


def message(
    message_id: int,
    channel_id: int,
    author: Json,
    body: Json,
    *,
    guild_id: int | None,
    message_type: int = 0,
    webhook_id: int | None = None,
) -> Json:
    """A message as Discord returns it after a send, built from the send's JSON body."""
    data: Json = {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "author": author,
        "content": body.get("content") or "",
        "embeds": body.get("embeds") or [],
        "components": body.get("components") or [],
        "attachments": body.get("attachments") or [],
        "flags": body.get("flags") or 0,
        "type": message_type,
        "timestamp": timestamp(),
        "edited_timestamp": None,
        "tts": bool(body.get("tts", False)),
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "pinned": False,
    }
    if guild_id is not None:
        data["guild_id"] = str(guild_id)
    if webhook_id is not None:
        data["webhook_id"] = str(webhook_id)
        data["application_id"] = str(webhook_id)
    if body.get("message_reference"):
        data["message_reference"] = body["message_reference"]
    return data
