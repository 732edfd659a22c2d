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

    private static double sumIn(String page, String name) {
        return page.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
