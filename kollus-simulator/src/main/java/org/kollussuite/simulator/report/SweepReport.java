package org.kollussuite.simulator.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The results of several {@code load --json} runs read together: a Markdown table per callback type
 * and offered rate, and an SVG plot of latency against offered load, one line per type.
 */
public final class SweepReport {

    /** One callback type at one offered rate. */
    public record Point(String type, double offered, double achieved, double p50, double p99, double p999,
                        double max, long notOk, long violations) {
    }

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 170;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private final Map<String, List<Point>> byType = new LinkedHashMap<>();

    /** Adds every type of one {@code load --json} document. */
    public void add(JsonNode document) {
        document.path("types").fields().forEachRemaining(entry -> {
            JsonNode type = entry.getValue();
            long notOk = 0;
            for (JsonNode count : type.path("notOk")) {
                notOk += count.asLong();
            }
            byType.computeIfAbsent(entry.getKey(), name -> new ArrayList<>()).add(new Point(entry.getKey(),
                    type.path("offeredPerSecond").asDouble(), type.path("throughputPerSecond").asDouble(),
                    type.path("p50Ms").asDouble(), type.path("p99Ms").asDouble(), type.path("p999Ms").asDouble(),
                    type.path("maxMs").asDouble(), notOk, type.path("violations").asLong()));
        });
        byType.values().forEach(points -> points.sort(Comparator.comparingDouble(Point::offered)));
    }

    public boolean isEmpty() {
        return byType.isEmpty();
    }

    public String markdown() {
        StringBuilder table = new StringBuilder("| type | offered /s | answered /s | p50 ms | p99 ms | p99.9 ms | max ms "
                + "| not 200 | violations |\n|---|---|---|---|---|---|---|---|---|\n");
        byType.values().forEach(points -> points.forEach(point -> table.append(String.format(Locale.ROOT,
                "| %s | %.0f | %.1f | %.2f | %.2f | %.2f | %.2f | %d | %d |%n", point.type(), point.offered(),
                point.achieved(), point.p50(), point.p99(), point.p999(), point.max(), point.notOk(), point.violations()))));
        return table.toString();
    }

    /** Latency (log scale) against offered load: p99 as a solid line, p50 dashed, one colour per type. */
    public String svg(String title) {
        double maxOffered = byType.values().stream().flatMap(List::stream).mapToDouble(Point::offered).max().orElse(1);
        double maxLatency = byType.values().stream().flatMap(List::stream).mapToDouble(Point::p99).max().orElse(1);
        double xMax = niceCeiling(maxOffered);
        int decades = Math.max(1, (int) Math.ceil(Math.log10(Math.max(maxLatency, 1.1))) + 1);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        Scale scale = new Scale(xMax, decades, plotWidth, plotHeight);

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", LEFT, escape(title)));
        for (int decade = 0; decade <= decades; decade++) {
            double y = scale.y(Math.pow(10, decade - 1));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, y, LEFT + plotWidth, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6,
                    y + 4, formatMillis(Math.pow(10, decade - 1))));
        }
        for (int tick = 0; tick <= 5; tick++) {
            double value = xMax * tick / 5;
            double x = scale.x(value);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    x, TOP, x, TOP + plotHeight));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.0f</text>%n", x,
                    TOP + plotHeight + 18, value));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">offered load "
                + "(callbacks/s)</text>%n", LEFT + plotWidth / 2, HEIGHT - 18));
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 "
                + "%.1f)\">answer latency (ms, log scale)</text>%n", TOP + plotHeight / 2, TOP + plotHeight / 2));
        int index = 0;
        for (Map.Entry<String, List<Point>> entry : byType.entrySet()) {
            String colour = COLOURS[index % COLOURS.length];
            svg.append(polyline(entry.getValue(), scale, Point::p99, colour, ""));
            svg.append(polyline(entry.getValue(), scale, Point::p50, colour, " stroke-dasharray=\"5 4\""));
            for (Point point : entry.getValue()) {
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                        scale.x(point.offered()), scale.y(point.p99()), colour));
            }
            double legendY = TOP + 16 + index * 20;
            double legendX = LEFT + plotWidth + 16;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/>%n", legendX, legendY, legendX + 22, legendY, colour));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", legendX + 28, legendY + 4,
                    escape(entry.getKey())));
            index++;
        }
        double noteY = TOP + 16 + index * 20 + 10;
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#555\">solid: p99</text>%n",
                LEFT + plotWidth + 16, noteY));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#555\">dashed: p50</text>%n",
                LEFT + plotWidth + 16, noteY + 18));
        return svg.append("</svg>\n").toString();
    }

    private record Scale(double xMax, int decades, double width, double height) {

        double x(double offered) {
            return LEFT + offered / xMax * width;
        }

        /** Latencies from 0.1 ms (the bottom) up by {@code decades} powers of ten; smaller ones sit on the axis. */
        double y(double millis) {
            double decadesAbove = Math.log10(Math.max(millis, 0.1)) + 1;
            return TOP + height - decadesAbove / decades * height;
        }
    }

    private static String polyline(List<Point> points, Scale scale, java.util.function.ToDoubleFunction<Point> latency,
                                   String colour, String dash) {
        String coordinates = points.stream()
                .map(point -> String.format(Locale.ROOT, "%.1f,%.1f", scale.x(point.offered()),
                        scale.y(latency.applyAsDouble(point))))
                .collect(Collectors.joining(" "));
        return String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                coordinates, colour, dash);
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1))));
        for (double step : new double[]{1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String formatMillis(double millis) {
        return millis < 1 ? String.format(Locale.ROOT, "%.1f", millis) : String.format(Locale.ROOT, "%.0f", millis);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
