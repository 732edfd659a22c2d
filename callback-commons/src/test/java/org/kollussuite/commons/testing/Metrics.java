package org.kollussuite.commons.testing;

import static io.restassured.RestAssured.given;

/** Reads the Prometheus page of the service under test. */
public final class Metrics {

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

    private static double sumIn(String page, String name) {
        return sumIn(page, name, "");
    }

    private static double sumIn(String page, String name, String labelled) {
        return page.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .filter(line -> labelled.isEmpty() || line.substring(0, line.lastIndexOf(' ')).contains(labelled))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
