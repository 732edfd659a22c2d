package org.kollussuite.lms.callback;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.commons.config.ChannelDirectory;
import org.kollussuite.lms.config.LmsConfig;
import org.kollussuite.lms.domain.RejectedSnapshots;
import org.kollussuite.lms.domain.Snapshot;
import org.kollussuite.lms.domain.SnapshotBatcher;
import org.kollussuite.lms.domain.SnapshotReader;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The URL every Kollus player posts progress snapshots to. It answers {@code {"result":1}} only once
 * the snapshot's batch committed; reading and checking happen on the I/O thread, nothing blocks it.
 */
@Path("/callbacks/channels/{channel}/lms")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class LmsCallbackResource {

    /** The answer: Kollus does not read it, its SDKs hand it to the app as JSON. */
    public record Acknowledgement(int result) {
    }

    private static final Acknowledgement STORED = new Acknowledgement(1);

    private final ChannelDirectory channels;
    private final LmsConfig config;
    private final SnapshotReader reader;
    private final SnapshotBatcher batcher;
    private final RejectedSnapshots rejected;
    private final Timer acknowledgements;

    public LmsCallbackResource(ChannelDirectory channels, LmsConfig config, SnapshotBatcher batcher,
                               RejectedSnapshots rejected, MeterRegistry registry) {
        this.channels = channels;
        this.config = config;
        this.reader = new SnapshotReader(config.maxBlockCount());
        this.batcher = batcher;
        this.rejected = rejected;
        this.acknowledgements = Timer.builder("kollus.lms.ack")
                .description("From the request being read to its acknowledgement after the commit")
                .publishPercentileHistogram().register(registry);
    }

    @POST
    @Operation(summary = "An LMS progress snapshot; answered once durably stored")
    public CompletionStage<Acknowledgement> receive(@PathParam("channel") String channelKey, byte[] body,
                                                    @Context HttpHeaders headers, @Context UriInfo uri,
                                                    @Context HttpServerRequest request) {
        long start = System.nanoTime();
        Channel channel = channels.byKey(channelKey).orElseThrow(() -> new RejectedRequestException(404,
                "unknown_channel", "channel '" + channelKey + "' is not configured"));
        CallbackParameters parameters = CallbackParameters.of(uri.getQueryParameters(), null);
        Snapshot snapshot;
        try {
            parameters = CallbackParameters.ofBody(uri.getQueryParameters(),
                    headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body, config.maxBodySize().asLongValue());
            snapshot = reader.read(channel, parameters);
        } catch (RejectedRequestException e) {
            rejected.record(channel, e.error(), e.getMessage(), parameters.asMap(), request.remoteAddress().hostAddress());
            return CompletableFuture.failedFuture(e);
        }
        return batcher.submit(snapshot).thenApply(changed -> {
            acknowledgements.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return STORED;
        });
    }
}
