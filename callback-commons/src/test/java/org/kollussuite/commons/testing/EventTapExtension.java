package org.kollussuite.commons.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Opens an {@link EventTap} before each test and closes it after: {@code @RegisterExtension EventTapExtension events = ...}. */
public final class EventTapExtension implements BeforeEachCallback, AfterEachCallback {

    private final String[] routingPatterns;
    private EventTap tap;

    private EventTapExtension(String[] routingPatterns) {
        this.routingPatterns = routingPatterns;
    }

    public static EventTapExtension on(String... routingPatterns) {
        return new EventTapExtension(routingPatterns);
    }

    /** The tap of the running test. */
    public EventTap tap() {
        return tap;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        tap = EventTap.open(routingPatterns);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        tap.close();
    }
}
