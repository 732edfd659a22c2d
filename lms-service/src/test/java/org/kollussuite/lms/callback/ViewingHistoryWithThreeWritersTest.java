package org.kollussuite.lms.callback;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The viewing histories again with three batch writers, each applying its own share of the learners. */
@QuarkusTest
@TestProfile(ViewingHistoryWithThreeWritersTest.ThreeWriters.class)
class ViewingHistoryWithThreeWritersTest extends ViewingHistoryTest {

    /** {@code LMS_WRITERS=3}. */
    public static class ThreeWriters implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lms.writers", "3");
        }
    }

    @Test
    void threeWritersApplySnapshots() {
        Set<String> threads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .collect(Collectors.toSet());

        assertTrue(threads.containsAll(Set.of("lms-batch-writer-0", "lms-batch-writer-1", "lms-batch-writer-2")),
                "writer threads: " + threads.stream().filter(name -> name.startsWith("lms-batch")).toList());
    }
}
