package org.kollussuite.console.client;

import io.quarkus.qute.TemplateData;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The JSON the four admin APIs answer, as far as the console reads it (unknown fields are ignored). */
public final class Views {

    private Views() {
    }

    /** A platform callback of the inbox. */
    @TemplateData
    public record Callback(long id, Instant receivedAt, String type, String status, String uploadFileKey,
                           String sourceAddress, Map<String, String> parameters, String error, String message,
                           Instant processedAt) {
    }

    /** A content of the catalog. */
    @TemplateData
    public record Content(String uploadFileKey, String filename, String fullFilename, String transcodingState,
                          String lastUpdateType, Instant uploadedAt, Instant transcodedAt, Instant createdAt,
                          Instant updatedAt, List<Membership> channels) {
    }

    /** A content's place in one channel. */
    @TemplateData
    public record Membership(String channelKey, String channelName, String mediaContentKey, List<String> profileKeys,
                             String state, Instant addedAt, Instant removedAt) {
    }

    /** A player callback refused by the service. */
    @TemplateData
    public record RejectedCallback(long id, Instant receivedAt, String callback, String channel, String error,
                                   String message, Map<String, String> parameters) {
    }

    /** An LMS callback lms-service answered but could not read or store, kept as received minus the token. */
    @TemplateData
    public record QuarantineEntry(long id, Instant receivedAt, String channel, String reason, String message,
                                  String status, boolean reappliable, String contentType,
                                  Map<String, String> parameters, String body, Instant appliedAt) {
    }

    /** What re-applying a channel's quarantine did: entries applied, and entries still quarantined. */
    @TemplateData
    public record Reapplied(int applied, int quarantined) {
    }

    /** An entitlement; {@code mediaContentKey} null is the whole channel. */
    @TemplateData
    public record Entitlement(long id, String clientUserId, String channel, String mediaContentKey, Instant validFrom,
                              Instant validUntil, boolean downloadAllowed, Instant revokedAt, Instant createdAt,
                              Instant updatedAt) {
    }

    /** The body of a grant. */
    @TemplateData
    public record EntitlementRequest(String clientUserId, String channel, String mediaContentKey, Instant validFrom,
                                     Instant validUntil, Boolean downloadAllowed) {
    }

    /** A learner's progress on one content. */
    @TemplateData
    public record Progress(String channel, String mediaContentKey, String clientUserId, int percent,
                           List<Integer> watchedBlocks, int watchedBlockCount, int blockCount, long playtime,
                           long realPlaytime, Integer lastPosition, Integer duration, int sessions, boolean completed,
                           Instant completedAt, Instant updatedAt) {
    }

    /** A content's learners, for its course owner. */
    @TemplateData
    public record ContentSummary(String channel, String mediaContentKey, long learners, double averagePercent,
                                 long completions) {
    }

    /** A webhook endpoint with its state and deliveries by status. */
    @TemplateData
    public record Endpoint(String name, String url, List<String> events, List<String> channels,
                           List<String> retrySchedule, String timeout, int maxInFlight, String state,
                           Instant disabledAt, String disabledReason, String circuit, int inFlight,
                           Map<String, Long> deliveries) {
    }

    /** A delivery; {@code attempts} only for one delivery. */
    @TemplateData
    public record Delivery(long id, String endpoint, UUID eventId, String eventType, String subject, String channel,
                           String status, int failedAttempts, Instant nextAttemptAt, Integer lastStatus,
                           String lastError, Instant createdAt, Instant deliveredAt, List<Attempt> attempts) {
    }

    /** One attempt of a delivery. */
    @TemplateData
    public record Attempt(Instant attemptedAt, Integer statusCode, int latencyMs, String response, String error) {
    }

    /** A replay of an endpoint's range. */
    @TemplateData
    public record Replay(long id, String endpoint, Instant since, Instant until, String status, int total,
                         int replayed, Instant createdAt, Instant finishedAt) {
    }

    /** The JSON error of every admin API. */
    @TemplateData
    public record ApiError(String error, String message) {
    }
}
