package org.kollussuite.simulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kollussuite.simulator.http.Answer;
import org.kollussuite.simulator.http.CallbackClient;
import org.kollussuite.simulator.wire.Form;
import org.kollussuite.simulator.wire.SuiteTarget;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The suite's admin APIs the simulation needs around Kollus' calls (suite-contract.md §6): granting
 * the simulated viewers their entitlements, as a CMS would, and reading the progress the LMS service
 * computed.
 */
public final class SuiteAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final SuiteTarget target;
    private final CallbackClient client;

    public SuiteAdmin(SuiteTarget target, CallbackClient client) {
        this.target = target;
        this.client = client;
    }

    /** Grants each user the whole channel, downloads included, for a day, in one import. */
    public Answer entitle(List<String> clientUserIds) {
        Instant now = Instant.now();
        String ndjson = clientUserIds.stream().map(user -> {
            ObjectNode entitlement = JSON.createObjectNode()
                    .put("clientUserId", user)
                    .put("channel", target.channelKey())
                    .put("validFrom", now.minus(Duration.ofHours(1)).toString())
                    .put("validUntil", now.plus(Duration.ofDays(1)).toString())
                    .put("downloadAllowed", true);
            return entitlement.toString();
        }).collect(Collectors.joining("\n", "", "\n"));
        return client.exchange(request(target.playerUrl(), "/api/v1/entitlements/import")
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson))
                .build()).join();
    }

    /** The LMS service's progress of one learner on one content, or null when it cannot be read. */
    public JsonNode progress(String mediaContentKey, String clientUserId) {
        Answer answer = client.exchange(request(target.lmsUrl(), "/api/v1/progress/" + Form.encodeSegment(target.channelKey())
                + "/" + Form.encodeSegment(mediaContentKey) + "/" + Form.encodeSegment(clientUserId)).GET().build()).join();
        if (!answer.ok()) {
            return null;
        }
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            return null;
        }
    }

    private HttpRequest.Builder request(URI base, String path) {
        return HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/+$", "") + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + target.adminToken());
    }
}
