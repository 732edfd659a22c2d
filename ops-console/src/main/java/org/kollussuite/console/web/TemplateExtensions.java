package org.kollussuite.console.web;

import io.quarkus.qute.TemplateExtension;
import org.kollussuite.console.client.Views;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the templates compute from the APIs' values: an endpoint's count of one state, a block map, a body's start. */
@TemplateExtension
public final class TemplateExtensions {

    /** Characters of a quarantined body a row shows: enough to see what is wrong, short enough for a list. */
    private static final int BODY_EXCERPT = 300;

    private TemplateExtensions() {
    }

    /** The endpoint's deliveries in {@code state}, 0 when it has none. */
    static long count(Views.Endpoint endpoint, String state) {
        return endpoint.deliveries() == null ? 0 : endpoint.deliveries().getOrDefault(state, 0L);
    }

    /** One flag per block of the content, true where the learner watched it. */
    static List<Boolean> blocks(Views.Progress progress) {
        Set<Integer> watched = new HashSet<>(progress.watchedBlocks() == null ? List.of() : progress.watchedBlocks());
        List<Boolean> blocks = new ArrayList<>(progress.blockCount());
        for (int i = 0; i < progress.blockCount(); i++) {
            blocks.add(watched.contains(i));
        }
        return blocks;
    }

    /** The first {@link #BODY_EXCERPT} characters of the entry's body, marked when cut; never half a character. */
    static String bodyExcerpt(Views.QuarantineEntry entry) {
        String body = entry.body() == null ? "" : entry.body();
        if (body.codePointCount(0, body.length()) <= BODY_EXCERPT) {
            return body;
        }
        return body.substring(0, body.offsetByCodePoints(0, BODY_EXCERPT)) + "…";
    }
}
