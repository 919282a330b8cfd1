"""The scrutiny pack's own chart for its PDF: columns of a few series across the quarter's months
(complaints received at stage 1 and stage 2 requests), drawn with reportlab.graphics; the HTML
twin draws the same as SVG (reports.charts.columns). A table of the same figures sits beside each."""
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String

from reports.lessons.charts import GREY, PREVIOUS

WIDTH = 460


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
