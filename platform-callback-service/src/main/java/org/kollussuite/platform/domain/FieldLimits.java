package org.kollussuite.platform.domain;

import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.text.InputLimits;

import java.util.List;

import static org.kollussuite.platform.domain.Parameters.*;

/**
 * The bounds of the platform callback fields (suite contract §7), which {@link InputLimits} holds for the
 * whole suite and {@link CallbackParameters} applies to every parameter it reads; they equal the catalog
 * columns that keep the fields (V1__inbox_and_catalog.sql), so a callback is refused at receipt rather than
 * accepted and then failing to reach the catalog. What the platform adds is the bound of each profile key.
 */
public final class FieldLimits {

    /** The platform's bounded fields; any other parameter is kept only in the inbox record of its callback. */
    public static final List<String> FIELDS = List.of(CONTENT_PROVIDER_KEY, UPLOAD_FILE_KEY, MEDIA_CONTENT_KEY,
            CHANNEL_KEY, UPDATE_TYPE, TRANSCODING_RESULT, CHANNEL_NAME, FILENAME, FULL_FILENAME, PROFILE_KEY);

    private FieldLimits() {
    }

    /** The longest value of {@code field}, in characters. */
    public static int of(String field) {
        return InputLimits.of(field).orElseThrow(() -> new IllegalArgumentException(field + " has no limit"));
    }

    /** Refuses, with 400 {@code invalid_parameter}, a key of {@code profile_key} longer than {@link InputLimits#KEY}. */
    public static void check(CallbackParameters parameters) {
        for (String profileKey : Catalog.profileKeys(parameters.get(PROFILE_KEY).orElse(null))) {
            if (profileKey.length() > InputLimits.KEY) {
                throw RejectedRequestException.badRequest("invalid_parameter", "a key of profile_key is "
                        + profileKey.length() + " characters long, at most " + InputLimits.KEY + " are accepted");
            }
        }
    }
}
