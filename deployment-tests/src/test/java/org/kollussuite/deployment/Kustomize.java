package org.kollussuite.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with {@code kubectl kustomize}, once per directory and test run. */
final class Kustomize {

    private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    static String render(String directory) {
        return RENDERED.computeIfAbsent(directory, Kustomize::run);
    }

    private static String run(String directory) {
        ProcessBuilder builder = new ProcessBuilder("kubectl", "kustomize", Repository.path(directory).toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("kubectl is not on the PATH, and it renders the Kustomize overlays (kubectl kustomize "
                    + directory + "). Install kubectl (it includes kustomize) to run the deployment tests: " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            String stdout = readAll(process.getInputStream());
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + directory + " did not finish within 2 minutes");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + directory + " failed (exit " + process.exitValue() + "):\n"
                        + stderr.join());
            }
            return stdout;
        } catch (IOException e) {
            throw new AssertionError("kubectl kustomize " + directory + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + directory, e);
        }
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
