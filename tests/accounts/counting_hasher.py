"""A password hasher that counts how often it runs (to prove a locked account never reaches it)."""

import threading

from django.contrib.auth.hashers import MD5PasswordHasher


class CountingHasher(MD5PasswordHasher):
    algorithm = "counting_md5"
    runs = 0
    _lock = threading.Lock()

    @classmethod
    def count(cls) -> None:
        with cls._lock:
            cls.runs += 1

    # verify() calls encode(): one count per run of the hash, whether checking or setting.
    def encode(self, password, salt):
        self.count()
        return super().encode(password, salt)
