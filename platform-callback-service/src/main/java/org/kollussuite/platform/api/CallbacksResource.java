package org.kollussuite.platform.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.platform.domain.CallbackOutcome;
import org.kollussuite.platform.domain.CallbackType;
import org.kollussuite.platform.persistence.CatalogQueries;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The inbox for operators: every platform callback received, newest first, rejected ones with their reason. */
@Path("/api/v1/callbacks")
@Produces(MediaType.APPLICATION_JSON)
public class CallbacksResource {

    /** One received callback. */
    public record CallbackView(long id, Instant receivedAt, String type, String status, String uploadFileKey,
                               String sourceAddress, Map<String, String> parameters, String error, String message,
                               Instant processedAt) {
    }

    private final CatalogQueries queries;

    public CallbacksResource(CatalogQueries queries) {
        this.queries = queries;
    }

    @GET
    public List<CallbackView> list(@RestQuery String status, @RestQuery String type, @RestQuery String uploadFileKey,
                                   @RestQuery String since, @RestQuery String until,
                                   @RestQuery String limit, @RestQuery String offset) {
        CallbackOutcome outcome = status == null || status.isBlank() ? null : Arrays.stream(CallbackOutcome.values())
                .filter(o -> o.apiName().equalsIgnoreCase(status)).findFirst()
                .orElseThrow(() -> RejectedRequestException.badRequest("invalid_parameter",
                        "status must be one of accepted, duplicate, rejected"));
        CallbackType callbackType = type == null || type.isBlank() ? null : Arrays.stream(CallbackType.values())
                .filter(t -> t.path().equalsIgnoreCase(type)).findFirst()
                .orElseThrow(() -> RejectedRequestException.badRequest("invalid_parameter",
                        "type must be one of upload, transcoding, content-update, channel-add, channel-remove"));
        return queries.callbacks(outcome, callbackType, AdminQuery.key("uploadFileKey", uploadFileKey),
                        AdminQuery.instant("since", since), AdminQuery.instant("until", until),
                        AdminQuery.limit(limit), AdminQuery.offset(offset))
                .stream()
                .map(e -> new CallbackView(e.id, e.receivedAt, e.callbackType.path(), e.status.apiName(),
                        e.uploadFileKey, e.sourceAddress, e.parameters, e.error, e.message, e.processedAt))
                .toList();
    }
}
