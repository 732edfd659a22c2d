package org.kollussuite.platform.callback;

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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.platform.domain.CallbackType;
import org.kollussuite.platform.domain.IncomingCallback;
import org.kollussuite.platform.domain.PlatformCallbacks;

import java.util.Arrays;
import java.util.concurrent.CompletionStage;

/**
 * The URLs Kollus posts platform callbacks to. Every one answers 200 only after the callback is
 * stored, without holding a thread while the commit is awaited; the body is read raw so that size, content type and encoding are checked, and recorded, here.
 */
@Path("/callbacks/platform")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class PlatformCallbackResource {

    /** The answer Kollus gets; it ignores it, operators and tests read it. */
    public record Acknowledgement(String result) {
    }

    private final PlatformCallbacks callbacks;

    public PlatformCallbackResource(PlatformCallbacks callbacks) {
        this.callbacks = callbacks;
    }

    @POST
    @Path("/{type}")
    @Operation(summary = "A platform callback: upload, transcoding, content-update, channel-add or channel-remove")
    public CompletionStage<Acknowledgement> receive(
            @Parameter(schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"upload", "transcoding", "content-update", "channel-add", "channel-remove"}))
            @PathParam("type") String type,
            byte[] body, @Context HttpHeaders headers, @Context UriInfo uri, @Context HttpServerRequest request) {
        CallbackType callbackType = Arrays.stream(CallbackType.values()).filter(t -> t.path().equals(type)).findFirst()
                .orElseThrow(() -> new RejectedRequestException(404, "not_found", "no platform callback named " + type));
        IncomingCallback callback = new IncomingCallback(callbackType, body == null ? new byte[0] : body,
                headers.getHeaderString(HttpHeaders.CONTENT_TYPE), uri.getQueryParameters(),
                request.remoteAddress().hostAddress());
        return callbacks.receive(callback).thenApply(outcome -> new Acknowledgement(outcome.apiName()));
    }
}
