package org.kollussuite.console.client;

import io.quarkus.qute.TemplateData;

/** The four services the console reads from, as operators name them. */
@TemplateData
public enum Service {

    PLATFORM("platform-callback-service"),
    PLAYER("player-callback-service"),
    LMS("lms-service"),
    NOTIFIER("notifier-service");

    private final String label;

    Service(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A stable id for pages and tests, e.g. {@code notifier}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
