package org.kollussuite.commons.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A suite service run as a real process from its fast-jar, with an environment the test chooses:
 * what an operator starts, stops with SIGTERM or kills with SIGKILL.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path output;
    private final int port;

    private ServiceProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /** The environment every test service needs: the test database and virtual host, tokens, a free port. */
    public static Map<String, String> testEnvironment(String database, int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:5432/" + database);
        env.put("RABBITMQ_VIRTUAL_HOST", "kollus-test");
        env.put("ADMIN_API_TOKEN", "test-admin-token");
        env.put("KOLLUS_CALLBACK_TOKEN", "test-callback-token");
        env.put("KOLLUS_SERVICE_ACCOUNT_KEY", "test-service-account");
        env.put("KOLLUS_SECURITY_KEY", "test-security-key");
        env.put("KOLLUS_CUSTOM_KEY", "test-custom-key");
        return env;
    }

    /** Starts {@code target/quarkus-app/quarkus-run.jar} of the module under test with exactly {@code env} added. */
    public static ServiceProcess start(Map<String, String> env) {
        return start(Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath(), env);
    }

    /** Starts the fast-jar {@code jar} of any module with exactly {@code env} added. */
    public static ServiceProcess start(Path jar, Map<String, String> env) {
        try {
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: integration tests run after package");
            }
            Path output = logFile(jar);
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
            builder.environment().keySet().removeIf(name -> name.startsWith("KOLLUS_") || name.startsWith("QUARKUS_")
                    || name.startsWith("RABBITMQ_") || name.startsWith("ADMIN_") || name.startsWith("NOTIFIER_")
                    || name.startsWith("OUTBOX_"));
            builder.environment().putAll(env);
            builder.redirectErrorStream(true).redirectOutput(output.toFile());
            int port = Integer.parseInt(env.getOrDefault("QUARKUS_HTTP_PORT", "0"));
            return new ServiceProcess(builder.start(), output, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new log file named after the jar's module, in the directory of the {@code service.logs} system property
     * (the build sets it, so logs outlive a failed run) or else a temporary one.
     */
    private static Path logFile(Path jar) throws IOException {
        Path module = jar.toAbsolutePath().getParent().getParent().getParent().getFileName();
        String directory = System.getProperty("service.logs");
        if (directory == null) {
            return Files.createTempFile(module + "-", ".log");
        }
        Path logs = Files.createDirectories(Path.of(directory));
        return Files.createTempFile(logs, module + "-", ".log");
    }

    /** Starts the service with {@code env} and checks that it exits with an error that names {@code variable}. */
    public static void assertRefusesToStart(Map<String, String> env, String variable) {
        try (ServiceProcess service = start(env)) {
            int exit = service.awaitExit(Duration.ofSeconds(60));
            if (exit == 0 || !service.output().contains(variable)) {
                throw new AssertionError("expected a failed start naming " + variable + ", exit code " + exit + ":\n"
                        + service.output());
            }
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits up to {@code boot} until the service is ready and answers true; answers false when it exited because
     * its port was taken meanwhile (a free port can be taken between its choice and the service's bind: start it
     * again on another), and fails with its output when it exited for any other reason.
     */
    public boolean awaitReadyUnlessPortTaken(Duration boot) {
        await().atMost(boot).until(() -> isReady() || !isAlive());
        if (isAlive()) {
            return true;
        }
        String printed = output();
        if (!printed.contains("seems to be in use")) {
            throw new AssertionError("the service exited:\n" + printed);
        }
        return false;
    }

    /** Whether {@code /q/health/ready} answers 200 now. */
    public boolean isReady() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl() + "/q/health/ready").toURL()
                    .openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Everything the process printed so far. */
    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the process to end by itself and answers its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the service is still running after " + timeout + ":\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, as Kubernetes sends it, then waits for the exit. */
    public int stop(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
