package org.kollussuite.commons.testing;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * What every service of the suite promises operators (suite contract §1): health endpoints that
 * reflect its database and broker, Prometheus metrics, and an admin API behind the bearer token.
 * Each service runs it with {@code @QuarkusTest} on a subclass.
 */
public abstract class ServiceContractTest {

    public static final String ADMIN_TOKEN = "test-admin-token";

    @Test
    void readinessIsUpAndCoversTheDatabaseAndTheBroker() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "RabbitMQ broker"));
    }

    @Test
    void livenessAndStartupAreUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsArePublishedForPrometheus() {
        given().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"));
    }

    @Test
    void adminApiRefusesRequestsWithoutTheBearerToken() {
        given().get("/api/v1/channels")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("error", equalTo("unauthorized"));
        given().auth().oauth2("not-the-token").get("/api/v1/channels")
                .then().statusCode(401);
    }

    @Test
    void adminApiServesRequestsWithTheBearerToken() {
        given().auth().oauth2(ADMIN_TOKEN).get("/api/v1/channels")
                .then().statusCode(200);
    }

    @Test
    void unknownPathAnswersAJsonError() {
        given().get("/api/v1/no-such-thing").then().statusCode(401);
        given().auth().oauth2(ADMIN_TOKEN).get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .body("error", equalTo("not_found"));
    }
}
