package nl.kic.analytics.report;

import java.util.List;
import java.util.Locale;
import nl.kic.analytics.report.ReportDocument.Chart;

/**
 * A chart as inline SVG, readable without JavaScript: filled bars for the period, hollow bars for
 * the year before, the norm as a dotted line with its value written beside it, and a legend in
 * words, so that neither colour nor shape alone carries the meaning. Colours are the Rijkshuisstijl's.
 */
final class SvgChart {
    static final int WIDTH = 600;
    static final int HEIGHT = 280;
    private static final int LEFT = 70;
    private static final int RIGHT = 16;
    private static final int TOP = 44;
    private static final int BOTTOM = 34;
    private static final String CURRENT = "#154273"; // lintblauw
    private static final String PREVIOUS = "#01689b"; // donkerblauw
    private static final String NORM = "#d52b1e"; // rood
    private static final String TEXT = "#1a1a1a";
    private static final String GRID = "#8c8c8c";

    private SvgChart() {
    }

    static String render(String id, Chart chart, ReportText text) {
        double top = scaleTop(chart);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" aria-labelledby=\"").append(id).append("-title ").append(id).append("-desc\" alt=\"")
                .append(Html.escape(chart.description())).append("\">");
        svg.append("<title id=\"").append(id).append("-title\">").append(Html.escape(chart.title())).append("</title>");
        svg.append("<desc id=\"").append(id).append("-desc\">").append(Html.escape(chart.description())).append("</desc>");
        svg.append("<g font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"11\" fill=\"").append(TEXT).append("\">");
        legend(svg, chart, text);
        // Grid lines with their values.
        for (int i = 0; i <= 4; i++) {
            double value = top * i / 4;
            double y = TOP + plotHeight - plotHeight * i / 4.0;
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, GRID, i == 0 ? "1" : "0.5", null));
            svg.append(textAt(LEFT - 6, y + 4, "end", tick(chart, value, text)));
        }
        int n = chart.labels().size();
        double group = n == 0 ? plotWidth : (double) plotWidth / n;
        boolean withPrevious = chart.previous() != null;
        double barWidth = withPrevious ? group * 0.38 : group * 0.6;
        for (int i = 0; i < n; i++) {
            double x = LEFT + group * i + (group - (withPrevious ? 2 * barWidth + 1 : barWidth)) / 2;
            Double value = chart.values().get(i);
            if (value != null) {
                svg.append(bar(x, barWidth, value, top, plotHeight, CURRENT, CURRENT));
            }
            if (withPrevious && chart.previous().get(i) != null) {
                svg.append(bar(x + barWidth + 1, barWidth, chart.previous().get(i), top, plotHeight, "#ffffff", PREVIOUS));
            }
            if (n <= 12 || i % 2 == 0) {
                svg.append(textAt(LEFT + group * i + group / 2, HEIGHT - BOTTOM + 16, "middle", chart.labels().get(i)));
            }
        }
        if (chart.norm() != null) {
            double y = TOP + plotHeight - plotHeight * chart.norm() / top;
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, NORM, "2", "2 3"));
            svg.append("<text x=\"").append(number(WIDTH - RIGHT)).append("\" y=\"").append(number(y - 5))
                    .append("\" text-anchor=\"end\" font-weight=\"bold\" fill=\"#a32018\">").append(Html.escape(chart.normLabel())).append("</text>");
        }
        svg.append("</g></svg>");
        return svg.toString();
    }

    private static void legend(StringBuilder svg, Chart chart, ReportText text) {
        double x = LEFT;
        svg.append("<rect x=\"").append(number(x)).append("\" y=\"10\" width=\"14\" height=\"10\" fill=\"").append(CURRENT).append("\"/>");
        String current = chart.valuesName() + " (" + text.t("chart.legend.current") + ")";
        svg.append(textAt(x + 20, 19, "start", current));
        x += 30 + current.length() * 6.2;
        if (chart.previous() != null) {
            svg.append("<rect x=\"").append(number(x)).append("\" y=\"10\" width=\"14\" height=\"10\" fill=\"#ffffff\" stroke=\"")
                    .append(PREVIOUS).append("\" stroke-width=\"1.5\"/>");
            String previous = chart.previousName() + " (" + text.t("chart.legend.previous") + ")";
            svg.append(textAt(x + 20, 19, "start", previous));
            x += 30 + previous.length() * 6.2;
        }
        if (chart.norm() != null) {
            svg.append(line(x, 15, x + 18, 15, NORM, "2", "2 3"));
            svg.append(textAt(x + 24, 19, "start", chart.normLabel() + " (" + text.t("chart.legend.norm") + ")"));
        }
    }

    /** The top of the value axis: 100% for shares, otherwise a round number above the largest value and the norm. */
    static double scaleTop(Chart chart) {
        double max = 0;
        for (List<Double> series : new java.util.ArrayList<>(java.util.Arrays.asList(chart.values(), chart.previous()))) {
            if (series != null) {
                for (Double v : series) {
                    if (v != null) {
                        max = Math.max(max, v);
                    }
                }
            }
        }
        if (chart.norm() != null) {
            max = Math.max(max, chart.norm());
        }
        if (chart.unit() == Unit.SHARE) {
            return 1.0;
        }
        if (max <= 0) {
            return 4;
        }
        double step = niceStep(max / 4);
        return step * 4;
    }

    private static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double f : new double[] {1, 2, 2.5, 5, 10}) {
            if (f * magnitude >= raw) {
                return f * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String tick(Chart chart, double value, ReportText text) {
        return chart.unit() == Unit.SHARE ? text.normShare(value) : text.format(chart.unit(), value);
    }

    private static String bar(double x, double width, double value, double top, int plotHeight, String fill, String stroke) {
        double height = Math.max(0, plotHeight * Math.min(value, top) / top);
        double y = TOP + plotHeight - height;
        return "<rect x=\"" + number(x) + "\" y=\"" + number(y) + "\" width=\"" + number(width) + "\" height=\"" + number(height)
                + "\" fill=\"" + fill + "\" stroke=\"" + stroke + "\" stroke-width=\"1.5\"/>";
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, String width, String dashes) {
        return "<line x1=\"" + number(x1) + "\" y1=\"" + number(y1) + "\" x2=\"" + number(x2) + "\" y2=\"" + number(y2)
                + "\" stroke=\"" + colour + "\" stroke-width=\"" + width + "\"" + (dashes == null ? "" : " stroke-dasharray=\"" + dashes + "\"")
                + "/>";
    }

    private static String textAt(double x, double y, String anchor, String content) {
        return "<text x=\"" + number(x) + "\" y=\"" + number(y) + "\" text-anchor=\"" + anchor + "\">" + Html.escape(content) + "</text>";
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
