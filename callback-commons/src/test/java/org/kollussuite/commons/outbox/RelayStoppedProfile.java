package org.kollussuite.commons.outbox;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** An instance whose relay never runs by itself: committed events stay pending, as after a crash. */
public class RelayStoppedProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("outbox.relay-enabled", "false");
    }
}
