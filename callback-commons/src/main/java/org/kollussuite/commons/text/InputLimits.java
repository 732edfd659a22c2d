package org.kollussuite.commons.text;

import org.kollussuite.commons.api.RejectedRequestException;

import java.util.Map;
import java.util.Optional;

/**
 * The longest value, in characters, of every field the suite keeps (the contract's bounded input); a longer
 * one is refused at the edge with 400 {@code invalid_parameter}, before it is cached, stored or counted.
 */
public final class InputLimits {

    /** Keys and ids: account, upload, content and channel keys, user, player, hardware and session ids. */
    public static final int KEY = 200;
    /** Short values: update type, transcoding result, device and host names, encoding profile. */
    public static final int SHORT = 200;
    public static final int CHANNEL_NAME = 500;
    public static final int FILENAME = 1000;
    /** Full file names and a whole {@code profile_key} list. */
    public static final int LONG = 2000;

    private static final Map<String, Integer> BY_FIELD = Map.ofEntries(
            Map.entry("content_provider_key", KEY), Map.entry("upload_file_key", KEY),
            Map.entry("media_content_key", KEY), Map.entry("channel_key", KEY), Map.entry("client_user_id", KEY),
            Map.entry("player_id", KEY), Map.entry("hardware_id", KEY), Map.entry("session_key", KEY),
            Map.entry("update_type", SHORT), Map.entry("transcoding_result", SHORT), Map.entry("device_name", SHORT),
            Map.entry("device", SHORT), Map.entry("host_name", SHORT), Map.entry("encoding_profile", SHORT),
            Map.entry("channel_name", CHANNEL_NAME), Map.entry("filename", FILENAME),
            Map.entry("full_filename", LONG), Map.entry("profile_key", LONG));

    private InputLimits() {
    }

    /** The limit of a field Kollus names {@code field}; empty for a field kept only inside its request's record. */
    public static Optional<Integer> of(String field) {
        return Optional.ofNullable(BY_FIELD.get(field));
    }

    /** {@code value}, or a 400 {@code invalid_parameter} refusal when it is longer than {@code max} characters. */
    public static String require(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw RejectedRequestException.badRequest("invalid_parameter",
                    field + " is " + value.length() + " characters long, at most " + max + " are accepted");
        }
        return value;
    }

    /** The same, with the field's own limit when it has one. */
    public static String require(String field, String value) {
        return of(field).map(max -> require(field, value, max)).orElse(value);
    }
}
