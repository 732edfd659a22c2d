package org.kollussuite.simulator.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Base of the command tests: a fresh stub suite per test, and the command launched against it. */
public abstract class AgainstStubSuite {

    protected static final ObjectMapper JSON = new ObjectMapper();

    protected StubSuite suite;

    @BeforeEach
    void startSuite() throws IOException {
        suite = new StubSuite();
    }

    @AfterEach
    void stopSuite() {
        suite.close();
    }

    /** Runs {@code command} with the stub's URLs and keys, then {@code extra}. */
    protected LaunchResult launch(QuarkusMainLauncher launcher, List<String> command, String... extra) {
        List<String> args = new ArrayList<>(command);
        args.addAll(suite.options());
        args.addAll(List.of(extra));
        return launcher.launch(args.toArray(String[]::new));
    }
}
