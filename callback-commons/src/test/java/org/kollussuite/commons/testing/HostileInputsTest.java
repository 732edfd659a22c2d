package org.kollussuite.commons.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class HostileInputsTest {

    private static final List<String> NAMES = List.of("media_content_key", "kind");

    @Test
    void theSameSeedDrawsTheSameRequests() {
        assertEquals(draw(7, 300).stream().map(RawHttp.Request::toString).toList(),
                draw(7, 300).stream().map(RawHttp.Request::toString).toList());
    }

    @Test
    void aCiRunReachesNulHugeNumbersDeepNestingOversizedValuesAndTheEndpointsOwnNames() {
        List<String> bodies = draw(1, Fuzzing.CI_INPUTS).stream()
                .map(request -> request.target() + " " + new String(request.body(), StandardCharsets.UTF_8)).toList();
        assertTrue(bodies.stream().anyMatch(text -> text.contains("\u0000") || text.contains("%00")), "NUL");
        assertTrue(bodies.stream().anyMatch(text -> text.contains("18446744073709551617")), "beyond 64 bits");
        assertTrue(bodies.stream().anyMatch(text -> text.contains("[[[[[[[[[[[[[[[[[[[[[[[[[[[[")), "deep nesting");
        assertTrue(bodies.stream().anyMatch(text -> text.length() > 64 * 1024), "over a 64K body limit");
        assertTrue(bodies.stream().anyMatch(text -> text.contains("media_content_key=")), "own names in a form");
        assertTrue(bodies.stream().anyMatch(text -> text.contains("\"kind\":")), "own names in JSON");
    }

    @Test
    void everyQueryFitsTheRequestLineTheServerAccepts() {
        for (RawHttp.Request request : draw(3, Fuzzing.CI_INPUTS)) {
            assertTrue(RawHttp.sendable(request.target()).length() <= "/p?".length() + HostileInputs.MAX_QUERY,
                    request.toString());
        }
    }

    private static List<RawHttp.Request> draw(long seed, int count) {
        HostileInputs inputs = new HostileInputs(seed, NAMES);
        List<RawHttp.Request> drawn = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            drawn.add(inputs.request("POST", "/p"));
        }
        return drawn;
    }
}
