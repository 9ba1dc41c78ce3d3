package org.micasim.realms.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogPlotTest {
    @Test
    void decadesSpanTheDataAndEachSeriesIsALineWithALegend() {
        String svg = new LogPlot("t", "x", "y")
                .add(new LogPlot.Series("a", "#111111", new double[] {65536, 10485760}, new double[] {20, 3000}))
                .add(new LogPlot.Series("b & c", "#222222", new double[] {65536}, new double[] {500}))
                .toSvg();
        assertTrue(svg.startsWith("<svg "), svg);
        assertTrue(svg.trim().endsWith("</svg>"), svg);
        // x from 1e4 to 1e8, y from 1e1 to 1e4
        for (String tick : new String[] {">1e4<", ">1e8<", ">1e1<"}) {
            assertTrue(svg.contains(tick), "tick " + tick + " in " + svg);
        }
        assertEquals(2, svg.split("<polyline").length - 1);
        assertEquals(3, svg.split("<circle").length - 1);
        assertTrue(svg.contains("b &amp; c"), "legend text is escaped");
    }

    @Test
    void equalRatiosAreEqualDistancesOnBothAxes() {
        String svg = new LogPlot("t", "x", "y")
                .add(new LogPlot.Series("a", "#111111", new double[] {10, 100, 1000}, new double[] {10, 100, 1000}))
                .toSvg();
        String points = svg.substring(svg.indexOf("points=\"") + 8);
        String[] p = points.substring(0, points.indexOf('"')).split(" ");
        double[] x = new double[3];
        double[] y = new double[3];
        for (int i = 0; i < 3; i++) {
            x[i] = Double.parseDouble(p[i].split(",")[0]);
            y[i] = Double.parseDouble(p[i].split(",")[1]);
        }
        assertEquals(x[1] - x[0], x[2] - x[1], 0.11);
        assertEquals(y[0] - y[1], y[1] - y[2], 0.11);
        assertTrue(y[2] < y[0], "larger values are higher up");
    }

    @Test
    void aLogAxisRefusesZero() {
        LogPlot p = new LogPlot("t", "x", "y").add(new LogPlot.Series("a", "#111111", new double[] {1}, new double[] {0}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::toSvg);
        assertTrue(e.getMessage().contains("series a"), e.getMessage());
    }
}
