package org.kollussuite.lms.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.text.StorableText;
import org.kollussuite.lms.domain.UnreadableSnapshotException.Reason;
import org.kollussuite.lms.mapping.BlockKey;
import org.kollussuite.lms.mapping.ChannelMapping;
import org.kollussuite.lms.mapping.LmsField;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads an LMS snapshot the way its channel sends it (kollus-callbacks.md §9.12, §9.13): values from
 * Kollus' JSON document under the channel's {@code LMS_JSON_PARAM} first, then from the channel's flat
 * parameters for what the document lacks (or for everything, when it sends none). Imperfect values are
 * normalized and the rule noted on the snapshot; only a snapshot without a user, content or session, or
 * with a value that is no number at all, overflows 64 bits or its column, or breaks the suite's bounded
 * input, is unreadable ({@link UnreadableSnapshotException}), to be quarantined.
 */
public final class SnapshotReader {

    /** Thirty days: no session plays longer, and sums of capped sessions cannot overflow. */
    static final long MAX_PLAYTIME = 30L * 24 * 3600;
    static final int MAX_KEY_LENGTH = 200;
    /** Ids read nowhere but stored with the session's document: bounded as keys (suite contract §7). */
    static final List<String> BOUNDED_IDS = List.of("content_provider_key", "hardware_id", "session_key", "channel_key");
    /** Short values stored with the session's document, bounded as the suite contract's §7 says. */
    static final List<String> BOUNDED_VALUES = List.of("device", "device_name", "host_name", "encoding_profile");
    private static final String BLOCK_INFO = "block_info";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int maxBlockCount;

    public SnapshotReader(int maxBlockCount) {
        this.maxBlockCount = maxBlockCount;
    }

    /** The snapshot {@code request} carries, read with {@code mapping}. */
    public Snapshot read(ChannelMapping mapping, SnapshotRequest request) {
        return read(mapping, request.parameters());
    }

    /** The snapshot {@code parameters} carry, read with {@code mapping}. */
    public Snapshot read(ChannelMapping mapping, CallbackParameters parameters) {
        Reading reading = new Reading(mapping, parameters);
        JsonNode document = reading.document;
        String clientUserId = reading.key(LmsField.CLIENT_USER_ID, true);
        String contentKey = reading.key(LmsField.MEDIA_CONTENT_KEY, true);
        Long startAt = reading.number(LmsField.START_AT);
        if (startAt == null) {
            throw new UnreadableSnapshotException(Reason.MISSING_PARAMETER,
                    "start_at (the session) is missing; read from " + reading.sources(LmsField.START_AT));
        }
        long session = reading.atLeastZero(startAt);
        long playtime = reading.time(reading.number(LmsField.PLAYTIME));
        long realPlaytime = reading.time(reading.number(LmsField.REAL_PLAYTIME));
        Integer duration = reading.position("duration", reading.number(LmsField.DURATION));
        Integer position = reading.position("last_play_at", reading.number(LmsField.LAST_PLAY_AT));
        if (position != null && duration != null && position > duration) {
            position = duration;
            reading.note(Normalization.POSITION_CLAMPED);
        }
        Long playtimePercentValue = reading.number(LmsField.PLAYTIME_PERCENT);
        Integer playtimePercent = playtimePercentValue == null ? null : reading.percent(playtimePercentValue);

        Blocks blocks = reading.blocks();
        String playerId = reading.playerId();
        reading.boundedFields();
        return new Snapshot(new ProgressKey(mapping.channel().key(), contentKey, clientUserId), session, playtime,
                realPlaytime, position, duration, playtimePercent, blocks.count, blocks.watched, blocks.time,
                blocks.percent, playerId, reading.raw(), reading.normalized);
    }

    /** Watched flags, times and percents of a snapshot's blocks; a count of 0 is no block information. */
    private record Blocks(int count, boolean[] watched, int[] time, int[] percent) {

        static Blocks of(int count) {
            return new Blocks(count, new boolean[count], new int[count], new int[count]);
        }
    }

    /** One snapshot being read: its sources and the normalizations applied so far. */
    private final class Reading {

        final ChannelMapping mapping;
        final CallbackParameters parameters;
        final JsonNode document;
        final String documentText;
        int normalized;

        Reading(ChannelMapping mapping, CallbackParameters parameters) {
            this.mapping = mapping;
            this.parameters = parameters;
            String name = mapping.jsonParam();
            String text;
            try {
                text = parameters.jsonText(name).orElse(null);
            } catch (RejectedRequestException e) {
                throw new UnreadableSnapshotException(Reason.MALFORMED_JSON, e.getMessage());
            }
            if (text == null) {
                this.document = MissingNode.getInstance();
                this.documentText = null;
                return;
            }
            JsonNode parsed;
            try {
                parsed = CallbackParameters.parseJson(name, text);
            } catch (RejectedRequestException e) {
                throw new UnreadableSnapshotException(Reason.MALFORMED_JSON, e.getMessage());
            }
            if (!parsed.isObject()) {
                throw new UnreadableSnapshotException(Reason.MALFORMED_JSON, name + " must be a JSON object");
            }
            // The document is stored with its session; decoded a second time it may hold what the form could not.
            if (StorableText.hasControlCharacter(text)) {
                throw new UnreadableSnapshotException(Reason.INVALID_PARAMETER,
                        name + " holds a control character, which is never stored");
            }
            this.document = parsed;
            this.documentText = text;
        }

        void note(Normalization rule) {
            normalized |= rule.bit();
        }

        /** The value of {@code field}: the document's, else the first flat parameter present; null when absent. */
        JsonNode value(LmsField field) {
            JsonNode section = document.path(field.section());
            for (String name : field.documentNames()) {
                JsonNode node = section.get(name);
                if (present(node)) {
                    return node;
                }
            }
            return flat(field);
        }

        String sources(LmsField field) {
            String flat = String.join(", ", mapping.parameters(field));
            return document.isMissingNode() ? "parameters " + flat
                    : mapping.jsonParam() + "." + field.section() + "." + field.documentNames().get(0) + " or parameters " + flat;
        }

        /** A key (user id, content key) of the snapshot, stripped and bounded; required or null. */
        String key(LmsField field, boolean required) {
            JsonNode node = value(field);
            String value = node == null ? null : node.isTextual() ? node.textValue().strip() : node.toString();
            if (value == null || value.isEmpty()) {
                if (!required) {
                    return null;
                }
                throw new UnreadableSnapshotException(Reason.MISSING_PARAMETER,
                        field.documentNames().get(0) + " is missing; read from " + sources(field));
            }
            return bounded(field.documentNames().get(0), value);
        }

        String playerId() {
            JsonNode node = document.path("user_info").get("player_id");
            String value = present(node) ? node.asText().strip() : parameters.asMap().get("player_id");
            return value == null || value.isBlank() ? null : bounded("player_id", value.strip());
        }

        /** Every §7 field the snapshot carries, in any section of the document or as a flat parameter. */
        void boundedFields() {
            for (String name : BOUNDED_IDS) {
                boundedField(name, true);
            }
            for (String name : BOUNDED_VALUES) {
                boundedField(name, false);
            }
        }

        private void boundedField(String name, boolean id) {
            Iterator<Map.Entry<String, JsonNode>> sections = document.fields();
            while (sections.hasNext()) {
                JsonNode node = sections.next().getValue().get(name);
                if (node != null) {
                    bounded(name, node.isTextual() ? node.textValue() : node.toString(), id);
                }
            }
            String flat = parameters.asMap().get(name);
            if (flat != null) {
                bounded(name, flat, id);
            }
        }

        private String bounded(String name, String value) {
            return bounded(name, value, true);
        }

        /** {@code value} when it is storable as it is: a tab or line break is refused in an id only. */
        private String bounded(String name, String value, boolean id) {
            if (value.length() > MAX_KEY_LENGTH) {
                throw new UnreadableSnapshotException(Reason.INVALID_PARAMETER,
                        name + " is longer than " + MAX_KEY_LENGTH + " characters");
            }
            if (StorableText.hasControlCharacter(value) || id && (value.indexOf('\t') >= 0 || value.indexOf('\n') >= 0
                    || value.indexOf('\r') >= 0)) {
                throw new UnreadableSnapshotException(Reason.INVALID_PARAMETER, name + " holds a control character");
            }
            if (hasLoneSurrogate(value)) {
                // PostgreSQL's driver would store it as '?': another value than the one received.
                throw new UnreadableSnapshotException(Reason.INVALID_PARAMETER, name + " is not valid Unicode");
            }
            return value;
        }

        Long number(LmsField field) {
            return number(field.documentNames().get(0), value(field));
        }

        /**
         * A JSON number, a numeric string or a boolean, a fraction truncated; null when absent or empty.
         * Anything else, or a value beyond 64 bits, makes the snapshot unreadable.
         */
        Long number(String name, JsonNode node) {
            if (!present(node)) {
                return null;
            }
            if (node.isBoolean()) {
                return node.booleanValue() ? 1L : 0L;
            }
            if (node.isIntegralNumber()) {
                if (!node.canConvertToLong()) {
                    throw overflow(name, node.asText());
                }
                return node.longValue();
            }
            if (node.isNumber()) {
                if (node.isFloatingPointNumber() && !node.isBigDecimal() && !Double.isFinite(node.doubleValue())) {
                    // NaN, or a number too large for a double (1e400): no integer at all, let alone a 64-bit one.
                    throw overflow(name, node.asText());
                }
                return truncated(name, node.decimalValue());
            }
            if (node.isTextual()) {
                String text = node.textValue().strip();
                if (text.isEmpty()) {
                    return null;
                }
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    try {
                        return truncated(name, new BigDecimal(text));
                    } catch (NumberFormatException notANumber) {
                        throw new UnreadableSnapshotException(Reason.INVALID_NUMBER, name + ": '"
                                + abbreviate(text) + "' is not a number");
                    }
                }
            }
            throw new UnreadableSnapshotException(Reason.INVALID_NUMBER, name + ": a number is expected");
        }

        private long truncated(String name, BigDecimal value) {
            // Digits before the point, without building the integer: 1e999999999 is refused, not computed.
            if (value.precision() - value.scale() > 19) {
                throw overflow(name, value.toString());
            }
            BigDecimal whole = value.setScale(0, RoundingMode.DOWN);
            if (whole.compareTo(value) != 0) {
                note(Normalization.FRACTION_TRUNCATED);
            }
            try {
                return whole.longValueExact();
            } catch (ArithmeticException e) {
                throw overflow(name, value.toPlainString());
            }
        }

        /** Refuses {@code value}, named in the reason so that an operator sees what was sent, never a wrapped value. */
        private UnreadableSnapshotException overflow(String name, String value) {
            return new UnreadableSnapshotException(Reason.INVALID_NUMBER,
                    name + " " + abbreviate(value) + " does not fit a signed 64-bit integer");
        }

        long atLeastZero(long value) {
            if (value < 0) {
                note(Normalization.NEGATIVE_ZEROED);
                return 0;
            }
            return value;
        }

        /** A session time: 0 when absent or negative, capped at {@link #MAX_PLAYTIME}. */
        long time(Long value) {
            long time = value == null ? 0 : atLeastZero(value);
            if (time > MAX_PLAYTIME) {
                note(Normalization.VALUE_CAPPED);
                return MAX_PLAYTIME;
            }
            return time;
        }

        /**
         * A position or duration in seconds, null staying null. One beyond what the int columns hold is refused,
         * never saturated: no content lasts 68 years, so such a value says the snapshot is not what it claims.
         */
        Integer position(String name, Long value) {
            if (value == null) {
                return null;
            }
            long position = atLeastZero(value);
            if (position > Integer.MAX_VALUE) {
                throw new UnreadableSnapshotException(Reason.INVALID_NUMBER,
                        name + " is beyond " + Integer.MAX_VALUE + " seconds");
            }
            return (int) position;
        }

        int percent(long value) {
            long percent = atLeastZero(value);
            if (percent > 100) {
                note(Normalization.PERCENT_CLAMPED);
                return 100;
            }
            return (int) percent;
        }

        /** The blocks from the document's {@code block_info}, else from the channel's flat block keys. */
        Blocks blocks() {
            JsonNode info = document.path(BLOCK_INFO);
            boolean fromDocument = info.isObject();
            if (!fromDocument && !mapping.hasFlatBlocks()) {
                return Blocks.of(0);
            }
            JsonNode declared = fromDocument ? info.get("block_count") : null;
            Long count = present(declared) ? number("block_count", declared) : null;
            if (count == null) {
                count = number(LmsField.BLOCK_COUNT.documentNames().get(0), flat(LmsField.BLOCK_COUNT));
            }
            JsonNode documentBlocks = info.path("blocks");
            if (count == null) {
                count = (long) (fromDocument ? consecutive(documentBlocks) : consecutive());
            }
            if (count < 0) {
                note(Normalization.NEGATIVE_ZEROED);
                return Blocks.of(0);
            }
            if (count > maxBlockCount) {
                note(Normalization.BLOCK_COUNT_OVER_LIMIT);
                return Blocks.of(0);
            }
            Blocks blocks = Blocks.of(count.intValue());
            if (fromDocument) {
                if (documentBlocks.isObject()) {
                    Iterator<Map.Entry<String, JsonNode>> fields = documentBlocks.fields();
                    while (fields.hasNext()) {
                        Map.Entry<String, JsonNode> field = fields.next();
                        long index = blockIndex(field.getKey());
                        if (index >= 0) {
                            block(blocks, field.getKey().charAt(0), index, field.getKey(), field.getValue());
                        }
                    }
                }
            } else {
                parameters.asMap().forEach((name, value) -> {
                    flatBlock(blocks, 'b', mapping.watchedKey(), name, value);
                    flatBlock(blocks, 't', mapping.timeKey(), name, value);
                    flatBlock(blocks, 'p', mapping.percentKey(), name, value);
                });
            }
            return blocks;
        }

        /** The first of the channel's flat parameters of {@code field} that is present; null when none is. */
        private JsonNode flat(LmsField field) {
            for (String name : mapping.parameters(field)) {
                String value = parameters.asMap().get(name);
                if (value != null && !value.isBlank()) {
                    return TextNode.valueOf(value);
                }
            }
            return null;
        }

        private void flatBlock(Blocks blocks, char kind, BlockKey key, String name, String value) {
            if (key == null) {
                return;
            }
            long index = key.index(name);
            if (index >= 0) {
                block(blocks, kind, index, name, TextNode.valueOf(value));
            }
        }

        private void block(Blocks blocks, char kind, long index, String name, JsonNode node) {
            Long value = number(name, node);
            if (value == null) {
                return;
            }
            if (index >= blocks.count()) {
                note(Normalization.BLOCK_OUT_OF_RANGE);
                return;
            }
            int i = (int) index;
            switch (kind) {
                case 'b' -> {
                    if (value != 0 && value != 1) {
                        note(Normalization.FLAG_NONZERO);
                    }
                    blocks.watched()[i] = value != 0;
                }
                case 't' -> blocks.time()[i] = (int) time(value);
                default -> blocks.percent()[i] = percent(value);
            }
        }

        /** How many block indexes from 0 on the document's blocks hold without a gap. */
        private int consecutive(JsonNode blocks) {
            int count = 0;
            while (count <= maxBlockCount && (blocks.has("b" + count) || blocks.has("t" + count) || blocks.has("p" + count))) {
                count++;
            }
            return count;
        }

        /** How many block indexes from 0 on the flat parameters hold without a gap. */
        private int consecutive() {
            Map<String, String> values = parameters.asMap();
            int count = 0;
            while (count <= maxBlockCount && (has(values, mapping.watchedKey(), count) || has(values, mapping.timeKey(), count)
                    || has(values, mapping.percentKey(), count))) {
                count++;
            }
            return count;
        }

        private static boolean has(Map<String, String> values, BlockKey key, int index) {
            return key != null && values.containsKey(key.name(index));
        }

        /** What the session keeps of the snapshot: the JSON document as received, else the flat parameters as JSON. */
        String raw() {
            if (documentText != null) {
                return documentText;
            }
            try {
                return JSON.writeValueAsString(parameters.asMap());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a map of strings is always writable", e);
            }
        }
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode() && !(node.isTextual() && node.textValue().isBlank());
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    /**
     * The block index of a document field named {@code b<n>}, {@code t<n>} or {@code p<n>} (watched, time,
     * percent), capped at {@link Integer#MAX_VALUE}; -1 for any other field. Every snapshot has dozens of
     * these, so they are read without a regular expression.
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
}
