package org.kollussuite.endtoend;

import java.nio.file.Path;

/** The four services of the suite: the module whose fast-jar is started and the database it owns here. */
enum SuiteService {

    PLATFORM("platform-callback-service", "kollus_e2e_platform"),
    PLAYER("player-callback-service", "kollus_e2e_player"),
    LMS("lms-service", "kollus_e2e_lms"),
    NOTIFIER("notifier-service", "kollus_e2e_notifier");

    private final String module;
    private final String database;

    SuiteService(String module, String database) {
        this.module = module;
        this.database = database;
    }

    String database() {
        return database;
    }

    Path fastJar() {
        return Path.of(System.getProperty("suite.root", ".."), module, "target", "quarkus-app", "quarkus-run.jar")
                .toAbsolutePath().normalize();
    }

    @Override
    public String toString() {
        return module;
    }
}
