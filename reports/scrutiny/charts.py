"""The scrutiny pack's own chart: columns of a few series across the quarter's months (complaints
received at stage 1 and stage 2 requests), drawn with reportlab.graphics for the PDF and as inline
SVG for the HTML twin (the same shape as reports.charts: a <title>, a <desc> naming every value,
role="img"). A table of the same figures sits beside each."""
from markupsafe import Markup, escape
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from reports.lessons.charts import GREY, PREVIOUS

WIDTH, SVG_WIDTH, SVG_HEIGHT = 460, 640, 240
SVG_COLOURS = ("#1d70b8", "#505a5f")


def columns(title, categories, series, font, bold, colour):
    """series: [(name, [value per category])] as grouped columns."""
    drawing = Drawing(WIDTH, 200)
    drawing.add(String(0, drawing.height - 10, title, fontName=bold, fontSize=9, fillColor=GREY))
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 35, 40, WIDTH - 50, 130
    chart.data = [values for _, values in series]
    chart.categoryAxis.categoryNames = list(categories)
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = font, 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = font, 7
    if max((v for _, values in series for v in values), default=0) == 0:
        chart.valueAxis.valueMax, chart.valueAxis.valueStep = 1, 1
    chart.bars.strokeColor = None
    for n, fill in enumerate((colour, PREVIOUS)[:len(series)]):
        chart.bars[n].fillColor = fill
    chart.groupSpacing, chart.barSpacing = 10, 2
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y, legend.fontName, legend.fontSize = 40, 12, font, 8
    legend.alignment, legend.columnMaximum, legend.deltax = "right", 1, 120
    legend.colorNamePairs = list(zip((colour, PREVIOUS), [name for name, _ in series]))
    drawing.add(legend)
    return drawing


def columns_svg(chart_id, title, categories, series):
    top = max([v for _, values in series for v in values] + [1])
    base, tall = SVG_HEIGHT - 30, SVG_HEIGHT - 70
    group = (SVG_WIDTH - 20) / max(len(categories), 1)
    bar = (group - 30) / max(len(series), 1)
    desc = "; ".join(f"{category}: " + ", ".join(f"{name} {values[n]:,}" for name, values in series)
                     for n, category in enumerate(categories))
    parts = [f'<svg class="heard-chart" id="{chart_id}" role="img" aria-labelledby="{chart_id}-title '
             f'{chart_id}-desc" viewBox="0 0 {SVG_WIDTH} {SVG_HEIGHT}" width="100%" '
             f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg" '
             f'font-family="Arial, sans-serif" font-size="14"><title id="{chart_id}-title">{escape(title)}</title>'
             f'<desc id="{chart_id}-desc">{escape(desc)}</desc>']
    for n, (name, _) in enumerate(series):
        parts.append(f'<rect x="{n * 120}" y="4" width="12" height="12" fill="{SVG_COLOURS[n % 2]}"/>'
                     f'<text x="{n * 120 + 18}" y="15" font-size="12" fill="#0b0c0c">{escape(name)}</text>')
    for n, category in enumerate(categories):
        x = 10 + n * group + 15
        for m, (_, values) in enumerate(series):
            height = values[n] / top * tall
            parts.append(f'<rect x="{x + m * bar:.1f}" y="{base - height:.1f}" width="{bar - 4:.1f}" '
                         f'height="{height:.1f}" fill="{SVG_COLOURS[m % 2]}"/>'
                         f'<text x="{x + m * bar + (bar - 4) / 2:.1f}" y="{base - height - 4:.1f}" font-size="12" '
                         f'text-anchor="middle" fill="#0b0c0c">{values[n]:,}</text>')
        parts.append(f'<text x="{x + (group - 30) / 2:.1f}" y="{base + 18}" font-size="12" text-anchor="middle" '
                     f'fill="#0b0c0c">{escape(category)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
