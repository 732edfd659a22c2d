package org.kollussuite.commons.testing;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the Prometheus page of the service under test. */
public final class Metrics {

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Metrics() {
    }

    /** The sum of every series of {@code name} on the default base URI (a {@code @QuarkusTest}'s service). */
    public static double sum(String name) {
        return sumIn(given().get("/q/metrics").then().statusCode(200).extract().asString(), name);
    }

    /** The same, on the service at {@code baseUrl}. */
    public static double sum(String baseUrl, String name) {
        return sumIn(given().baseUri(baseUrl).get("/q/metrics").then().statusCode(200).extract().asString(), name);
    }

    /** The sum of the series of {@code name} on the service at {@code baseUrl} whose {@code label} is {@code value}. */
    public static double sum(String baseUrl, String name, String label, String value) {
        return sumIn(given().baseUri(baseUrl).get("/q/metrics").then().statusCode(200).extract().asString(), name,
                label + "=\"" + value + "\"");
    }

    /**
     * Every value each label takes on the series whose names start with {@code prefix}, on the default base
     * URI: what a fuzz test reads to prove that no received value became a label.
     */
    public static Map<String, Set<String>> labelValues(String prefix) {
        String page = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Set<String>> values = new TreeMap<>();
        page.lines().filter(line -> line.startsWith(prefix) && line.contains("{")).forEach(line -> {
            Matcher label = LABEL.matcher(line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1));
            while (label.find()) {
                values.computeIfAbsent(label.group(1), ignored -> new TreeSet<>()).add(label.group(2));
            }
        });
        return values;
    }

    private static double sumIn(String page, String name) {
        return sumIn(page, name, "");
    }

    private static double sumIn(String page, String name, String labelled) {
        return page.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .filter(line -> labelled.isEmpty() || line.substring(0, line.lastIndexOf(' ')).contains(labelled))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
