package org.kollussuite.simulator.wire;

import java.util.Arrays;
import java.util.Locale;

/** How a channel's LMS callback carries a snapshot, as the channel's settings in the Kollus console make it. */
public enum LmsShape {
    /** Kollus' standard template: the JSON document, and {@code client_user_id} and {@code start_at} flat. */
    DOCUMENT(true),
    /** Renamed flat parameters only, no document: {@code ID}, {@code MCK}, {@code TM}, ..., blocks 1-based. */
    FLAT(true),
    /** The document of a channel with block information switched off: no {@code block_info}. */
    NO_BLOCKS(false);

    private final boolean blockInfo;

    LmsShape(boolean blockInfo) {
        this.blockInfo = blockInfo;
    }

    /** Whether snapshots carry the blocks, from which the suite then computes the progress. */
    public boolean blockInfo() {
        return blockInfo;
    }

    /** The name used in options and output: lower case, words joined by a hyphen. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The shape labelled {@code label}, or null when there is none. */
    public static LmsShape fromLabel(String label) {
        return Arrays.stream(values()).filter(shape -> shape.label().equals(label)).findFirst().orElse(null);
    }
}
