package org.kollussuite.lms.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.callback.CallbackTokenFilter;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.lms.config.LmsConfig;
import org.kollussuite.lms.domain.RejectedSnapshots;
import org.kollussuite.lms.domain.Snapshot;
import org.kollussuite.lms.domain.SnapshotBatcher;
import org.kollussuite.lms.domain.SnapshotReader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The URL every Kollus player posts progress snapshots to. It answers {@code {"result":1}} only once
 * the snapshot's batch committed; reading and checking happen on the I/O thread, nothing blocks it.
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

    /** The answer: Kollus does not read it, its SDKs hand it to the app as JSON. */
    private static final String STORED = "{\"result\":1}";
    private static final String JSON = "application/json";

    private final CallbackTokenFilter tokens;
    private final LmsConfig config;
    private final SnapshotReader reader;
    private final SnapshotBatcher batcher;
    private final RejectedSnapshots rejected;
    private final ObjectMapper json;
    private final Timer acknowledgements;

    public LmsCallbackRoute(CallbackTokenFilter tokens, LmsConfig config, SnapshotBatcher batcher,
                            RejectedSnapshots rejected, ObjectMapper json, MeterRegistry registry) {
        this.tokens = tokens;
        this.config = config;
        this.reader = new SnapshotReader(config.maxBlockCount());
        this.batcher = batcher;
        this.rejected = rejected;
        this.json = json;
        this.acknowledgements = Timer.builder("kollus.lms.ack")
                .description("From the request being read to its acknowledgement after the commit")
                .publishPercentileHistogram().register(registry);
    }

    void register(@Observes Router router) {
        router.post(PATH).order(1).handler(this::receive);
        router.route(PATH).order(1).handler(context -> {
            context.response().putHeader(HttpHeaders.ALLOW, "POST");
            refuse(context, new RejectedRequestException(405, "method_not_allowed", "this path accepts POST only"));
        });
    }

    private void receive(RoutingContext context) {
        long start = System.nanoTime();
        HttpServerRequest request = context.request();
        MultiMap query = context.queryParams();
        Channel channel;
        try {
            channel = tokens.authorize(request.path(), context.pathParam("channel"),
                    query.get(CallbackParameters.TOKEN), request.remoteAddress());
        } catch (RejectedRequestException e) {
            refuse(context, e);
            return;
        }
        Map<String, List<String>> queryValues = new LinkedHashMap<>();
        query.names().forEach(name -> queryValues.put(name, query.getAll(name)));
        BoundedBody body = new BoundedBody(config.maxBodySize().asLongValue());
        request.handler(body);
        request.exceptionHandler(context::fail);
        request.endHandler(end -> {
            try {
                store(context, start, channel, queryValues, body);
            } catch (RuntimeException e) {
                // Thrown out of a request's end handler, it would leave the request unanswered.
                context.fail(e);
            }
        });
        request.resume();
    }

    private void store(RoutingContext context, long start, Channel channel, Map<String, List<String>> query,
                       BoundedBody body) {
        HttpServerRequest request = context.request();
        CallbackParameters parameters = null;
        Snapshot snapshot;
        try {
            parameters = CallbackParameters.ofBody(query, request.getHeader(HttpHeaders.CONTENT_TYPE), body.bytes(),
                    body.limit);
            snapshot = reader.read(channel, parameters);
        } catch (RejectedRequestException e) {
            rejected.record(channel, e.error(), e.getMessage(), parameters != null ? parameters.asMap() : recordable(query),
                    request.remoteAddress().hostAddress());
            refuse(context, e);
            return;
        }
        CallbackParameters read = parameters;
        batcher.submit(snapshot).whenComplete((changed, failure) -> {
            if (failure instanceof RejectedRequestException refusal && refusal.status() < 500) {
                rejected.record(channel, refusal.error(), refusal.getMessage(), read.asMap(),
                        request.remoteAddress().hostAddress());
                refuse(context, refusal);
                return;
            }
            if (failure != null) {
                refuse(context, failure instanceof RejectedRequestException refusal ? refusal
                        : new RejectedRequestException(503, "storage_unavailable", "the snapshot could not be stored"));
                return;
            }
            acknowledgements.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            context.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(STORED);
        });
    }

    /** The query parameters of a request whose body was refused, for its record; none when they cannot be stored either. */
    private static Map<String, String> recordable(Map<String, List<String>> query) {
        try {
            return CallbackParameters.of(query, null).asMap();
        } catch (RejectedRequestException e) {
            return Map.of();
        }
    }

    private void refuse(RoutingContext context, RejectedRequestException refusal) {
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
            received += chunk.length();
            if (received <= limit) {
                buffer.appendBuffer(chunk);
            }
        }

        /** The body; 413 {@code payload_too_large} when it was over the limit. */
        byte[] bytes() {
            CallbackParameters.requireBodyWithin(received, limit);
            return buffer.getBytes();
        }
    }
}
