"""Charts drawn on the server as inline SVG: no JavaScript, nothing from a CDN. Each has a
<title> and <desc> named by aria-labelledby and role="img", and the page shows the same
numbers as a table beside it. Labels are escaped (a topic or service name is never markup).

The charts' own words (legends, descriptions) are in the language in force (flask_babel): Welsh
on a Welsh public page (the annual report), English on staff pages and in the worker."""
from flask_babel import gettext
from markupsafe import Markup, escape

from app.languages import N_

WIDTH = 640
LABEL_ROW = 18
BAR = 14
ROW = LABEL_ROW + 2 * BAR + 12
CURRENT, PREVIOUS = "#1d70b8", "#b1b4b6"
SERIES_COLOURS = ("#1d70b8", "#505a5f")  # columns: the first series, the second
COLUMNS_HEIGHT = 240
SENTIMENT_COLOURS = (("negative", "#d4351c"), ("neutral", "#b1b4b6"), ("positive", "#00703c"))
SENTIMENT_NAMES = {"negative": N_("Negative"), "neutral": N_("Neutral"), "positive": N_("Positive")}


def _open(chart_id, title, desc, height):
    return (f'<svg class="heard-chart" id="{chart_id}" role="img" aria-labelledby="{chart_id}-title '
            f'{chart_id}-desc" viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
            f'xmlns="http://www.w3.org/2000/svg" font-family="Arial, sans-serif" font-size="14">'
            f'<title id="{chart_id}-title">{escape(title)}</title>'
            f'<desc id="{chart_id}-desc">{escape(desc)}</desc>')


def _number(value, unit):
    if value is None:
        return gettext("none")
    if unit == "percent":
        return f"{value:.1f}%"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:.1f}"


def bars(chart_id, title, rows, unit="count"):
    """Horizontal bars, this period (blue) above the previous period (grey), for rows of
    (label, value, previous). Values may be None (nothing to show)."""
    values = [v for _, now, before in rows for v in (now, before) if v is not None]
    top = max([abs(v) for v in values] + [1])
    height = ROW * len(rows) + 30
    desc = "; ".join(gettext("%(label)s: %(now)s (previous period %(before)s)", label=label,
                             now=_number(now, unit), before=_number(before, unit))
                     for label, now, before in rows) or gettext("Nothing to show for this period.")
    parts = [_open(chart_id, title, desc, height), _legend()]
    scale = (WIDTH - 90) / top
    for n, (label, now, before) in enumerate(rows):
        y = 30 + n * ROW
        parts.append(f'<text x="0" y="{y + 13}" fill="#0b0c0c">{escape(label)}</text>')
        for offset, value, colour in ((LABEL_ROW, now, CURRENT), (LABEL_ROW + BAR + 2, before, PREVIOUS)):
            length = max(0.0, abs(value or 0) * scale)
            parts.append(f'<rect x="0" y="{y + offset}" width="{length:.1f}" height="{BAR}" fill="{colour}"/>')
            parts.append(f'<text x="{length + 6:.1f}" y="{y + offset + 12}" fill="#0b0c0c" font-size="12">'
                         f'{escape(_number(value, unit))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _legend():
    return (f'<rect x="0" y="4" width="12" height="12" fill="{CURRENT}"/>'
            f'<text x="18" y="15" font-size="12" fill="#0b0c0c">{escape(gettext("This period"))}</text>'
            f'<rect x="120" y="4" width="12" height="12" fill="{PREVIOUS}"/>'
            f'<text x="138" y="15" font-size="12" fill="#0b0c0c">{escape(gettext("Previous period"))}</text>')


def sentiment_columns(chart_id, title, months):
    """Stacked columns, one a month, of the negative, neutral and positive shares."""
    height, base, gap = 260, 220, 4
    width = (WIDTH - 40) / max(len(months), 1)
    desc = "; ".join(f"{m.month:%b %Y}: " + (gettext("%(negative)s%% negative, %(positive)s%% positive",
                                                     negative=f"{m.negative_share:.0f}",
                                                     positive=f"{m.positive_share:.0f}")
                                             if m.classified else gettext("no feedback with a sentiment"))
                     for m in months)
    parts = [_open(chart_id, title, desc, height)]
    for n, (name, colour) in enumerate(SENTIMENT_COLOURS):
        parts.append(f'<rect x="{n * 110}" y="4" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{n * 110 + 18}" y="15" font-size="12" fill="#0b0c0c">'
                     f'{escape(gettext(SENTIMENT_NAMES[name]))}</text>')
    for n, month in enumerate(months):
        x, y = 40 + n * width, base
        for name, colour in SENTIMENT_COLOURS:
            share = getattr(month, name) / month.classified if month.classified else 0
            tall = share * (base - 30)
            y -= tall
            parts.append(f'<rect x="{x + gap / 2:.1f}" y="{y:.1f}" width="{width - gap:.1f}" '
                         f'height="{tall:.1f}" fill="{colour}"/>')
        parts.append(f'<text x="{x + width / 2:.1f}" y="{base + 16}" font-size="11" text-anchor="middle" '
                     f'fill="#0b0c0c">{month.month:%b}</text>')
    parts.append(f'<text x="0" y="{base - (base - 30) + 4}" font-size="11" fill="#0b0c0c">100%</text>'
                 f'<text x="0" y="{base}" font-size="11" fill="#0b0c0c">0%</text></svg>')
    return Markup("".join(parts))


def columns(chart_id, title, categories, series):
    """Grouped columns: series [(name, [value per category])] across a few categories (months)."""
    top = max([v for _, values in series for v in values] + [1])
    base, tall = COLUMNS_HEIGHT - 30, COLUMNS_HEIGHT - 70
    group = (WIDTH - 20) / max(len(categories), 1)
    bar = (group - 30) / max(len(series), 1)
    desc = "; ".join(f"{category}: " + ", ".join(f"{name} {values[n]:,}" for name, values in series)
                     for n, category in enumerate(categories))
    parts = [_open(chart_id, title, desc, COLUMNS_HEIGHT)]
    for n, (name, _) in enumerate(series):
        parts.append(f'<rect x="{n * 120}" y="4" width="12" height="12" fill="{SERIES_COLOURS[n % 2]}"/>'
                     f'<text x="{n * 120 + 18}" y="15" font-size="12" fill="#0b0c0c">{escape(name)}</text>')
    for n, category in enumerate(categories):
        x = 10 + n * group + 15
        for m, (_, values) in enumerate(series):
            height = values[n] / top * tall
            parts.append(f'<rect x="{x + m * bar:.1f}" y="{base - height:.1f}" width="{bar - 4:.1f}" '
                         f'height="{height:.1f}" fill="{SERIES_COLOURS[m % 2]}"/>'
                         f'<text x="{x + m * bar + (bar - 4) / 2:.1f}" y="{base - height - 4:.1f}" font-size="12" '
                         f'text-anchor="middle" fill="#0b0c0c">{values[n]:,}</text>')
        parts.append(f'<text x="{x + (group - 30) / 2:.1f}" y="{base + 18}" font-size="12" text-anchor="middle" '
                     f'fill="#0b0c0c">{escape(category)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def drawn(sections, prefix):
    """Report sections (reports.annual.content.Section) for a page: each ("chart", title, rows)
    block drawn as bars and each ("columns", title, categories, series) as columns, as
    ("svg", markup) blocks with ids `prefix-<section>-<block>`; every other block as it is."""
    for number, section in enumerate(sections):
        section.blocks = [_drawn(block, f"{prefix}-{number}-{n}") for n, block in enumerate(section.blocks)]
    return sections


def _drawn(block, chart_id):
    if block[0] == "chart":
        return ("svg", bars(chart_id, block[1], block[2]))
    if block[0] == "columns":
        return ("svg", columns(chart_id, block[1], block[2], block[3]))
    return block
