package org.kollussuite.simulator.wire;

import java.util.Arrays;
import java.util.Locale;

/** The kinds of callback Kollus sends, as named on the command line and in reports. */
public enum CallbackType {
    PLATFORM, PLAY, DRM, LMS, NEXT_EPISODE;

    /** The name used in options and reports: lower case, words joined by a hyphen. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The type labelled {@code label}, or null when there is none. */
    public static CallbackType fromLabel(String label) {
        return Arrays.stream(values()).filter(type -> type.label().equals(label)).findFirst().orElse(null);
    }
}
