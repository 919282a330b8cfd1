"""Settings, read once from the environment into a frozen dataclass.

Every setting has a safe default for `make run` on one machine; see README.md for
the full list of environment variables.
"""
import os
import re
import secrets
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INSTANCE = PROJECT_ROOT / "instance"
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _bool(value, default=False):
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(value, default):
    if value is None or value.strip() == "":
        return default
    return int(value)


@dataclass(frozen=True)
class Settings:
    instance_path: str = str(DEFAULT_INSTANCE)
    secret_key: str = ""
    database_url: str = ""
    huey_url: str = ""
    huey_redis_url: str = ""
    huey_immediate: bool = False
    council_name: str = "Example County Council"
    council_logo_text: str = "Example County Council"
    council_colour: str = "#1d70b8"
    base_url: str = "http://127.0.0.1:5000"
    secure_cookies: bool = False
    session_idle_minutes: int = 30
    max_content_length: int = 2 * 1024 * 1024
    login_max_attempts_per_account: int = 5
    login_max_attempts_per_ip: int = 20
    login_window_minutes: int = 15
    testing: bool = False
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_env(cls, env=None, **overrides):
        env = os.environ if env is None else env
        instance = env.get("HEARD_INSTANCE_PATH") or str(DEFAULT_INSTANCE)
        values = dict(
            instance_path=instance,
            secret_key=env.get("SECRET_KEY", ""),
            database_url=env.get("DATABASE_URL", ""),
            huey_url=env.get("HUEY_URL", ""),
            huey_redis_url=env.get("HUEY_REDIS_URL", ""),
            huey_immediate=_bool(env.get("HUEY_IMMEDIATE")),
            council_name=env.get("COUNCIL_NAME") or cls.council_name,
            council_logo_text=env.get("COUNCIL_LOGO_TEXT") or env.get("COUNCIL_NAME")
            or cls.council_logo_text,
            council_colour=env.get("COUNCIL_COLOUR") or cls.council_colour,
            base_url=env.get("BASE_URL") or cls.base_url,
            secure_cookies=_bool(env.get("SECURE_COOKIES")),
            session_idle_minutes=_int(env.get("SESSION_IDLE_MINUTES"), 30),
            max_content_length=_int(env.get("MAX_CONTENT_LENGTH"), 2 * 1024 * 1024),
            login_max_attempts_per_account=_int(env.get("LOGIN_MAX_ATTEMPTS_PER_ACCOUNT"), 5),
            login_max_attempts_per_ip=_int(env.get("LOGIN_MAX_ATTEMPTS_PER_IP"), 20),
            login_window_minutes=_int(env.get("LOGIN_WINDOW_MINUTES"), 15),
        )
        values.update(overrides)
        return cls(**values).resolved()

    def resolved(self):
        """Fill derived defaults (database file, queue file, secret) and validate."""
        instance = Path(self.instance_path)
        changes = {}
        if not self.database_url:
            changes["database_url"] = f"sqlite:///{instance / 'heard.db'}"
        database_url = changes.get("database_url", self.database_url)
        if not self.huey_url and not self.huey_redis_url:
            # The queue follows the platform: PostgreSQL storage on PostgreSQL, else
            # its own SQLite file, so it never holds the app's write lock.
            on_postgres = database_url.startswith(("postgres://", "postgresql://"))
            changes["huey_url"] = database_url if on_postgres else f"sqlite:///{instance / 'queue.db'}"
        if not self.secret_key:
            changes["secret_key"] = _instance_secret(instance)
        if not HEX_COLOUR.match(self.council_colour):
            raise ValueError("COUNCIL_COLOUR must look like #1d70b8")
        return replace(self, **changes) if changes else self

    def with_overrides(self, **overrides):
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")
        return replace(self, **overrides).resolved()


def _instance_secret(instance):
    """A random secret kept in the instance folder, so sessions survive restarts."""
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()
