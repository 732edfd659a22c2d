package org.kollussuite.lms.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.callback.CallbackTokenFilter;
import org.kollussuite.commons.callback.CorsHeaders;
import org.kollussuite.commons.concurrent.GroupCommit;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.commons.config.ChannelDirectory;
import org.kollussuite.commons.logging.SecretRedactingFilter;
import org.kollussuite.lms.config.LmsConfig;
import org.kollussuite.lms.domain.Normalization;
import org.kollussuite.lms.domain.Snapshot;
import org.kollussuite.lms.domain.SnapshotBatcher;
import org.kollussuite.lms.domain.SnapshotReader;
import org.kollussuite.lms.domain.SnapshotRequest;
import org.kollussuite.lms.domain.UnreadableSnapshotException;
import org.kollussuite.lms.mapping.ChannelMappings;
import org.kollussuite.lms.quarantine.Quarantine;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The URL every Kollus player posts progress snapshots to. An authenticated snapshot is answered
 * {@code {"result":1}} only once it is durably stored, merged into progress or, when it cannot be read
 * or merged, quarantined; when it can be neither, the connection is closed without an answer, because
 * the player re-sends a snapshot only after a network failure and takes any HTTP answer as final
 * (kollus-callbacks.md §9.11). Reading and checking happen on the I/O thread, nothing blocks it.
 * <p>
 * It is a Vert.x route rather than a REST resource: at the thousands of snapshots a second this URL
 * takes, the REST layer cost a tenth of the service's CPU, and Vert.x' body handler would decode every
 * form a second time. So it checks the token, bounds the body and writes its JSON errors itself; its
 * OpenAPI description is in {@code META-INF/openapi.yaml}.
 */
@ApplicationScoped
public class LmsCallbackRoute {

    /** The URL, as a Vert.x path pattern. */
    public static final String PATH = CallbackTokenFilter.CHANNELS_PATH + ":channel/lms";
    /**
     * The URL as a regular expression without a group: a path parameter makes Vert.x decode the query string
     * while it matches routes, and fail the request on a broken escape before this route could quarantine it.
     */
    static final String PATH_PATTERN = Pattern.quote(CallbackTokenFilter.CHANNELS_PATH) + "[^/]+/lms";
    /** Before every handler Quarkus puts in front of application routes that could answer for this one. */
    static final int ORDER = -3;

    private static final Logger LOG = Logger.getLogger(LmsCallbackRoute.class);
    /** The answer: Kollus does not read it, its SDKs hand it to the app as JSON. */
    private static final String STORED = "{\"result\":1}";
    private static final String JSON = "application/json";

    private final CallbackTokenFilter tokens;
    private final ChannelDirectory channels;
    private final ChannelMappings mappings;
    private final LmsConfig config;
    private final SnapshotReader reader;
    private final SnapshotBatcher batcher;
    private final Quarantine quarantine;
    private final ObjectMapper json;
    private final Timer acknowledgements;
    private final Counter unanswered;
    private final Map<String, Redaction> redactions = new HashMap<>();
    private final Map<String, Counter[]> normalizations = new HashMap<>();

    public LmsCallbackRoute(CallbackTokenFilter tokens, ChannelDirectory channels, ChannelMappings mappings,
                            LmsConfig config, SnapshotBatcher batcher, Quarantine quarantine, ObjectMapper json,
                            MeterRegistry registry) {
        this.tokens = tokens;
        this.channels = channels;
        this.mappings = mappings;
        this.config = config;
        this.reader = new SnapshotReader(config.maxBlockCount());
        this.batcher = batcher;
        this.quarantine = quarantine;
        this.json = json;
        this.acknowledgements = Timer.builder("kollus.lms.ack")
                .description("From the request being read to its acknowledgement after the commit")
                .publishPercentileHistogram().register(registry);
        this.unanswered = Counter.builder("kollus.lms.snapshots").tag("result", "unanswered")
                .description("LMS snapshots that could be neither merged nor quarantined: closed without an answer, "
                        + "for the player to send again").register(registry);
        for (Channel channel : channels.all()) {
            redactions.put(channel.key(), new Redaction(channel.callbackToken()));
            Counter[] rules = new Counter[Normalization.values().length];
            for (Normalization rule : Normalization.values()) {
                rules[rule.ordinal()] = Counter.builder("kollus.lms.normalized.values")
                        .tags("channel", channel.key(), "rule", rule.label())
                        .description("LMS snapshots with a value read by a normalization rule").register(registry);
            }
            normalizations.put(channel.key(), rules);
        }
    }

    void register(@Observes Router router) {
        // Ahead of Quarkus' own body limit (order -2), which would answer 413: this route bounds its body itself.
        router.postWithRegex(PATH_PATTERN).order(ORDER).handler(this::receive);
        router.optionsWithRegex(PATH_PATTERN).order(ORDER).handler(this::preflight);
        router.routeWithRegex(PATH_PATTERN).order(ORDER).handler(context -> {
            context.response().putHeader(HttpHeaders.ALLOW, CorsHeaders.METHODS);
            refuse(context, new RejectedRequestException(405, "method_not_allowed", "this path accepts POST only"));
        });
    }

    /** A browser's CORS preflight, its token and channel checked as for the POST it announces. */
    private void preflight(RoutingContext context) {
        HttpServerRequest request = context.request();
        Channel channel;
        try {
            channel = tokens.authorize(request.path(), channelKey(request.path()),
                    RawQuery.parse(request.query()).token(), request.remoteAddress());
        } catch (RejectedRequestException e) {
            refuse(context, e);
            return;
        }
        CorsHeaders.preflight(channel, request.getHeader(CorsHeaders.ORIGIN), request.getHeader(CorsHeaders.REQUEST_HEADERS))
                .forEach(context.response()::putHeader);
        context.response().setStatusCode(204).end();
    }

    private void receive(RoutingContext context) {
        long start = System.nanoTime();
        HttpServerRequest request = context.request();
        RawQuery query = RawQuery.parse(request.query());
        Channel channel;
        try {
            channel = tokens.authorize(request.path(), channelKey(request.path()), query.token(),
                    request.remoteAddress());
        } catch (RejectedRequestException e) {
            refuse(context, e);
            return;
        }
        CorsHeaders.answer(channel, request.getHeader(CorsHeaders.ORIGIN)).forEach(context.response()::putHeader);
        BoundedBody body = new BoundedBody(config.maxBodySize().asLongValue());
        request.handler(body);
        request.endHandler(end -> {
            try {
                store(context, start, channel, query, body);
            } catch (RuntimeException e) {
                LOG.errorf(e, "An LMS snapshot of channel %s could not be handled", channel.alias());
                abandon(context);
            }
        });
        request.resume();
    }

    private void store(RoutingContext context, long start, Channel channel, RawQuery query, BoundedBody body) {
        HttpServerRequest request = context.request();
        SnapshotRequest received = new SnapshotRequest(channel.key(), query.parameters(),
                request.getHeader(HttpHeaders.CONTENT_TYPE), body.bytes(), body.truncated(),
                request.remoteAddress().hostAddress(), Instant.now());
        if (query.malformed()) {
            quarantine(context, start, received, new UnreadableSnapshotException(
                    UnreadableSnapshotException.Reason.MALFORMED_FORM, "the query string has invalid percent-encoding"));
            return;
        }
        Snapshot read;
        try {
            read = reader.read(mappings.of(channel), received);
        } catch (UnreadableSnapshotException e) {
            quarantine(context, start, received, e);
            return;
        }
        // Only what is stored is redacted: the session keeps the snapshot's document or flat parameters.
        Redaction redaction = redactions.get(channel.key());
        Snapshot snapshot = redaction.appearsIn(read.raw()) ? read.withRaw(redaction.text(read.raw())) : read;
        if (snapshot.normalized() != 0) {
            Counter[] rules = normalizations.get(channel.key());
            for (Normalization rule : Normalization.values()) {
                if (rule.in(snapshot.normalized())) {
                    rules[rule.ordinal()].increment();
                }
            }
        }
        batcher.submit(snapshot).whenComplete((changed, failure) -> {
            if (failure == null) {
                stored(context, start);
            } else if (failure instanceof UnreadableSnapshotException refused) {
                quarantine(context, start, received, refused);
            } else {
                LOG.debugf("An LMS snapshot of channel %s could not be merged: %s", channel.alias(),
                        failure instanceof GroupCommit.NotWrittenException ? failure.getMessage() : failure);
                abandon(context);
            }
        });
    }

    /**
     * Keeps the request, the channel's token removed wherever it appears and every secret parameter of the
     * body masked by the suite's log filter: only quarantined requests are stored as received.
     */
    private void quarantine(RoutingContext context, long start, SnapshotRequest received,
                            UnreadableSnapshotException why) {
        Redaction redaction = redactions.get(received.channelKey());
        SnapshotRequest redacted = new SnapshotRequest(received.channelKey(), redaction.query(received.query()),
                redaction.text(received.contentType()),
                SecretRedactingFilter.redact(redaction.body(received.body())), received.truncated(),
                received.sourceAddress(), received.receivedAt());
        String message = redaction.text(why.getMessage());
        quarantine.keep(redacted, Objects.equals(message, why.getMessage()) ? why
                : new UnreadableSnapshotException(why.reason(), message)).whenComplete((kept, failure) -> {
            if (failure == null) {
                stored(context, start);
            } else {
                LOG.debugf("An LMS snapshot of channel %s could not be quarantined: %s", received.channelKey(),
                        failure.getMessage());
                abandon(context);
            }
        });
    }

    private void stored(RoutingContext context, long start) {
        acknowledgements.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        context.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(STORED);
    }

    /**
     * Closes the connection without an answer: the player then keeps the snapshot and sends it again,
     * where any HTTP status, 503 included, would make it drop the snapshot for good.
     */
    private void abandon(RoutingContext context) {
        unanswered.increment();
        context.response().reset();
    }

    /** The channel key in the path, decoded; null when it cannot be, which no configured channel matches. */
    private static String channelKey(String path) {
        String encoded = path.substring(CallbackTokenFilter.CHANNELS_PATH.length(), path.lastIndexOf('/'));
        try {
            return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A JSON error; on a configured channel's URL with its CORS headers, so that a web player can read it. */
    private void refuse(RoutingContext context, RejectedRequestException refusal) {
        channels.byKey(channelKey(context.request().path())).ifPresent(channel -> CorsHeaders
                .answer(channel, context.request().getHeader(CorsHeaders.ORIGIN)).forEach(context.response()::putHeader));
        String body;
        try {
            body = json.writeValueAsString(refusal.toApiError());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ApiError is always writable", e);
        }
        context.response().setStatusCode(refusal.status()).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body);
    }

    /** Collects a request body while it stays within the limit; past it, counts the bytes and drops them. */
    private static final class BoundedBody implements Handler<Buffer> {

        private final long limit;
        private final Buffer buffer = Buffer.buffer();
        private long received;

        BoundedBody(long limit) {
            this.limit = limit;
        }

        @Override
        public void handle(Buffer chunk) {
            long room = limit - received;
            received += chunk.length();
            if (room >= chunk.length()) {
                buffer.appendBuffer(chunk);
            } else if (room > 0) {
                buffer.appendBuffer(chunk, 0, (int) room);
            }
        }

        /** The body, or its first {@code limit} bytes. */
        byte[] bytes() {
            return buffer.getBytes();
        }

        boolean truncated() {
            return received > limit;
        }
    }
}
