package org.kollussuite.platform.callback;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.kollussuite.platform.domain.CallbackOutcome;
import org.kollussuite.platform.domain.CallbackType;
import org.kollussuite.platform.domain.IncomingCallback;
import org.kollussuite.platform.domain.PlatformCallbacks;

/**
 * The URLs Kollus posts platform callbacks to. Every one answers 200 only after the callback is
 * stored; the body is read raw so that size, content type and encoding are checked, and recorded, here.
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
    @Path("/upload")
    @Operation(summary = "Upload callback: a file finished uploading")
    public Acknowledgement upload(byte[] body, @Context HttpHeaders headers, @Context UriInfo uri,
                                  @Context HttpServerRequest request) {
        return receive(CallbackType.UPLOAD, body, headers, uri, request);
    }

    @POST
    @Path("/transcoding")
    @Operation(summary = "Transcoding callback: transcoding succeeded or failed")
    public Acknowledgement transcoding(byte[] body, @Context HttpHeaders headers, @Context UriInfo uri,
                                       @Context HttpServerRequest request) {
        return receive(CallbackType.TRANSCODING, body, headers, uri, request);
    }

    @POST
    @Path("/content-update")
    @Operation(summary = "Content update callback: metadata changed, content deleted or moved")
    public Acknowledgement contentUpdate(byte[] body, @Context HttpHeaders headers, @Context UriInfo uri,
                                         @Context HttpServerRequest request) {
        return receive(CallbackType.CONTENT_UPDATE, body, headers, uri, request);
    }

    @POST
    @Path("/channel-add")
    @Operation(summary = "Channel addition callback: a content was added to a channel")
    public Acknowledgement channelAdd(byte[] body, @Context HttpHeaders headers, @Context UriInfo uri,
                                      @Context HttpServerRequest request) {
        return receive(CallbackType.CHANNEL_ADD, body, headers, uri, request);
    }

    @POST
    @Path("/channel-remove")
    @Operation(summary = "Channel deletion callback: a content was removed from a channel")
    public Acknowledgement channelRemove(byte[] body, @Context HttpHeaders headers, @Context UriInfo uri,
                                         @Context HttpServerRequest request) {
        return receive(CallbackType.CHANNEL_REMOVE, body, headers, uri, request);
    }

    private Acknowledgement receive(CallbackType type, byte[] body, HttpHeaders headers, UriInfo uri,
                                    HttpServerRequest request) {
        IncomingCallback callback = new IncomingCallback(type, body == null ? new byte[0] : body,
                headers.getHeaderString(HttpHeaders.CONTENT_TYPE), uri.getQueryParameters(),
                request.remoteAddress().hostAddress());
        CallbackOutcome outcome = callbacks.receive(callback);
        return new Acknowledgement(outcome.apiName());
    }
}
