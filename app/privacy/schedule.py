"""The retention schedule: each category's period, as the administrators set it or the UK
default (app.privacy.categories)."""
from app.audit.services import record
from app.db import db, utcnow
from app.privacy.categories import CATEGORIES
from app.privacy.models import RetentionSetting

MIN_DAYS = 1
MAX_DAYS = 100 * 365


class ScheduleError(ValueError):
    pass


def days_for(category):
    """The category's period in days (None: kept while in use, or with its parent record)."""
    default = CATEGORIES[category].days
    if default is None:
        return None
    setting = RetentionSetting.get_or_none(RetentionSetting.category == category)
    return setting.days if setting is not None else default


def schedule():
    """[(Category, days now, is it the default)] for the categories that have a period."""
    settings = {s.category: s.days for s in RetentionSetting.select()}
    return [(c, settings.get(c.key, c.days), c.key not in settings)
            for c in CATEGORIES.values() if c.days is not None]


def set_days(category, days, actor):
    """Set a category's period; audited with the old and new periods."""
    if category not in CATEGORIES or CATEGORIES[category].days is None:
        raise ScheduleError("That kind of record has no period to set")
    if not isinstance(days, int) or isinstance(days, bool) or not MIN_DAYS <= days <= MAX_DAYS:
        raise ScheduleError(f"Enter a whole number of days between {MIN_DAYS} and {MAX_DAYS}")
    with db.atomic():
        before = days_for(category)
        setting = RetentionSetting.get_or_none(RetentionSetting.category == category)
        if setting is None:
            RetentionSetting.create(category=category, days=days, updated_by=actor, updated_at=utcnow())
        else:
            setting.days, setting.updated_by, setting.updated_at = days, actor, utcnow()
            setting.save()
        record("privacy.retention_period", actor=actor, object_type="retention_setting",
               object_id=category, summary=f"{CATEGORIES[category].name}: kept {before} → {days} days",
               details={"category": category, "before": before, "after": days})
