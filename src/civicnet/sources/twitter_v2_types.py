"""The twitter-v2 JSON the importer reads, as typed msgspec Structs.

Only the fields the mapper reads are named; msgspec skips the rest of each object while
decoding, which is what makes the fast path cheap (benchmarks/RESULTS.md: a twarc2 page
decodes in a third of the time ``json`` takes). Each field accepts **any** JSON value, so
decoding never refuses an object: the field's usual shape (an object, a list of objects)
is decoded as a Struct, anything else is kept as the plain value and the mapper judges it,
exactly as it would a dict's value.

Integers follow orjson, the row path's reader (:data:`Int`). A field whose presence the
mapper asks about (``"text" in tweet``) defaults to :data:`msgspec.UNSET`, so a missing key
and an explicit ``null`` stay apart; the others default to ``None``. Decoded JSON holds no
reference cycles, so the Structs are not tracked by the garbage collector (``gc=False``).

:func:`decode_line` reads one line of a file with the Struct decoder; :func:`to_struct`
turns an already parsed value (orjson's, a caller's dict) into the same Structs.
"""

from __future__ import annotations

from typing import Annotated, Any, Union

import msgspec
from msgspec import UNSET, Struct, UnsetType

#: An integer as orjson (the row path's reader) keeps it: one beyond 64 bits it makes a float, so
#: the typed decoder refuses it and the line is read as the row path reads it (:func:`decode_line`).
Int = Annotated[int, msgspec.Meta(ge=-(1 << 63), le=(1 << 63) - 1)]
#: Any JSON value read as a plain value.
Json = Union[str, Int, float, bool, None, list, dict]


class Metrics(Struct, gc=False):
    """``public_metrics`` of a tweet or a user."""

    like_count: Json = None
    retweet_count: Json = None
    reply_count: Json = None
    quote_count: Json = None
    followers_count: Json = None
    following_count: Json = None


class Mention(Struct, gc=False):
    """One of ``entities.mentions``: a handle and its id, or in twarc2's flattened lines the whole
    user object merged into it (then ``name``, which every v2 user object has, is present)."""

    id: Json = None
    username: Json = None
    name: Json = UNSET
    description: Json = None
    created_at: Json = None
    public_metrics: Union[Metrics, list, str, Int, float, bool, None] = None


class Entities(Struct, gc=False):
    mentions: Union[list[Union[Mention, list, str, Int, float, bool, None]], dict, str, Int, float, bool, None] = None


class Attachments(Struct, gc=False):
    media_keys: Json = None


class Obj(Struct, gc=False):
    """A tweet or a user (a referenced tweet, an inline ``author``): the fields of both."""

    id: Json = UNSET
    text: Json = UNSET
    username: Json = UNSET
    id_str: Json = UNSET
    user: Json = UNSET
    author_id: Json = UNSET
    name: Json = None
    description: Json = None
    created_at: Json = None
    conversation_id: Json = None
    lang: Json = None
    in_reply_to_user_id: Json = None
    edit_history_tweet_ids: Union[list[Json], dict, str, Int, float, bool, None] = None
    type: Json = None
    public_metrics: Union[Metrics, list, str, Int, float, bool, None] = None
    attachments: Union[Attachments, list, str, Int, float, bool, None, UnsetType] = UNSET
    entities: Union[Entities, list, str, Int, float, bool, None] = None
    referenced_tweets: Union[list[Union["Obj", list, str, Int, float, bool, None]], dict, str, Int, float, bool, None] = None
    author: Union["Obj", list, str, Int, float, bool, None, UnsetType] = UNSET
    in_reply_to_user: Union["Obj", list, str, Int, float, bool, None] = None


_Items = Union[list[Union[Obj, list, str, Int, float, bool, None]], dict, str, Int, float, bool, None]


class Includes(Struct, gc=False):
    users: _Items = None
    tweets: _Items = None


class Twarc(Struct, gc=False):
    url: Json = None


class Line(Obj, gc=False):
    """One JSON object of a file: a response page (``data``, ``includes``, ``__twarc``; an
    academictwitteR ``users`` file) or a tweet itself (a flattened line)."""

    data: Union[list[Union[Obj, list, str, Int, float, bool, None]], Obj, str, Int, float, bool, None, UnsetType] = UNSET
    includes: Union[Includes, list, str, Int, float, bool, None, UnsetType] = UNSET
    users: Union[list[Union[Obj, list, str, Int, float, bool, None]], dict, str, Int, float, bool, None, UnsetType] = UNSET
    twarc: Union[Twarc, list, str, Int, float, bool, None] = msgspec.field(default=None, name="__twarc")


_DECODER = msgspec.json.Decoder(Line)


def decode_line(line: bytes) -> Line | None:
    """One line as a :class:`Line`, or None where it must be read as the row path reads it:
    the line is no JSON object (an array, a scalar, broken JSON), or a field the mapper reads
    holds an integer beyond 64 bits (:data:`Int`). The caller parses such a line with the row
    path's reader and converts its value with :func:`to_struct`, so both paths see the same values.
    """
    try:
        return _DECODER.decode(line)
    except (msgspec.DecodeError, RecursionError):
        return None


def to_struct(value):
    """A parsed JSON value in the Structs' terms: an object as a :class:`Line`, an array's
    objects as :class:`Obj`, anything else as it is.

    orjson keeps an integer from 2**63 to 2**64 - 1 as an int, which :data:`Int` refuses: such
    a value is converted as a float, on both paths alike.
    """
    try:
        return _to_struct(value)
    except msgspec.ValidationError:
        return _to_struct(_int64_or_float(value))


def _to_struct(value):
    if isinstance(value, dict):
        return msgspec.convert(value, Line)
    if isinstance(value, list):
        return [msgspec.convert(v, Obj) if isinstance(v, dict) else v for v in value]
    return value


def _int64_or_float(value):
    if isinstance(value, dict):
        return {k: _int64_or_float(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_int64_or_float(v) for v in value]
    if type(value) is int and not -(1 << 63) <= value < (1 << 63):
        return float(value)
    return value


def present(value) -> Any:
    """A field's value with a missing key read as None (as ``dict.get`` reads it)."""
    return None if value is UNSET else value


def is_tweet(obj) -> bool:
    return (isinstance(obj, Obj) and obj.id is not UNSET and obj.text is not UNSET
            and obj.id_str is UNSET and obj.user is UNSET)


def is_user(obj) -> bool:
    return isinstance(obj, Obj) and obj.text is UNSET and obj.id is not UNSET and obj.username is not UNSET


def is_page(value) -> bool:
    """Whether a :class:`Line` is a response page (else a tweet or user itself)."""
    return value.data is not UNSET or value.includes is not UNSET or value.users is not UNSET and value.id is UNSET
