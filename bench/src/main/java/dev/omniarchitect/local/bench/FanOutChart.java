package dev.omniarchitect.local.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The chart of batch wall time against batch size: one call at a time (N x L), the ideal with C calls
 * in flight (ceil(N / C) x L) for every N, and the measured medians.
 */
final class FanOutChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private FanOutChart() {
    }

    static void write(List<FanOutFigure> figures, Path file) {
        // No display is needed to draw into an image, and none may exist (CI, servers).
        System.setProperty("java.awt.headless", "true");
        FanOutFigure any = figures.get(0);
        int largest = figures.stream().mapToInt(FanOutFigure::items).max().orElse(1);
        XYSeries sequential = new XYSeries("sequential: N x L");
        XYSeries ideal = new XYSeries("ideal: ceil(N / " + any.maxConcurrency() + ") x L");
        XYSeries measured = new XYSeries("measured (median)");
        for (int items = 1; items <= largest; items++) {
            long rounds = (items + any.maxConcurrency() - 1) / any.maxConcurrency();
            sequential.add(items, items * any.latencyMs() / 1000.0);
            ideal.add(items, rounds * any.latencyMs() / 1000.0);
        }
        figures.forEach(figure -> measured.add(figure.items(), figure.medianWallMs() / 1000.0));
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(sequential);
        data.addSeries(ideal);
        data.addSeries(measured);
        JFreeChart chart = ChartFactory.createXYLineChart(
                "Batch wall time, L = " + any.latencyMs() + " ms per call, MaxConcurrency " + any.maxConcurrency(),
                "items in the batch (N)", "wall time (s)", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, new Color(0xB0, 0x3A, 0x2E));
        renderer.setSeriesPaint(1, new Color(0x88, 0x88, 0x88));
        renderer.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        renderer.setSeriesPaint(2, new Color(0x1F, 0x5F, 0xA8));
        renderer.setSeriesStroke(2, new BasicStroke(2.5f));
        renderer.setSeriesShapesVisible(2, true);
        plot.setRenderer(renderer);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart " + file, e);
        }
    }
}
