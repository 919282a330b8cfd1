"""`flask --app app backup OUT` and `flask --app app restore IN` (issue 15; README "Backups").

A backup is one gzip-compressed tar file (`tar -tzf` lists it), written under a temporary name
beside OUT, readable by its owner only, and renamed into place when whole:

    database/heard.db | database/heard.pgdump   the database, copied while the app keeps writing
                            (app.backup_database: SQLite's online backup API, or pg_dump)
    instance/secret_key     when the key lives in the instance folder: it signs sessions and the
                            stage 2 links in letters residents already have
    instance/attachments/…, instance/panel_documents/…, instance/outbox/…   the files rows name
    manifest.json           last (a copy cut short has none): created_at, the engine, the applied
                            migrations, rows per table, and the size and sha256 of every member

Left out: the queue (it holds only ids of pending tasks; the database is the source of truth and
the sweep re-enqueues pending work), the classifier cache (rebuilt from the weights) and logs.

`restore IN` refuses with one line and exit status 2 anything that is not a whole backup, a
checksum that differs, a backup of the other engine or from a newer schema, and a database that
already holds data unless --force. It restores the database, compares the row counts with the
manifest, applies newer migrations, checks integrity, then puts the files in place. Other
failures are one line and exit status 1.
"""
import datetime
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import sys
import tarfile
import tempfile
import zlib
from pathlib import Path

import click
import peewee
from flask import current_app
from flask.cli import with_appcontext

from app.backup_database import (Failed, Refused, current_engine, holds_data, integrity, restore, row_counts,
                                  snapshot)
from app.db import db

FORMAT, FORMAT_VERSION = "heard-backup", 1
FOLDERS = ("attachments", "panel_documents", "outbox")
MEMBER = {"sqlite": "database/heard.db", "postgresql": "database/heard.pgdump"}
ENGINES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
_PART = r"[A-Za-z0-9_-][A-Za-z0-9._-]*"  # never "." or "..", nor a hidden temporary file
MEMBER_NAME = re.compile(rf"^(manifest\.json|database/heard\.(db|pgdump)|instance/secret_key|"
                         rf"instance/({'|'.join(FOLDERS)})(/{_PART}){{1,2}})$")


# Backing up -------------------------------------------------------------------------------------

def _add(tar, members, name, path=None, data=None):
    """Add the file at `path` (or `data`) as `name`; False when the file was deleted meanwhile."""
    try:
        stream = open(path, "rb") if data is None else io.BytesIO(data)
    except FileNotFoundError:
        return False
    with stream:
        info = tarfile.TarInfo(name)
        info.size = os.fstat(stream.fileno()).st_size if data is None else len(data)
        info.mtime, info.mode = int(datetime.datetime.now().timestamp()), 0o600
        members[name] = {"size": info.size, "sha256": hashlib.file_digest(stream, "sha256").hexdigest()}
        stream.seek(0)
        tar.addfile(info, stream)
    return True


def _instance_files(instance):
    for folder in FOLDERS:
        for path in sorted((instance / folder).rglob("*")):
            name = "instance/" + path.relative_to(instance).as_posix()
            if path.is_file() and not path.is_symlink() and MEMBER_NAME.match(name) \
                    and path.suffix != ".part":  # never half a file (app.attachments.store)
                yield folder, name, path


def _write_archive(out, database, engine, facts, instance):
    members, archived = {}, {folder: set() for folder in FOLDERS}
    part = out.with_name(out.name + ".part")
    try:
        with os.fdopen(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=1) as tar:
                _add(tar, members, MEMBER[engine], database)
                has_key = _add(tar, members, "instance/secret_key", instance / "secret_key")
                for folder, name, path in _instance_files(instance):
                    if _add(tar, members, name, path):
                        archived[folder].add(path.name)
                missing = {folder: len(names - archived[folder]) for folder, names in facts["named"].items()}
                manifest = {
                    "format": FORMAT, "format_version": FORMAT_VERSION, "engine": engine,
                    "created_at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "migrations": facts["migrations"], "integrity": facts["integrity"],
                    "tables": facts["counts"], "rows": sum(facts["counts"].values()),
                    "files": {folder: len(names) for folder, names in archived.items()},
                    "missing_files": {folder: count for folder, count in missing.items() if count},
                    "secret_key": has_key, "members": members,
                }
                _add(tar, {}, "manifest.json", data=json.dumps(manifest, indent=1, sort_keys=True).encode())
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(part, out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return manifest


def make_backup(out):
    """Write the backup to OUT, or to heard-backup-<UTC time>.tar.gz in OUT when it is a folder."""
    out = Path(out)
    if out.is_dir():
        out = out / f"heard-backup-{datetime.datetime.now(datetime.timezone.utc):%Y%m%d-%H%M%S}.tar.gz"
    if out.exists():
        raise Refused(f"{out} already exists: choose a new name, or a folder to put the backup in")
    if not out.parent.is_dir():
        raise Refused(f"There is no folder {out.parent}")
    instance = Path(current_app.config["HEARD"].instance_path)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".heard-backup-") as work, \
            db.connection_context():
        copy, facts = snapshot(Path(work))
        if facts["integrity"] != "ok":
            raise Failed(f"The copy failed its integrity check ({facts['integrity']}); nothing was written")
        return out, _write_archive(out, copy, current_engine(), facts, instance)


# Restoring --------------------------------------------------------------------------------------

def _unpack(source, staging):
    """Extract the members we know (regular files only, to our own paths); their sha256 by name."""
    found = {}
    try:
        with tarfile.open(source, "r:gz") as tar:
            for member in tar:
                if not member.isfile() or not MEMBER_NAME.match(member.name) or member.name in found:
                    raise Refused(f"{source} is not a Heard backup: it holds {member.name[:80]!r}")
                target = staging / member.name
                target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                with os.fdopen(os.open(target, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600), "w+b") as out:
                    shutil.copyfileobj(tar.extractfile(member), out)
                    out.seek(0)
                    found[member.name] = hashlib.file_digest(out, "sha256").hexdigest()
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise Refused(f"{source} is not a whole Heard backup (a .tar.gz from `backup`): {error}") from None
    return found


def _checked_manifest(source, staging, found, engine):
    from app.schema import runner

    if "manifest.json" not in found:
        raise Refused(f"{source} has no manifest: it is not a Heard backup, or the copy was cut short")
    try:
        manifest = json.loads((staging / "manifest.json").read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        manifest = None
    if not (isinstance(manifest, dict) and manifest.get("format") == FORMAT
            and isinstance(manifest.get("members"), dict) and isinstance(manifest.get("tables"), dict)
            and isinstance(manifest.get("migrations"), list) and isinstance(manifest.get("files"), dict)
            and all(isinstance(entry, dict) for entry in manifest["members"].values())):
        raise Refused(f"{source} is not a Heard backup: its manifest is not one Heard wrote")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise Refused(f"{source} is in backup format {manifest.get('format_version')!r}; "
                      f"this Heard reads format {FORMAT_VERSION}")
    listed, present = set(manifest["members"]), set(found) - {"manifest.json"}
    if listed - present:
        raise Refused(f"The backup is incomplete: {len(listed - present)} file(s) its manifest lists are "
                      f"missing (such as {sorted(listed - present)[0]})")
    damaged = sorted(name for name in present
                     if manifest["members"].get(name, {}).get("sha256") != found[name])
    if damaged:
        raise Refused(f"The backup is damaged: {damaged[0]} does not match the checksum in its manifest")
    if manifest.get("engine") != engine or MEMBER[engine] not in present:
        raise Refused(f"This backup is of a {ENGINES.get(manifest.get('engine'), 'different')} database and "
                      f"DATABASE_URL is {ENGINES[engine]}: restore it into an instance on the same engine")
    known = {migration.name for migration in runner(db.obj).migrations()}
    newer = [str(name) for name in manifest["migrations"] if name not in known]
    if newer:
        raise Refused(f"This backup is from a newer Heard: its database has migrations this code does not "
                      f"know ({', '.join(newer[:3])}); upgrade Heard, then restore")
    return manifest


def _place_files(staging, instance):
    """The backup's folders and secret key replace the instance's; replaced files are shredded."""
    from app.attachments.store import shred

    unpacked = staging / "instance"
    for folder in FOLDERS:
        if (instance / folder).exists():
            (instance / folder).rename(staging / f"replaced-{folder}")
        if (unpacked / folder).exists():
            (unpacked / folder).rename(instance / folder)
    if (unpacked / "secret_key").exists():
        os.replace(unpacked / "secret_key", instance / "secret_key")
    for path in staging.glob("replaced-*/**/*"):
        if path.is_file():
            shred(path)


def restore_backup(source, force=False):
    from app.schema import upgrade

    source, engine = Path(source), current_engine()
    if not source.is_file():
        raise Refused(f"There is no backup file at {source}")
    instance = Path(current_app.config["HEARD"].instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=instance, prefix=".restore-"))
    try:
        manifest = _checked_manifest(source, staging, _unpack(source, staging), engine)
        with db.connection_context():
            held = holds_data(db.obj.execute_sql, engine)
        if held and not force:
            raise Refused(f"The database already holds data (in {', '.join(held[:3])}"
                          f"{' and more' if held[3:] else ''}): restore into an empty instance, "
                          "or add --force to replace it")
        with db.connection_context():  # reopened: PostgreSQL's wipe must not wait for our own locks
            restore(staging / MEMBER[engine])
            restored = row_counts(db.obj.execute_sql, engine)
            differ = sorted(table for table in set(restored) | set(manifest["tables"])
                            if restored.get(table) != manifest["tables"].get(table))
            if differ:
                raise Failed("The restored row counts differ from the manifest's "
                             f"(in {', '.join(differ[:3])})")
            applied = upgrade(db.obj)
            checked = integrity()
            if checked != "ok":
                raise Failed(f"The restored database failed its integrity check: {checked}")
            counts = row_counts(db.obj.execute_sql, engine)
        _place_files(staging, instance)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return {"restored": str(source), "created_at": manifest.get("created_at"), "engine": engine,
            "migrations_applied": applied, "integrity": checked, "tables": counts,
            "rows": sum(counts.values()),
            "files": {key: n for key, n in manifest["files"].items() if isinstance(n, int)},
            "secret_key": bool(manifest.get("secret_key"))}


# The commands -----------------------------------------------------------------------------------

def _guarded(work):
    try:
        return work()
    except (Refused, Failed) as error:
        message, status = str(error), 2 if isinstance(error, Refused) else 1
    except (OSError, peewee.PeeweeException) as error:
        message, status = f"{type(error).__name__}: {error}", 1
    click.echo("Error: " + " ".join(message.split()), err=True)
    sys.exit(status)


def _size(count):
    return f"{count / 1e6:,.1f} MB" if count >= 1e6 else f"{count / 1e3:,.0f} KB"


@click.command("backup")
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one line of JSON.")
@with_appcontext
def backup_command(out, as_json):
    """Back up the database and the instance's files (attachments, documents, outbox, secret key)
    to OUT, a .tar.gz file or a folder to put one in, while Heard keeps running."""
    path, manifest = _guarded(lambda: make_backup(out))
    keys = ("created_at", "engine", "integrity", "files", "missing_files", "secret_key", "migrations", "rows")
    summary = {"path": str(path), "bytes": path.stat().st_size, "tables": len(manifest["tables"]),
               **{key: manifest[key] for key in keys}}
    if as_json:
        click.echo(json.dumps(summary))
        return
    files = ", ".join(f"{folder.replace('_', ' ')} {count}" for folder, count in manifest["files"].items())
    click.echo(f"Wrote {path} ({_size(summary['bytes'])}): {summary['tables']} tables, "
               f"{summary['rows']:,} rows; files: {files}.")
    click.echo(f"Integrity check of the copy: {manifest['integrity']}. "
               f"Schema: {len(manifest['migrations'])} migrations.")
    if not manifest["secret_key"]:
        click.echo("The secret key is not in the backup (it comes from SECRET_KEY): keep it with your "
                   "other secrets.")
    for folder, count in manifest["missing_files"].items():
        click.echo(f"Note: {count} file(s) the database names in {folder}/ were not there to copy "
                   "(deleted by retention or erasure while the backup ran, or lost before).")


@click.command("restore")
@click.argument("source", metavar="IN", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database that holds data, and the instance's files.")
@click.option("--json", "as_json", is_flag=True, help="Print one line of JSON.")
@with_appcontext
def restore_command(source, force, as_json):
    """Restore a backup made by `backup` into this instance (stop the web processes and the worker
    first); refuses a database that already holds data unless --force."""
    result = _guarded(lambda: restore_backup(source, force=force))
    if as_json:
        click.echo(json.dumps(result))
        return
    key = ", the secret key" if result["secret_key"] else ""
    click.echo(f"Restored {source} (taken {result['created_at']}, {ENGINES[result['engine']]}): "
               f"{result['rows']:,} rows in {len(result['tables'])} tables, "
               f"{sum(result['files'].values())} instance file(s){key}.")
    applied = result["migrations_applied"]
    click.echo(f"Applied {len(applied)} migration(s): {', '.join(applied)}." if applied
               else "No migrations were needed.")
    click.echo(f"Integrity check: {result['integrity']}.")
    if not result["secret_key"]:
        click.echo("The backup holds no secret key: set the SECRET_KEY the backed-up instance used.")
    click.echo("Rows by table:")
    for table, count in sorted(result["tables"].items()):
        if count:
            click.echo(f"  {table:<40} {count:>10,}")
    click.echo("Start the web processes and the worker: its sweep re-enqueues pending work within 5 minutes.")
