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
EMAIL_ADDRESS = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")
# Whose bank holidays are not working days (app.workdays).
BANK_HOLIDAY_NATIONS = ("england-and-wales", "scotland", "northern-ireland")
DEFAULT_BANK_HOLIDAY_NATION = "england-and-wales"
# The council's postal address (for letters to post): lines, postcode last.
DEFAULT_COUNCIL_ADDRESS = "County Hall\nMarket Street\nExampletown\nEX1 1AA"


def _bool(value, default=False):
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(value, default):
    if value is None or value.strip() == "":
        return default
    return int(value)


def address_lines(value):
    """COUNCIL_ADDRESS as its lines: one a line, or separated by a written "\\n" (as an
    environment file may hold them); blank lines dropped."""
    text = (value or "").replace("\\n", "\n")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


# The languages a council may offer: English and those with a catalogue (app/translations).
LANGUAGES_KNOWN = ("en", "cy")


def language_codes(value):
    """LANGUAGES ("en,cy", or a sequence) as codes, English first, each once."""
    items = value.split(",") if isinstance(value, str) else list(value or ())
    codes = [str(item).strip().lower() for item in items if str(item).strip()]
    return tuple(dict.fromkeys(["en"] + codes))


def normalise_nation(value):
    """HEARD_BANK_HOLIDAY_NATION as one of BANK_HOLIDAY_NATIONS ("Scotland" -> "scotland")."""
    value = (value or "").strip().lower().replace(" ", "-").replace("_", "-")
    return value or DEFAULT_BANK_HOLIDAY_NATION


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
    # How residents reach the council (the accessibility statement): email defaults to the
    # Reply-To, else the From address; the phone number is shown only when set.
    council_contact_email: str = ""
    council_contact_phone: str = ""
    council_address: str = DEFAULT_COUNCIL_ADDRESS  # lines separated by new lines
    base_url: str = "http://127.0.0.1:5000"
    secure_cookies: bool = False
    session_idle_minutes: int = 30
    session_max_hours: int = 12  # a staff session ends this long after sign-in, however busy
    # Reverse proxies in front of the app whose X-Forwarded-For / -Proto are trusted (0: none).
    trusted_proxies: int = 0
    max_content_length: int = 2 * 1024 * 1024
    # SQLite's synchronous setting: "full" (a commit is on disk before Heard answers) or "normal"
    # (faster; in WAL mode the last commits can be lost on power loss).
    sqlite_synchronous: str = "full"
    # How long each web process remembers a survey's definition for its public page (0: not at all).
    public_cache_seconds: int = 10
    login_max_attempts_per_account: int = 5
    login_max_attempts_per_ip: int = 20
    login_window_minutes: int = 15
    testing: bool = False
    # Email out: "folder" writes .eml files to instance/outbox; "smtp" sends.
    mail_backend: str = "folder"
    mail_from: str = "feedback@example.gov.uk"
    mail_reply_to: str = ""
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_security: str = "none"  # none / starttls / ssl
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_timeout: int = 30
    # Email in: IMAP polling (off unless IMAP_HOST is set) and parsing limits.
    imap_host: str = ""
    imap_port: int = 993
    imap_security: str = "ssl"  # none / starttls / ssl
    imap_username: str = ""
    imap_password: str = ""
    imap_folder: str = "INBOX"
    imap_poll_minutes: int = 2
    inbound_max_bytes: int = 10 * 1024 * 1024
    inbound_parse_seconds: int = 10
    # Public forms: posts per address per window before a 429 page.
    public_rate_limit: int = 20
    public_rate_window_minutes: int = 10
    # Casework: working days skip this nation's bank holidays.
    bank_holiday_nation: str = DEFAULT_BANK_HOLIDAY_NATION
    # Casework: the survey residents are invited to when their case closes (0: none).
    complaint_survey_id: int = 0
    # Who hears about new feedback (app.wiring): cases open for complaints; items are classified.
    intake_listeners: tuple = ("cases", "classification")
    # Safeguarding: who else is emailed when something is flagged ("": only the officers).
    safeguarding_lead_email: str = ""
    # Languages residents may choose on public pages, emails and letters (app.i18n); English always.
    languages: tuple = ("en",)
    # Repeat contact (app.contacts): a contact from the same resident about the same service within
    # this many days of the last one is linked to it as a repeat (and is not resolved first time).
    repeat_contact_days: int = 14
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
            council_contact_email=env.get("COUNCIL_CONTACT_EMAIL", ""),
            council_contact_phone=env.get("COUNCIL_CONTACT_PHONE", ""),
            council_address="\n".join(address_lines(env.get("COUNCIL_ADDRESS"))) or cls.council_address,
            base_url=env.get("BASE_URL") or cls.base_url,
            secure_cookies=_bool(env.get("SECURE_COOKIES")),
            session_idle_minutes=_int(env.get("SESSION_IDLE_MINUTES"), 30),
            session_max_hours=_int(env.get("SESSION_MAX_HOURS"), cls.session_max_hours),
            trusted_proxies=_int(env.get("TRUSTED_PROXIES"), cls.trusted_proxies),
            max_content_length=_int(env.get("MAX_CONTENT_LENGTH"), 2 * 1024 * 1024),
            sqlite_synchronous=(env.get("SQLITE_SYNCHRONOUS") or cls.sqlite_synchronous).strip().lower(),
            public_cache_seconds=_int(env.get("PUBLIC_CACHE_SECONDS"), cls.public_cache_seconds),
            login_max_attempts_per_account=_int(env.get("LOGIN_MAX_ATTEMPTS_PER_ACCOUNT"), 5),
            login_max_attempts_per_ip=_int(env.get("LOGIN_MAX_ATTEMPTS_PER_IP"), 20),
            login_window_minutes=_int(env.get("LOGIN_WINDOW_MINUTES"), 15),
            mail_backend=env.get("MAIL_BACKEND") or cls.mail_backend,
            mail_from=env.get("MAIL_FROM") or cls.mail_from,
            mail_reply_to=env.get("MAIL_REPLY_TO", ""),
            smtp_host=env.get("SMTP_HOST") or cls.smtp_host,
            smtp_port=_int(env.get("SMTP_PORT"), cls.smtp_port),
            smtp_security=env.get("SMTP_SECURITY") or cls.smtp_security,
            smtp_username=env.get("SMTP_USERNAME", ""),
            smtp_password=env.get("SMTP_PASSWORD", ""),
            smtp_timeout=_int(env.get("SMTP_TIMEOUT"), cls.smtp_timeout),
            imap_host=env.get("IMAP_HOST", ""),
            imap_port=_int(env.get("IMAP_PORT"), cls.imap_port),
            imap_security=env.get("IMAP_SECURITY") or cls.imap_security,
            imap_username=env.get("IMAP_USERNAME", ""),
            imap_password=env.get("IMAP_PASSWORD", ""),
            imap_folder=env.get("IMAP_FOLDER") or cls.imap_folder,
            imap_poll_minutes=_int(env.get("IMAP_POLL_MINUTES"), cls.imap_poll_minutes),
            inbound_max_bytes=_int(env.get("INBOUND_MAX_BYTES"), cls.inbound_max_bytes),
            inbound_parse_seconds=_int(env.get("INBOUND_PARSE_SECONDS"), cls.inbound_parse_seconds),
            public_rate_limit=_int(env.get("PUBLIC_RATE_LIMIT"), cls.public_rate_limit),
            public_rate_window_minutes=_int(env.get("PUBLIC_RATE_WINDOW_MINUTES"),
                                            cls.public_rate_window_minutes),
            bank_holiday_nation=normalise_nation(env.get("HEARD_BANK_HOLIDAY_NATION")),
            complaint_survey_id=_int(env.get("COMPLAINT_SURVEY_ID"), 0),
            safeguarding_lead_email=(env.get("SAFEGUARDING_LEAD_EMAIL") or "").strip(),
            repeat_contact_days=_int(env.get("REPEAT_CONTACT_DAYS"), cls.repeat_contact_days),
            languages=language_codes(env.get("LANGUAGES")),
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
        if not self.council_contact_email:
            changes["council_contact_email"] = self.mail_reply_to or self.mail_from
        if not self.secret_key:
            changes["secret_key"] = _instance_secret(instance)
        if not HEX_COLOUR.match(self.council_colour):
            raise ValueError("COUNCIL_COLOUR must look like #1d70b8")
        if self.mail_backend not in {"folder", "smtp"}:
            raise ValueError("MAIL_BACKEND must be folder or smtp")
        for name in ("smtp_security", "imap_security"):
            if getattr(self, name) not in {"none", "starttls", "ssl"}:
                raise ValueError(f"{name.upper()} must be none, starttls or ssl")
        if self.sqlite_synchronous not in {"full", "normal"}:
            raise ValueError("SQLITE_SYNCHRONOUS must be full or normal")
        if self.trusted_proxies < 0:
            raise ValueError("TRUSTED_PROXIES must be 0 (no proxy) or how many proxies are in front of Heard")
        if self.session_max_hours < 1:
            raise ValueError("SESSION_MAX_HOURS must be 1 or more")
        languages = language_codes(self.languages)
        if languages != self.languages:
            changes["languages"] = languages
        unknown = [code for code in languages if code not in LANGUAGES_KNOWN]
        if unknown:
            raise ValueError(f"LANGUAGES: no catalogue for {', '.join(unknown)} (offered: "
                             f"{', '.join(LANGUAGES_KNOWN)})")
        if not isinstance(self.intake_listeners, tuple):
            changes["intake_listeners"] = tuple(self.intake_listeners)
        if self.bank_holiday_nation not in BANK_HOLIDAY_NATIONS:
            raise ValueError("HEARD_BANK_HOLIDAY_NATION must be england-and-wales, scotland or "
                             "northern-ireland")
        if not 1 <= self.repeat_contact_days <= 365:
            raise ValueError("REPEAT_CONTACT_DAYS must be a number of days from 1 to 365")
        if self.safeguarding_lead_email and not EMAIL_ADDRESS.match(self.safeguarding_lead_email):
            raise ValueError("SAFEGUARDING_LEAD_EMAIL must be one email address, like safeguarding@example.gov.uk")
        return replace(self, **changes) if changes else self

    @property
    def council_address_lines(self):
        return address_lines(self.council_address)

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
