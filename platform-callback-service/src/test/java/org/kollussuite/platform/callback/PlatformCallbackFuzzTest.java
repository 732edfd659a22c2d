package org.kollussuite.platform.callback;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kollussuite.commons.testing.Fuzzing;
import org.kollussuite.commons.testing.RawHttp;
import org.kollussuite.commons.text.InputLimits;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.platform.callback.PlatformCallbacksClient.*;

/**
 * Hostile callbacks to every platform URL, with a valid token so that they reach the checks, half of them with
 * the service account key too so that whatever passes them is stored and applied: every answer is the contract's,
 * nothing refused is kept but its rejected record, everything accepted reaches the catalog, honest callbacks
 * sent meanwhile are unharmed and the metrics stay within their fixed labels.
 */
@QuarkusTest
class PlatformCallbackFuzzTest {

    private static final List<String> NAMES = List.of("content_provider_key", "upload_file_key", "filename",
            "full_filename", "transcoding_result", "update_type", "media_content_key", "channel_key", "channel_name",
            "profile_key");
    /**
     * How the HTTP layer's own refusals (commons FrameworkRefusals: a request target with a broken escape) begin
     * their message: they come before a callback can be authenticated, so they are recorded nowhere.
     */
    private static final String UNRECORDED = "the request target ";

    @Inject
    AgroalDataSource dataSource;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"upload", "transcoding", "content-update", "channel-add", "channel-remove"})
    void hostileCallbacksAreAnsweredAsTheContractSaysAndOnlyHonestOnesChangeTheCatalog(String type) throws Exception {
        long before = lastInboxId();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger stored = new AtomicInteger();
        AtomicInteger recorded = new AtomicInteger();
        String path = "/callbacks/platform/" + type + "?token=" + TOKEN;

        Fuzzing.fuzz(path, NAMES,
                inputs -> inputs.request("POST", sent.getAndIncrement() % 2 == 0 ? path
                        : path + "&content_provider_key=" + SERVICE_ACCOUNT),
                answer -> {
                    JsonPath json = contractJson(answer);
                    if (answer.status() == 200) {
                        assertTrue(Set.of("accepted", "duplicate").contains(json.getString("result")), answer.text());
                        stored.incrementAndGet();
                    } else {
                        assertTrue(answer.status() >= 400 && answer.status() < 500, "status " + answer.status());
                        assertTrue(json.getString("error") != null && json.getString("message") != null, answer.text());
                        if (!json.getString("message").startsWith(UNRECORDED)) {
                            recorded.incrementAndGet();
                        }
                    }
                },
                () -> honest(type, stored));

        assertEquals(stored.get(), count("status in ('ACCEPTED', 'DUPLICATE')", before),
                "exactly the answered 200s are stored as accepted or duplicate");
        assertEquals(recorded.get(), count("status = 'REJECTED'", before), "every other answer is one rejected record");
        await().atMost(Duration.ofSeconds(30)).until(() -> count("status = 'ACCEPTED' and processed_at is null", before) == 0);
        assertEquals(0, count("error = 'processing_failed'", before), "everything accepted reached the catalog");
        assertEquals(0, count("status = 'REJECTED' and (parameters::text like '%" + SERVICE_ACCOUNT + "%' or parameters::text like '%"
                + TOKEN + "%')", before), "no secret is stored in clear");
        String metrics = MetricLabelsTest.metrics();
        assertTrue(MetricLabelsTest.uriLabels(metrics).stream().allMatch(MetricLabelsTest.URIS::contains),
                "uri labels: " + MetricLabelsTest.uriLabels(metrics));
        assertTrue(metrics.lines().filter(line -> line.startsWith("kollus_platform_callbacks_total{")).count() <= 5 * 4,
                "callback counters: one series per type and outcome at most");
    }

    /** A valid callback of {@code type} with fresh keys: accepted, and applied to the catalog. */
    private static boolean honest(String type, AtomicInteger stored) {
        String key = newUploadFileKey();
        Map<String, String> form = switch (type) {
            case "upload" -> upload(key);
            case "transcoding" -> transcoding(key, "success");
            case "content-update" -> contentUpdate(key, "metadata");
            default -> channel(key, "ch-fuzz", "mck-" + key);
        };
        form.put("filename", "\u00e9\u00e8 " + "f".repeat(InputLimits.FILENAME - 3));
        String result = post(type, form).statusCode(200).extract().path("result");
        stored.incrementAndGet();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2("test-admin-token")
                .get("/api/v1/contents/{key}", key).then().statusCode(200));
        return "accepted".equals(result);
    }

    /** The answer's JSON body; fails unless it is JSON. */
    static JsonPath contractJson(RawHttp.Answer answer) {
        String type = answer.header("content-type");
        assertTrue(type != null && type.startsWith("application/json"), "content type " + type + ": " + answer.text());
        return JsonPath.from(answer.text());
    }

    private long lastInboxId() throws SQLException {
        return single("select coalesce(max(id), 0) from callback_inbox", List.of());
    }

    private long count(String condition, long after) throws SQLException {
        return single("select count(*) from callback_inbox where id > ? and " + condition, List.of(after));
    }

    private long single(String sql, List<Long> parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setLong(i + 1, parameters.get(i));
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
