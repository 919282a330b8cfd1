"""The lessons-learnt report's charts, drawn with reportlab.graphics as vectors in the PDF:
twelve months of sentiment as columns, and this month beside the last as horizontal bars. Each chart has a
table of the same figures next to it in the report, so no figure lives only in a picture. Their
own words are in the language in force (flask_babel): English in the worker, Welsh in a PDF built
for a Welsh page (the annual report's bars)."""
from flask_babel import gettext
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

GREY = colors.HexColor("#505a5f")
PREVIOUS = colors.HexColor("#b1b4b6")
NEGATIVE = colors.HexColor("#d4351c")
POSITIVE = colors.HexColor("#00703c")
WIDTH = 460


def _legend(drawing, x, y, pairs, font):
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName, legend.fontSize = font, 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 120
    legend.colorNamePairs = pairs
    drawing.add(legend)


def _title(drawing, text, font):
    drawing.add(String(0, drawing.height - 10, text, fontName=font, fontSize=9, fillColor=GREY))


def sentiment_trend(months, font, bold):
    """A pair of columns each month: the share of negative and of positive feedback (none for a
    month with nothing classified)."""
    drawing = Drawing(WIDTH, 190)
    _title(drawing, gettext("Share of feedback that was negative and positive, by month (%)"), bold)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 35, 40, WIDTH - 50, 120
    chart.data = [[m.negative_share for m in months], [m.positive_share for m in months]]
    chart.categoryAxis.categoryNames = [f"{m.month:%b %y}" for m in months]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = font, 7
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = font, 7
    chart.valueAxis.visibleGrid, chart.valueAxis.gridStrokeColor = True, colors.HexColor("#f3f2f1")
    chart.bars[0].fillColor, chart.bars[1].fillColor = NEGATIVE, POSITIVE
    chart.bars.strokeColor = None
    chart.groupSpacing, chart.barSpacing = 4, 0
    drawing.add(chart)
    _legend(drawing, 40, 12, [(NEGATIVE, gettext("Negative")), (POSITIVE, gettext("Positive"))], font)
    return drawing


def bars(title, rows, font, bold, colour, this_label, previous_label):
    """rows: [(label, this month, last month)] as pairs of horizontal bars."""
    rows = rows or [(gettext("Nothing recorded"), 0, 0)]
    height = 60 + 26 * len(rows)
    drawing = Drawing(WIDTH, height)
    _title(drawing, title, bold)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 130, 30, WIDTH - 150, height - 50
    chart.data = [[r[2] for r in reversed(rows)], [r[1] for r in reversed(rows)]]
    chart.categoryAxis.categoryNames = [r[0][:28] for r in reversed(rows)]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = font, 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = font, 7
    if max([r[1] for r in rows] + [r[2] for r in rows]) == 0:
        chart.valueAxis.valueMax, chart.valueAxis.valueStep = 1, 1
    chart.bars[0].fillColor, chart.bars[1].fillColor = PREVIOUS, colour
    chart.bars.strokeColor = None
    drawing.add(chart)
    _legend(drawing, 140, 10, [(colour, this_label), (PREVIOUS, previous_label)], font)
    return drawing
