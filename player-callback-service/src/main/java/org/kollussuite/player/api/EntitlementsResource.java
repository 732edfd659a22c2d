package org.kollussuite.player.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;
import org.kollussuite.commons.api.AdminInput;
import org.kollussuite.commons.api.Paging;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.player.domain.Entitlement;
import org.kollussuite.player.domain.EntitlementGrant;
import org.kollussuite.player.domain.Entitlements;
import org.kollussuite.player.persistence.EntitlementEntity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Entitlements for operators and the customer's back office: grant, list, revoke, bulk import. */
@Path("/api/v1/entitlements")
@Produces(MediaType.APPLICATION_JSON)
public class EntitlementsResource {

    /** The outcome of an import. */
    public record ImportResult(int lines, int imported) {
    }

    static final int MAX_REPORTED_PROBLEMS = 20;

    private final Entitlements entitlements;
    private final ObjectMapper mapper;

    public EntitlementsResource(Entitlements entitlements, ObjectMapper mapper) {
        this.entitlements = entitlements;
        this.mapper = mapper;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grant or update one entitlement; the same user, channel and content is the same entitlement")
    public EntitlementView upsert(EntitlementRequest request) {
        if (request == null) {
            throw RejectedRequestException.badRequest("invalid_entitlement", "a JSON object is required");
        }
        List<String> problems = problemsOf(request);
        if (!problems.isEmpty()) {
            throw Entitlements.invalid(problems);
        }
        return EntitlementView.of(entitlements.grant(grantOf(request)));
    }

    @GET
    @Operation(summary = "Entitlements, filtered by user, channel and content, oldest first")
    public List<EntitlementView> list(@RestQuery String clientUserId, @RestQuery String channel,
                                      @RestQuery String mediaContentKey, @QueryParam("limit") Integer limit,
                                      @QueryParam("offset") Integer offset) {
        AdminInput.text("clientUserId", clientUserId);
        AdminInput.text("channel", channel);
        AdminInput.text("mediaContentKey", mediaContentKey);
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (clientUserId != null && !clientUserId.isBlank()) {
            conditions.add("clientUserId = :user");
            parameters.and("user", clientUserId);
        }
        if (channel != null && !channel.isBlank()) {
            conditions.add("channelKey = :channel");
            parameters.and("channel", channel);
        }
        if (mediaContentKey != null) {
            conditions.add("mediaContentKey = :content");
            parameters.and("content", mediaContentKey.isBlank() ? Entitlement.WHOLE_CHANNEL : mediaContentKey);
        }
        int pageSize = Paging.limit(limit);
        int first = Paging.offset(offset);
        return EntitlementEntity.<EntitlementEntity>find(String.join(" and ", conditions), Sort.by("id"), parameters)
                .range(first, first + pageSize - 1).stream()
                .map(EntitlementView::of).toList();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an entitlement: it is kept, marked revoked, and stops granting within the cache bound")
    public EntitlementView revoke(@PathParam("id") long id) {
        return entitlements.revoke(id).map(EntitlementView::of).orElseThrow(() -> new RejectedRequestException(404,
                "not_found", "no entitlement " + id));
    }

    @POST
    @Path("/import")
    @Consumes({"application/x-ndjson", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Grant many entitlements from NDJSON, one object per line; all or nothing")
    public ImportResult importAll(InputStream body) throws IOException {
        List<EntitlementGrant> grants = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int invalidLines = 0;
        int lineNumber = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> lineProblems;
                EntitlementRequest request = null;
                try {
                    request = mapper.readValue(line, EntitlementRequest.class);
                    lineProblems = request == null ? List.of("not a JSON object") : problemsOf(request);
                } catch (JsonProcessingException e) {
                    lineProblems = List.of("not a valid entitlement: " + e.getOriginalMessage());
                }
                if (lineProblems.isEmpty()) {
                    grants.add(grantOf(request));
                } else {
                    invalidLines++;
                    if (problems.size() < MAX_REPORTED_PROBLEMS) {
                        problems.add("line " + lineNumber + ": " + String.join(", ", lineProblems));
                    }
                }
            }
        }
        if (invalidLines > 0) {
            throw RejectedRequestException.badRequest("invalid_import", invalidLines + " invalid line(s), nothing imported: "
                    + String.join("; ", problems));
        }
        if (grants.isEmpty()) {
            throw RejectedRequestException.badRequest("invalid_import", "the body holds no entitlement");
        }
        return new ImportResult(lineNumber, entitlements.grantAll(grants));
    }

    private List<String> problemsOf(EntitlementRequest request) {
        return entitlements.problems(request.clientUserId(), request.channel(), request.mediaContentKey(),
                request.validFrom(), request.validUntil());
    }

    private static EntitlementGrant grantOf(EntitlementRequest request) {
        String content = request.mediaContentKey() == null ? Entitlement.WHOLE_CHANNEL : request.mediaContentKey().strip();
        return new EntitlementGrant(request.clientUserId().strip(), request.channel().strip(), content,
                request.validFrom(), request.validUntil(), Boolean.TRUE.equals(request.downloadAllowed()));
    }
}
