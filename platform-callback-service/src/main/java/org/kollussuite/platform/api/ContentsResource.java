package org.kollussuite.platform.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.platform.domain.TranscodingState;
import org.kollussuite.platform.persistence.CatalogQueries;

import java.util.List;
import java.util.Optional;

/** The content catalog for a CMS: what was uploaded, its transcoding state and its channels. */
@Path("/api/v1/contents")
@Produces(MediaType.APPLICATION_JSON)
public class ContentsResource {

    private final CatalogQueries queries;

    public ContentsResource(CatalogQueries queries) {
        this.queries = queries;
    }

    /** Contents most recently changed first; {@code channel} keeps those currently in that channel. */
    @GET
    public List<ContentView> list(@RestQuery String channel, @RestQuery String status,
                                  @RestQuery String limit, @RestQuery String offset) {
        TranscodingState state = status == null || status.isBlank() ? null : TranscodingState.fromApiName(status)
                .orElseThrow(() -> RejectedRequestException.badRequest("invalid_parameter",
                        "status must be one of uploaded, transcoded, transcoding-failed, unknown"));
        return queries.contents(AdminQuery.key("channel", channel), state, AdminQuery.limit(limit),
                        AdminQuery.offset(offset)).stream()
                .map(ContentView::of).toList();
    }

    @GET
    @Path("/{uploadFileKey}")
    public ContentView get(@PathParam("uploadFileKey") String uploadFileKey) {
        String key = AdminQuery.key("uploadFileKey", uploadFileKey);
        return (key == null ? Optional.<CatalogQueries.CatalogEntry>empty() : queries.content(key))
                .map(ContentView::of).orElseThrow(() -> new RejectedRequestException(404, "not_found",
                        "no content with upload file key " + uploadFileKey));
    }
}
