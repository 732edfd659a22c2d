package org.kollussuite.console.web;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.kollussuite.console.client.AdminApis;
import org.kollussuite.console.client.Result;
import org.kollussuite.console.client.Service;
import org.kollussuite.console.client.Views;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The overview: each service's readiness, the platform's callbacks per minute by type, rejected callbacks and
 * the LMS quarantine, deliveries by state per endpoint, dead deliveries and endpoints that are disabled or whose
 * circuit is open.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class OverviewResource {

    /** How far back the callback rate is measured. */
    static final Duration RATE_WINDOW = Duration.ofMinutes(10);
    /** The most rows counted: counts at this bound are shown as "at least". */
    static final int COUNT_BOUND = 1000;

    /** One service's readiness for the page. */
    @TemplateData
    public record Readiness(Service service, Result<AdminApis.Readiness> result) {
    }

    /** A count out of a list of at most {@link #COUNT_BOUND} rows. */
    @TemplateData
    public record Count(long value, boolean atLeast) {

        static Count of(int size) {
            return new Count(size, size >= COUNT_BOUND);
        }

        public String text() {
            return (atLeast ? "≥ " : "") + value;
        }
    }

    /** Platform callbacks of one type in the last window. */
    @TemplateData
    public record Rate(String type, long count, String perMinute) {
    }

    private final Template overview;
    private final AdminApis apis;

    public OverviewResource(Template overview, AdminApis apis) {
        this.overview = overview;
        this.apis = apis;
    }

    @GET
    public TemplateInstance show() {
        List<Readiness> readiness = Arrays.stream(Service.values()).map(s -> new Readiness(s, apis.readiness(s))).toList();
        Instant since = Instant.now().minus(RATE_WINDOW);
        Result<List<Rate>> rates = apis.platform(api -> api.callbacks(null, null, null, since.toString(), null,
                COUNT_BOUND, 0)).map(OverviewResource::rates);
        Result<Count> platformRejected = apis.platform(api -> api.callbacks("rejected", null, null, null, null,
                COUNT_BOUND, 0)).map(list -> Count.of(list.size()));
        Result<Count> playerRejected = apis.player(api -> api.rejected(COUNT_BOUND, 0)).map(list -> Count.of(list.size()));
        Result<Count> lmsQuarantined = apis.lms(api -> api.quarantine(null, null, "quarantined", COUNT_BOUND, 0))
                .map(list -> Count.of(list.size()));
        Result<List<Views.Endpoint>> endpoints = apis.notifier(api -> api.endpoints());
        long dead = endpoints.ok() ? endpoints.value().stream()
                .mapToLong(e -> e.deliveries().getOrDefault("failed", 0L)).sum() : 0;
        List<Views.Endpoint> troubled = endpoints.ok() ? endpoints.value().stream()
                .filter(e -> "disabled".equals(e.state()) || !"closed".equals(e.circuit())).toList() : List.of();
        return overview.data("nav", "overview")
                .data("readiness", readiness)
                .data("rates", rates)
                .data("rateMinutes", RATE_WINDOW.toMinutes())
                .data("platformRejected", platformRejected)
                .data("playerRejected", playerRejected)
                .data("lmsQuarantined", lmsQuarantined)
                .data("endpoints", endpoints)
                .data("dead", dead)
                .data("troubled", troubled);
    }

    static List<Rate> rates(List<Views.Callback> callbacks) {
        Map<String, Long> byType = callbacks.stream()
                .collect(Collectors.groupingBy(Views.Callback::type, TreeMap::new, Collectors.counting()));
        return byType.entrySet().stream().map(e -> new Rate(e.getKey(), e.getValue(),
                String.format(java.util.Locale.ROOT, "%.1f", e.getValue() / (double) RATE_WINDOW.toMinutes()))).toList();
    }
}
