package org.kollussuite.notifier.config;

import io.quarkus.runtime.configuration.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading {@code NOTIFIER_REPLAY_MAX_RANGE}. */
class ReplayLimitTest {

    @Test
    void theDefaultMaximumReplayRangeIsThirtyOneDays() {
        assertEquals(Duration.ofDays(31), ReplayLimit.parse(ReplayLimit.DEFAULT));
        assertEquals(Duration.ofHours(12), ReplayLimit.parse(" PT12H "));
    }

    @Test
    void anUnreadableZeroOrNegativeMaximumStopsTheServiceNamingTheVariable() {
        for (String bad : new String[]{"31 days", "P1M", "", "PT0S", "-P1D"}) {
            ConfigurationException refused = assertThrows(ConfigurationException.class, () -> ReplayLimit.parse(bad), bad);
            assertTrue(refused.getMessage().startsWith("NOTIFIER_REPLAY_MAX_RANGE: "), refused.getMessage());
        }
    }
}
