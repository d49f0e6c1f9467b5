package nl.kic.analytics.tools.report;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.font.FontRenderContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import nl.kic.analytics.tools.report.ReportDocument.Chart;
import nl.kic.analytics.tools.report.ReportDocument.Sparkline;

/**
 * Charts as inline SVG, readable without JavaScript: filled bars for the period, hollow bars for
 * the year before, the norm as a dotted line, and a legend in words, so that neither colour nor
 * shape alone carries the meaning. Every label is placed by the width it has in the report's font,
 * so that no label overlaps a bar or another label: the norm's value is in the legend, never on the
 * bars; an axis labels only as many parts as fit. Value axes tick at round numbers: 0–100% by 20,
 * waits by whole minutes (5, 10, 15 …) or hours. Colours are the Rijkshuisstijl's.
 */
final class SvgChart {
    static final int WIDTH = 320;
    static final int HEIGHT = 200;
    static final double FONT_SIZE = 10;
    private static final double LINE = 14;
    private static final int RIGHT = 8;
    private static final int BOTTOM = 20;
    private static final String CURRENT = "#154273"; // lintblauw
    private static final String PREVIOUS = "#01689b"; // donkerblauw
    private static final String NORM = "#d52b1e"; // rood
    private static final String TEXT = "#1a1a1a";
    private static final String GRID = "#8c8c8c";
    private static final Font FONT = loadFont();

    private SvgChart() {
    }

    /** The value axis: its top and its ticks, in the unit's own scale. */
    record Axis(double top, List<Double> ticks) {
    }

    static String render(String id, Chart chart, ReportText text) {
        return render(id, chart, text, HEIGHT);
    }

    /** The chart {@code height} units high (the width stays {@link #WIDTH}). */
    static String render(String id, Chart chart, ReportText text, int height) {
        Axis axis = axis(chart);
        List<String> tickLabels = axis.ticks().stream().map(v -> tick(chart, v, axis, text)).toList();
        double left = 6 + tickLabels.stream().mapToDouble(SvgChart::width).max().orElse(0) + 6;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" aria-labelledby=\"").append(id).append("-title ").append(id).append("-desc\" alt=\"")
                .append(Html.escape(chart.description())).append("\">");
        svg.append("<title id=\"").append(id).append("-title\">").append(Html.escape(chart.title())).append("</title>");
        svg.append("<desc id=\"").append(id).append("-desc\">").append(Html.escape(chart.description())).append("</desc>");
        svg.append("<g font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"").append(number(FONT_SIZE)).append("\" fill=\"")
                .append(TEXT).append("\">");
        double top = legend(svg, chart, text) + 8;
        double plotWidth = WIDTH - left - RIGHT;
        double plotHeight = height - top - BOTTOM;
        for (int i = 0; i < axis.ticks().size(); i++) {
            double value = axis.ticks().get(i);
            double y = top + plotHeight - plotHeight * value / axis.top();
            svg.append(line(left, y, WIDTH - RIGHT, y, GRID, i == 0 ? "1" : "0.5", null));
            svg.append(textAt(left - 6, y + FONT_SIZE * 0.35, "end", tickLabels.get(i)));
        }
        int n = chart.labels().size();
        double group = n == 0 ? plotWidth : plotWidth / n;
        boolean withPrevious = chart.previous() != null;
        double barWidth = withPrevious ? group * 0.38 : group * 0.6;
        double widest = chart.labels().stream().mapToDouble(SvgChart::width).max().orElse(0) + 4;
        int every = Math.max(1, (int) Math.ceil(widest / group));
        double lastLabelRight = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double x = left + group * i + (group - (withPrevious ? 2 * barWidth + 1 : barWidth)) / 2;
            Double value = chart.values().get(i);
            if (chart.isHidden(i)) {
                svg.append(hiddenMark(left + group * i + group / 2, top + plotHeight - 8));
            } else if (value != null) {
                svg.append(bar(x, barWidth, value, axis.top(), top, plotHeight, CURRENT, CURRENT));
            }
            if (withPrevious && chart.previous().get(i) != null) {
                svg.append(bar(x + barWidth + 1, barWidth, chart.previous().get(i), axis.top(), top, plotHeight, "#ffffff", PREVIOUS));
            }
            if (i % every == 0) {
                // Kept within the plot's width and clear of the label before it, so that it never meets a tick label or a neighbour.
                double labelWidth = width(chart.labels().get(i));
                double centre = Math.min(Math.max(left + group * i + group / 2, left + labelWidth / 2), WIDTH - RIGHT - labelWidth / 2);
                if (centre - labelWidth / 2 >= lastLabelRight + 4) {
                    svg.append(textAt(centre, height - BOTTOM + FONT_SIZE + 3, "middle", chart.labels().get(i)));
                    lastLabelRight = centre + labelWidth / 2;
                }
            }
        }
        if (chart.norm() != null) {
            double y = top + plotHeight - plotHeight * chart.norm() / axis.top();
            svg.append(line(left, y, WIDTH - RIGHT, y, NORM, "2", "3 3"));
        }
        svg.append("</g></svg>");
        return svg.toString();
    }

    /** The legend above the plot, wrapped over as many rows as its items need; returns where the plot may begin. */
    private static double legend(StringBuilder svg, Chart chart, ReportText text) {
        List<String[]> items = new ArrayList<>();
        // With one series the swatch needs no words; with two, filled and hollow are named, so that shape and words carry the meaning.
        items.add(new String[] {"current", chart.previous() == null ? chart.valuesName() : chart.valuesName() + " (" + text.t("chart.legend.current") + ")"});
        if (chart.previous() != null) {
            items.add(new String[] {"previous", chart.previousName() + " (" + text.t("chart.legend.previous") + ")"});
        }
        if (chart.norm() != null) {
            items.add(new String[] {"norm", chart.normLabel()});
        }
        if (chart.hiddenLabel() != null && chart.hidden() != null && chart.hidden().contains(Boolean.TRUE)) {
            items.add(new String[] {"hidden", chart.hiddenLabel()});
        }
        double x = 4;
        double y = 4;
        for (String[] item : items) {
            double itemWidth = 16 + width(item[1]);
            if (x > 4 && x + itemWidth > WIDTH - RIGHT) {
                x = 4;
                y += LINE;
            }
            switch (item[0]) {
                case "current" -> svg.append("<rect x=\"").append(number(x)).append("\" y=\"").append(number(y + 2)).append("\" width=\"12\" height=\"8\" fill=\"")
                        .append(CURRENT).append("\"/>");
                case "previous" -> svg.append("<rect x=\"").append(number(x + 0.75)).append("\" y=\"").append(number(y + 2.75))
                        .append("\" width=\"10.5\" height=\"6.5\" fill=\"#ffffff\" stroke=\"").append(PREVIOUS).append("\" stroke-width=\"1.5\"/>");
                case "hidden" -> svg.append(hiddenMark(x + 6, y + FONT_SIZE));
                default -> svg.append(line(x, y + 6, x + 12, y + 6, NORM, "2", "3 3"));
            }
            svg.append(textAt(x + 16, y + FONT_SIZE, "start", item[1]));
            x += itemWidth + 12;
        }
        return y + LINE;
    }

    /** Round ticks from 0: shares 0–100% by 20; waits by 15 or 30 seconds, 1, 2, 5, 10, 15, 20 or 30 minutes, or whole hours; counts by 1, 2 or 5 × 10ⁿ. */
    static Axis axis(Chart chart) {
        if (chart.unit() == Unit.SHARE) {
            return new Axis(1.0, List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0));
        }
        double max = chart.norm() == null ? 0 : chart.norm();
        for (List<Double> series : Arrays.asList(chart.values(), chart.previous())) {
            if (series != null) {
                for (Double v : series) {
                    if (v != null) {
                        max = Math.max(max, v);
                    }
                }
            }
        }
        double step = step(chart.unit(), max);
        int intervals = Math.max(1, (int) Math.ceil(max / step - 1e-9));
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; i <= intervals; i++) {
            ticks.add(i * step);
        }
        return new Axis(intervals * step, ticks);
    }

    private static double step(Unit unit, double max) {
        if (unit == Unit.SECONDS) {
            for (double s : new double[] {15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400}) {
                if (max <= 5 * s) {
                    return s;
                }
            }
            return Math.ceil(max / 5 / 86400) * 86400;
        }
        if (max <= 5) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max / 5)));
        for (double f : new double[] {1, 2, 5, 10}) {
            if (max <= 5 * f * magnitude) {
                return f * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String tick(Chart chart, double value, Axis axis, ReportText text) {
        return switch (chart.unit()) {
            case SHARE -> text.normShare(value);
            case COUNT -> text.count(Math.round(value));
            case SECONDS -> {
                double step = axis.ticks().size() > 1 ? axis.ticks().get(1) : 60;
                if (step >= 3600) {
                    yield text.t("hours.short", text.count(Math.round(value / 3600)));
                }
                yield step >= 60 ? text.t("minutes.short", text.count(Math.round(value / 60))) : text.duration(value);
            }
        };
    }

    /** A 13-month trend as a small line: the months with figures as dots, joined where they follow each other. */
    static String sparkline(String id, Sparkline line) {
        int width = 120;
        int height = 26;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (Double v : line.values()) {
            if (v != null) {
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
        }
        if (line.unit() == Unit.SHARE) {
            min = Math.min(min, Math.max(0, min - 0.05));
            max = Math.max(max, min + 0.05);
        } else if (max - min < 1e-9) {
            min = min - 1;
            max = max + 1;
        }
        int n = line.values().size();
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sparkline\" role=\"img\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" aria-labelledby=\"").append(id)
                .append("-desc\" alt=\"").append(Html.escape(line.description())).append("\">");
        svg.append("<desc id=\"").append(id).append("-desc\">").append(Html.escape(line.description())).append("</desc>");
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = 4 + (width - 8) * i / (double) (n - 1);
            Double v = line.values().get(i);
            ys[i] = v == null ? Double.NaN : height - 4 - (height - 8) * (v - min) / (max - min);
        }
        for (int i = 1; i < n; i++) {
            if (!Double.isNaN(ys[i - 1]) && !Double.isNaN(ys[i])) {
                svg.append(line(xs[i - 1], ys[i - 1], xs[i], ys[i], CURRENT, "1.5", null));
            }
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(ys[i])) {
                double r = i == n - 1 ? 2.8 : 1.8;
                svg.append("<circle cx=\"").append(number(xs[i])).append("\" cy=\"").append(number(ys[i])).append("\" r=\"").append(number(r))
                        .append("\" fill=\"").append(CURRENT).append("\"/>");
            }
        }
        svg.append("</svg>");
        return svg.toString();
    }

    /** The width of a label in the report's font at the charts' size, in the chart's units. */
    static double width(String label) {
        return FONT.deriveFont((float) FONT_SIZE).getStringBounds(label, new FontRenderContext(null, true, true)).getWidth();
    }

    private static Font loadFont() {
        try (InputStream in = SvgChart.class.getResourceAsStream("/nl/kic/analytics/tools/report/fonts/DejaVuSans.ttf")) {
            if (in == null) {
                throw new IllegalStateException("the font DejaVuSans.ttf is missing from the build");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("the shipped font cannot be read", e);
        }
    }

    private static String bar(double x, double width, double value, double axisTop, double top, double plotHeight, String fill, String stroke) {
        double height = Math.max(0, plotHeight * Math.min(value, axisTop) / axisTop);
        double y = top + plotHeight - height;
        return "<rect x=\"" + number(x) + "\" y=\"" + number(y) + "\" width=\"" + number(width) + "\" height=\"" + number(height)
                + "\" fill=\"" + fill + "\" stroke=\"" + stroke + "\" stroke-width=\"1\"/>";
    }

    /** The sign of a part not shown: the tables' dash, standing clear above the axis so that it never reads as a bar of 0. */
    private static String hiddenMark(double centre, double baseline) {
        return "<text class=\"hidden-part\" x=\"" + number(centre) + "\" y=\"" + number(baseline) + "\" text-anchor=\"middle\" font-weight=\"bold\">"
                + HIDDEN_SIGN + "</text>";
    }

    static final String HIDDEN_SIGN = "—";

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
