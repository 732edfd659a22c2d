package org.kollussuite.platform.domain;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a content stands in Kollus' pipeline, as far as its callbacks told us. */
public enum TranscodingState {
    /** Known only from a channel callback so far. */
    UNKNOWN,
    UPLOADED,
    TRANSCODED,
    TRANSCODING_FAILED;

    /** The API spelling: {@code uploaded}, {@code transcoded}, {@code transcoding-failed}, {@code unknown}. */
    @JsonValue
    public String apiName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<TranscodingState> fromApiName(String name) {
        return Arrays.stream(values()).filter(s -> s.apiName().equalsIgnoreCase(name)).findFirst();
    }
}
