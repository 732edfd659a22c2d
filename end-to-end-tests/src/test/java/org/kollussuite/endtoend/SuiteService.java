package org.kollussuite.endtoend;

import java.nio.file.Path;

/** The four services of the suite: the module whose fast-jar is started and the name of the database it owns. */
enum SuiteService {

    PLATFORM("platform-callback-service", "platform"),
    PLAYER("player-callback-service", "player"),
    LMS("lms-service", "lms"),
    NOTIFIER("notifier-service", "notifier");

    private final String module;
    private final String database;

    SuiteService(String module, String database) {
        this.module = module;
        this.database = database;
    }

    /** Its database in a suite whose databases are named {@code <prefix>_<service>}. */
    String database(String prefix) {
        return prefix + "_" + database;
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
