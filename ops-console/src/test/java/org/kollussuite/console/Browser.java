package org.kollussuite.console;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An operator's browser as far as the console can tell: it keeps the cookies it is given, asks for HTML,
 * does not follow redirects (the tests check them), and sends back the CSRF token of the last page it
 * read with every form.
 */
public final class Browser {

    public static final String CSRF_FIELD = "csrf-token";
    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"" + CSRF_FIELD + "\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final Map<String, String> cookies = new HashMap<>();
    private String csrfToken;

    public Browser(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A browser signed in with the admin token. */
    public static Browser signedIn(String baseUrl) {
        Browser browser = new Browser(baseUrl);
        browser.get("/sign-in");
        Response answer = browser.post("/sign-in", Map.of("token", ConsoleSuite.ADMIN_TOKEN, "next", "/"));
        assertEquals(303, answer.statusCode(), answer.asString());
        return browser;
    }

    public Response get(String path) {
        return remember(request().get(path));
    }

    /** Posts a form with the CSRF token of the last page read. */
    public Response post(String path, Map<String, String> form) {
        Map<String, String> withToken = new HashMap<>(form);
        if (csrfToken != null) {
            withToken.put(CSRF_FIELD, csrfToken);
        }
        return postExactly(path, withToken);
    }

    /** Posts exactly {@code form}, as a page of another site could. */
    public Response postExactly(String path, Map<String, String> form) {
        return remember(request().contentType(ContentType.URLENC).formParams(form).post(path));
    }

    public Map<String, String> cookies() {
        return Map.copyOf(cookies);
    }

    private RequestSpecification request() {
        return given().baseUri(baseUrl).redirects().follow(false).accept(ContentType.HTML).cookies(cookies);
    }

    private Response remember(Response response) {
        response.getCookies().forEach((name, value) -> {
            if (value == null || value.isEmpty()) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        });
        Matcher token = CSRF_INPUT.matcher(response.asString());
        if (token.find()) {
            csrfToken = token.group(1);
        }
        return response;
    }
}
