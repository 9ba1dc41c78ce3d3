package org.micasim.realms.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line plot with logarithmic x and y axes, written as SVG text: decade grid lines and labels, one
 * polyline with point markers per series, and a legend. Enough for the ping-pong figure; nothing more.
 */
final class LogPlot {
    /** One line: its name, colour and points (all coordinates positive). */
    record Series(String name, String colour, double[] xs, double[] ys) {
    }

    private static final int WIDTH = 720;
    private static final int HEIGHT = 460;
    private static final int LEFT = 80;
    private static final int RIGHT = 190;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();

    LogPlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    LogPlot add(Series s) {
        if (s.xs().length != s.ys().length) {
            throw new IllegalArgumentException("series " + s.name() + " has " + s.xs().length + " x and " + s.ys().length + " y values");
        }
        series.add(s);
        return this;
    }

    String toSvg() {
        double[] xr = decades(true);
        double[] yr = decades(false);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\">%s</text>%n", LEFT, escape(title)));
        for (double d = xr[0]; d <= xr[1]; d++) {
            double x = px(d, xr);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", x, TOP, x, HEIGHT - BOTTOM));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x,
                    HEIGHT - BOTTOM + 16, label(d)));
        }
        for (double d = yr[0]; d <= yr[1]; d++) {
            double y = py(d, yr);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, y, WIDTH - RIGHT, y));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, y + 4, label(d)));
        }
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"black\"/>%n",
                LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 18, escape(xLabel)));
        sb.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 18 %d)\">%s</text>%n",
                (TOP + HEIGHT - BOTTOM) / 2, (TOP + HEIGHT - BOTTOM) / 2, escape(yLabel)));
        int legendY = TOP + 10;
        for (Series s : series) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < s.xs().length; i++) {
                double x = px(Math.log10(s.xs()[i]), xr);
                double y = py(Math.log10(s.ys()[i]), yr);
                pts.append(String.format(Locale.ROOT, "%s%.1f,%.1f", pts.length() == 0 ? "" : " ", x, y));
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, s.colour()));
            }
            sb.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    pts, s.colour()));
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    WIDTH - RIGHT + 12, legendY, WIDTH - RIGHT + 36, legendY, s.colour()));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", WIDTH - RIGHT + 42, legendY + 4, escape(s.name())));
            legendY += 20;
        }
        return sb.append("</svg>\n").toString();
    }

    /** {lowest, highest} decade exponent covering every x (or y) value. */
    private double[] decades(boolean x) {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (Series s : series) {
            for (double v : x ? s.xs() : s.ys()) {
                if (!(v > 0)) {
                    throw new IllegalArgumentException("series " + s.name() + ": a log axis needs positive values, got " + v);
                }
                lo = Math.min(lo, Math.floor(Math.log10(v)));
                hi = Math.max(hi, Math.ceil(Math.log10(v)));
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        return new double[] {lo, Math.max(hi, lo + 1)};
    }

    private static double px(double decade, double[] r) {
        return LEFT + (decade - r[0]) / (r[1] - r[0]) * (WIDTH - LEFT - RIGHT);
    }

    private static double py(double decade, double[] r) {
        return HEIGHT - BOTTOM - (decade - r[0]) / (r[1] - r[0]) * (HEIGHT - TOP - BOTTOM);
    }

    private static String label(double decade) {
        return String.format(Locale.ROOT, "1e%d", (int) decade);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
