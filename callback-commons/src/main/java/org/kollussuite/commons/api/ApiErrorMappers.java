package org.kollussuite.commons.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/** Turns every refusal, including the framework's own, into a JSON {@link ApiError}. */
public class ApiErrorMappers {

    private static final Logger LOG = Logger.getLogger(ApiErrorMappers.class);

    @ServerExceptionMapper
    public RestResponse<ApiError> rejected(RejectedRequestException e) {
        return json(e.status(), e.toApiError());
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> notFound(NotFoundException e) {
        return json(404, new ApiError("not_found", "no resource at this path"));
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> methodNotAllowed(NotAllowedException e) {
        return json(405, new ApiError("method_not_allowed", "this path does not accept that method"));
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> unsupportedMediaType(NotSupportedException e) {
        return json(415, new ApiError("unsupported_media_type",
                "send application/x-www-form-urlencoded (or a content type this endpoint lists)"));
    }

    /** A JSON request body that cannot be read into the expected object: which field, and why. */
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
    public RestResponse<ApiError> unreadableJson(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining(".")) + ": "
                : "";
        String why = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage().lines().findFirst().orElse("");
        return json(400, new ApiError("malformed_json", "the body is not the expected JSON: " + field + why));
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> otherWebApplicationException(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return json(status, new ApiError("internal_error", "the request could not be processed"));
        }
        return json(status, new ApiError("bad_request", e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> unexpected(Exception e) {
        LOG.error("request failed", e);
        return json(500, new ApiError("internal_error", "the request could not be processed"));
    }

    public static RestResponse<ApiError> json(int status, ApiError error) {
        return RestResponse.ResponseBuilder.<ApiError>create(status).entity(error).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    public static Response jsonResponse(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
