package org.kollussuite.lms.domain;

import com.fasterxml.jackson.databind.JsonNode;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.config.Channel;

import java.util.Iterator;
import java.util.Map;

/**
 * Reads an LMS snapshot from the channel's JSON parameter ({@code LMS_JSON_PARAM}), falling back to
 * the plain parameters ({@code client_user_id}, {@code start_at}, ...) for what the JSON lacks, and
 * refuses what cannot be a real viewing: negative or absurd numbers, blocks beyond the block count.
 * Unknown fields are ignored.
 */
public final class SnapshotReader {

    /** Thirty days: a session reporting more playtime than this is not a viewing. */
    static final long MAX_PLAYTIME = 30L * 24 * 3600;
    /** Positions may run a little past the duration the player reports. */
    static final int POSITION_SLACK = 5;

    static final int MAX_KEY_LENGTH = 200;

    private final int maxBlockCount;

    public SnapshotReader(int maxBlockCount) {
        this.maxBlockCount = maxBlockCount;
    }

    public Snapshot read(Channel channel, CallbackParameters parameters) {
        String name = channel.lmsJsonParam();
        String text = parameters.jsonText(name).orElseThrow(() ->
                RejectedRequestException.badRequest("missing_parameter", name + " (the LMS JSON document) is required"));
        JsonNode document = CallbackParameters.parseJson(name, text);
        if (!document.isObject()) {
            throw RejectedRequestException.badRequest("malformed_json", name + " must be a JSON object");
        }
        JsonNode user = document.path("user_info");
        JsonNode content = document.path("content_info");
        JsonNode blocks = document.path("block_info");

        String clientUserId = text(user, "client_user_id", parameters, "client_user_id");
        String contentKey = text(content, "media_content_key", parameters, "media_content_key");
        Long startAt = integer(content, "start_at", parameters, "start_at");
        if (startAt == null) {
            throw RejectedRequestException.badRequest("missing_parameter", "start_at (the session) is required");
        }
        long playtime = orZero(integer(content, "playtime", parameters, "playtime"));
        long realPlaytime = orZero(integer(content, "real_playtime", parameters, "real_playtime"));
        Long position = integer(content, "last_play_at", parameters, "last_play_at");
        Long duration = integer(content, "duration", parameters, "duration");
        Long blockCount = integer(blocks, "block_count", parameters, "block_count");

        atLeast("start_at", startAt, 0);
        atLeast("playtime", playtime, 0);
        atLeast("real_playtime", realPlaytime, 0);
        atMost("playtime", playtime, MAX_PLAYTIME);
        atMost("real_playtime", realPlaytime, MAX_PLAYTIME);
        if (duration != null) {
            atLeast("duration", duration, 1);
            atMost("duration", duration, Integer.MAX_VALUE);
        }
        if (position != null) {
            atLeast("last_play_at", position, 0);
            atMost("last_play_at", position, duration == null ? Integer.MAX_VALUE : duration + POSITION_SLACK);
        }
        int count = blockCount == null ? 0 : (int) Math.min(blockCount, Integer.MAX_VALUE);
        if (blockCount != null) {
            atLeast("block_count", blockCount, 1);
            atMost("block_count", blockCount, maxBlockCount);
        }
        boolean[] watched = new boolean[count];
        int[] time = new int[count];
        int[] percent = new int[count];
        readBlocks(blocks.path("blocks"), count, watched, time, percent);
        // A NUL stored in a session would fail the whole batch, other learners' snapshots included.
        String playerId = truncate(textOrNull(user.get("player_id")));
        CallbackParameters.requireStorable("player_id", playerId);

        return new Snapshot(new ProgressKey(channel.key(), contentKey, clientUserId), startAt, playtime, realPlaytime,
                position == null ? null : position.intValue(), duration == null ? null : duration.intValue(), count,
                watched, time, percent, playerId, text);
    }

    private static void readBlocks(JsonNode blocks, int count, boolean[] watched, int[] time, int[] percent) {
        if (!blocks.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = blocks.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            long index = blockIndex(field.getKey());
            if (index < 0) {
                continue;
            }
            if (index >= count) {
                throw RejectedRequestException.badRequest("invalid_parameter", "block " + field.getKey()
                        + " is beyond block_count " + count);
            }
            Long value = CallbackParameters.integer(field.getValue(), field.getKey());
            if (value == null) {
                continue;
            }
            int i = (int) index;
            switch (field.getKey().charAt(0)) {
                case 'b' -> {
                    if (value != 0 && value != 1) {
                        throw RejectedRequestException.badRequest("invalid_parameter", field.getKey() + " must be 0 or 1, was " + value);
                    }
                    watched[i] = value == 1;
                }
                case 't' -> {
                    atLeast(field.getKey(), value, 0);
                    atMost(field.getKey(), value, MAX_PLAYTIME);
                    time[i] = value.intValue();
                }
                default -> {
                    atLeast(field.getKey(), value, 0);
                    atMost(field.getKey(), value, 100);
                    percent[i] = value.intValue();
                }
            }
        }
    }

    /**
     * The block index of a field named {@code b<n>}, {@code t<n>} or {@code p<n>} (watched, time, percent),
     * capped at {@link Integer#MAX_VALUE}; -1 for any other field. Every snapshot has dozens of these, so
     * they are read without a regular expression.
     */
    static long blockIndex(String field) {
        if (field.length() < 2 || "btp".indexOf(field.charAt(0)) < 0) {
            return -1;
        }
        long index = 0;
        for (int i = 1; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            index = Math.min(Integer.MAX_VALUE, index * 10 + (c - '0'));
        }
        return index;
    }

    private static String text(JsonNode section, String field, CallbackParameters parameters, String parameter) {
        String value = textOrNull(section.get(field));
        if (value == null || value.isBlank()) {
            value = parameters.get(parameter).orElse(null);
        }
        if (value == null || value.isBlank()) {
            throw RejectedRequestException.badRequest("missing_parameter", field + " is required");
        }
        if (value.length() > MAX_KEY_LENGTH) {
            throw RejectedRequestException.badRequest("invalid_parameter", field + " is longer than " + MAX_KEY_LENGTH
                    + " characters");
        }
        CallbackParameters.requireStorable(field, value);
        return value.strip();
    }

    private static Long integer(JsonNode section, String field, CallbackParameters parameters, String parameter) {
        Long value = CallbackParameters.integer(section.get(field), field);
        return value != null ? value : parameters.integer(parameter).orElse(null);
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    private static String truncate(String value) {
        return value == null || value.length() <= MAX_KEY_LENGTH ? value : value.substring(0, MAX_KEY_LENGTH);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static void atLeast(String field, long value, long min) {
        if (value < min) {
            throw RejectedRequestException.badRequest("invalid_parameter", field + " must be at least " + min + ", was " + value);
        }
    }

    private static void atMost(String field, long value, long max) {
        if (value > max) {
            throw RejectedRequestException.badRequest("invalid_parameter", field + " must be at most " + max + ", was " + value);
        }
    }
}
