package org.kollussuite.lms.callback;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Set;

/**
 * A learner's scripted history on one content of 10 blocks: two sessions on two devices, a seek
 * back, a duplicate and an out-of-order resend. Its expected outcome, whatever the arrival order:
 * every block watched (100 %), playtime 700 + 450 = 1150, real playtime 600 + 400 = 1000, last
 * position 990 (the second session's furthest snapshot), two sessions, completed once.
 */
public record ViewingHistory(String user, String content, List<ObjectNode> snapshots) {

    public static final long FIRST_SESSION = 1_735_689_600L;
    public static final long SECOND_SESSION = FIRST_SESSION + 86_400;

    public static ViewingHistory of(String user, String content) {
        ObjectNode first1 = LmsClient.snapshot(user, content, FIRST_SESSION, 200, 200, 200, Set.of(0, 1));
        ObjectNode first2 = LmsClient.snapshot(user, content, FIRST_SESSION, 500, 500, 480, Set.of(0, 1, 2, 3, 4));
        // seek back to the start and watch again: playtime grows, real playtime a little, no new block
        ObjectNode first3 = LmsClient.snapshot(user, content, FIRST_SESSION, 700, 600, 150, Set.of(0, 1, 2, 3, 4));
        ObjectNode second1 = LmsClient.snapshot(user, content, SECOND_SESSION, 150, 150, 650, Set.of(5, 6));
        ObjectNode second2 = LmsClient.snapshot(user, content, SECOND_SESSION, 450, 400, 990, Set.of(5, 6, 7, 8, 9));
        return new ViewingHistory(user, content, List.of(first1, first2, first3, first2.deepCopy(), second1, second2,
                first1.deepCopy(), second2.deepCopy()));
    }
}
