package org.kollussuite.lms.mapping;

import org.kollussuite.commons.config.Channel;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How one channel's LMS snapshots are read and counted: the parameter carrying Kollus' JSON document,
 * the flat parameters of every value (tried in order, for what the document lacks), the flat block keys
 * and the progress basis.
 *
 * @param watchedKey null when the channel sends no flat watched flags ({@code -}); likewise time and percent
 */
public record ChannelMapping(Channel channel, String jsonParam, Map<LmsField, List<String>> parameters,
                             BlockKey watchedKey, BlockKey timeKey, BlockKey percentKey, ProgressBasis basis,
                             int completionPercent, int progressStep) {

    public ChannelMapping {
        parameters = new EnumMap<>(parameters);
    }

    /** The flat parameters of {@code field}, in the order they are tried. */
    public List<String> parameters(LmsField field) {
        return parameters.get(field);
    }

    /** Whether the channel sends any flat block key. */
    public boolean hasFlatBlocks() {
        return watchedKey != null || timeKey != null || percentKey != null;
    }
}
