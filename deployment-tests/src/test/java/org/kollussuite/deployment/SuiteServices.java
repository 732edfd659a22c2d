package org.kollussuite.deployment;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/** The four services and what their own sources say about them. */
final class SuiteServices {

    static final String PLATFORM = "platform-callback-service";
    static final String PLAYER = "player-callback-service";
    static final String LMS = "lms-service";
    static final String NOTIFIER = "notifier-service";
    static final List<String> NAMES = List.of(PLATFORM, PLAYER, LMS, NOTIFIER);
    /** The services Kollus calls: the ones behind the Ingress and scaled by an autoscaler. */
    static final List<String> CALLBACK_RECEIVERS = List.of(PLATFORM, PLAYER, LMS);

    private SuiteServices() {
    }

    /** The service's own application.properties. */
    static Properties applicationProperties(String service) {
        return properties(service + "/src/main/resources/application.properties");
    }

    /** The defaults every service inherits from callback-commons. */
    static Properties commonProperties() {
        return properties("callback-commons/src/main/resources/META-INF/microprofile-config.properties");
    }

    /** The port the service listens on: quarkus.http.port of its application.properties. */
    static int httpPort(String service) {
        String port = applicationProperties(service).getProperty("quarkus.http.port");
        if (port == null) {
            throw new AssertionError(service + " sets no quarkus.http.port in its application.properties");
        }
        return Integer.parseInt(port.strip());
    }

    private static Properties properties(String relative) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Repository.read(relative)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
