package org.kollussuite.commons.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import io.restassured.RestAssured;

/**
 * Sends hostile requests to the service under test while honest ones go on beside them, and checks every
 * answer: never a 5xx, never slower than {@link #SLOWEST}, the URL's own refusal shape, honest requests unharmed.
 * {@code -Dfuzz.inputs} sets how many (CI: {@value #CI_INPUTS} per endpoint) and {@code -Dfuzz.seed} replays a run.
 */
public final class Fuzzing {

    public static final int CI_INPUTS = 2000;
    public static final Duration SLOWEST = Duration.ofSeconds(2);

    private static final int MAX_REPORTED = 5;

    private Fuzzing() {
    }

    /** How many inputs each endpoint gets in this run. */
    public static int inputs() {
        return Integer.getInteger("fuzz.inputs", CI_INPUTS);
    }

    /**
     * Sends {@link #inputs()} requests, each drawn by {@code requests} from inputs over the endpoint's own
     * {@code names}, to the {@code @QuarkusTest} service, with {@code honest} (true when an honest request got
     * its right answer) called over and over meanwhile; each answer must pass {@code check} (which throws
     * {@link AssertionError} to refuse it) besides the common rules.
     */
    public static void fuzz(String endpoint, List<String> names, Function<HostileInputs, RawHttp.Request> requests,
            Consumer<RawHttp.Answer> check, Callable<Boolean> honest) {
        long seed = Long.getLong("fuzz.seed", endpoint.hashCode());
        List<String> failures = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger honestSent = new AtomicInteger();
        List<String> honestFailures = new ArrayList<>();
        CompletableFuture<Void> beside = CompletableFuture.runAsync(() -> {
            while (!done.get() || honestSent.get() == 0) {
                honestSent.incrementAndGet();
                try {
                    if (!honest.call()) {
                        synchronized (honestFailures) {
                            honestFailures.add("wrong answer");
                        }
                    }
                } catch (Exception | AssertionError e) {
                    synchronized (honestFailures) {
                        honestFailures.add(String.valueOf(e));
                    }
                }
            }
        });
        HostileInputs inputs = new HostileInputs(seed, names);
        try {
            for (int i = 0; i < inputs() && failures.size() < MAX_REPORTED; i++) {
                RawHttp.Request request = requests.apply(inputs);
                try {
                    RawHttp.Answer answer = RawHttp.send("localhost", RestAssured.port, request);
                    if (answer.status() >= 500) {
                        throw new AssertionError("status " + answer.status() + ": " + answer.text());
                    }
                    if (answer.elapsed().compareTo(SLOWEST) > 0) {
                        throw new AssertionError("answered in " + answer.elapsed().toMillis() + " ms");
                    }
                    check.accept(answer);
                } catch (Exception | AssertionError e) {
                    failures.add("input " + i + " " + request + "\n    -> " + e.getMessage());
                }
            }
        } finally {
            done.set(true);
            beside.join();
        }
        if (!failures.isEmpty()) {
            fail(endpoint + " (seed " + seed + "): " + failures.size() + " hostile inputs answered wrongly:\n"
                    + String.join("\n", failures));
        }
        assertTrue(honestFailures.isEmpty(), endpoint + ": honest requests sent meanwhile failed: "
                + honestFailures.subList(0, Math.min(MAX_REPORTED, honestFailures.size())));
    }
}
