package org.kollussuite.platform.callback;

import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.callback.BoundedBody;
import org.kollussuite.platform.config.PlatformConfig;
import org.kollussuite.platform.domain.CallbackType;
import org.kollussuite.platform.domain.IncomingCallback;
import org.kollussuite.platform.domain.PlatformCallbacks;

import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;

/**
 * The URLs Kollus posts platform callbacks to. Every one answers 200 only after the callback is
 * stored, without holding a thread while the commit is awaited. The body is read raw, under its limit as it
 * arrives (never buffered whole first), so that size, content type and encoding are checked, and recorded, here.
 */
@Path("/callbacks/platform")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class PlatformCallbackResource {

    /** The answer Kollus gets; it ignores it, operators and tests read it. */
    public record Acknowledgement(String result) {
    }

    private final PlatformCallbacks callbacks;
    private final PlatformConfig config;

    public PlatformCallbackResource(PlatformCallbacks callbacks, PlatformConfig config) {
        this.callbacks = callbacks;
        this.config = config;
    }

    @POST
    @Path("/{type}")
    @Blocking
    @Operation(summary = "A platform callback: upload, transcoding, content-update, channel-add or channel-remove")
    public CompletionStage<Acknowledgement> receive(
            @Parameter(schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"upload", "transcoding", "content-update", "channel-add", "channel-remove"}))
            @PathParam("type") String type,
            InputStream body, @Context HttpHeaders headers, @Context UriInfo uri, @Context RoutingContext routing) {
        CallbackType callbackType = Arrays.stream(CallbackType.values()).filter(t -> t.path().equals(type)).findFirst()
                .orElseThrow(() -> new RejectedRequestException(404, "not_found", "no platform callback named " + type));
        String source = routing.request().remoteAddress().hostAddress();
        byte[] bytes;
        try {
            bytes = BoundedBody.read(body, headers.getHeaderString(HttpHeaders.CONTENT_LENGTH),
                    config.maxBodySize().asLongValue());
        } catch (RejectedRequestException refused) {
            // What is left of a refused body is never read: the connection closes once the answer is out,
            // since otherwise the server would keep taking in whatever the client goes on sending.
            routing.response().putHeader("Connection", "close");
            routing.addEndHandler(written -> routing.request().connection().close());
            return callbacks.refuseUnread(callbackType, source, refused).thenApply(o -> new Acknowledgement(o.apiName()));
        }
        IncomingCallback callback = new IncomingCallback(callbackType, bytes,
                headers.getHeaderString(HttpHeaders.CONTENT_TYPE), uri.getQueryParameters(), source);
        return callbacks.receive(callback).thenApply(outcome -> new Acknowledgement(outcome.apiName()));
    }
}
