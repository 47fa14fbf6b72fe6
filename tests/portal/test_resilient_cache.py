"""With Redis away the cache misses instead of failing the page (portal/core/cache.py)."""

import socket

from django.core.cache.backends.redis import RedisCache

from portal.core.cache import ResilientRedisCache


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the block ends: nothing listens


def _cache(cls):
    return cls(
        f"redis://127.0.0.1:{_closed_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}},
    )


def test_a_missing_redis_is_a_cache_miss():
    cache = _cache(ResilientRedisCache)
    cache.set("flyer", b"pdf", 60)
    assert cache.get("flyer") is None
    assert cache.get("flyer", "fallback") == "fallback"
    assert cache.add("flyer", b"pdf") is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("flyer") is False


def test_djangos_own_redis_cache_would_fail_the_page():
    import pytest
    from redis.exceptions import ConnectionError as RedisConnectionError

    with pytest.raises(RedisConnectionError):
        _cache(RedisCache).get("flyer")
