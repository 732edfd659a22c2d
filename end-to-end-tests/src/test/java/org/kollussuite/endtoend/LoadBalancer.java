package org.kollussuite.endtoend;

import org.kollussuite.commons.testing.ServiceProcess;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * HAProxy on 127.0.0.1 in front of each service's replicas, as a Kubernetes Service and Ingress put one: a
 * replica is in rotation while its readiness answers 200, and a request whose replica refused the connection
 * or died before answering is sent again to another one (the callbacks are idempotent). A frontend that must
 * never answer an error itself (the LMS one: a Kollus player drops a snapshot answered with any status) closes
 * the client's connection instead of answering 502, 503 or 504, as docs/operations.md asks of every proxy.
 */
final class LoadBalancer implements AutoCloseable {

    private final Process process;
    private final Path config;
    private final Map<String, Integer> frontends;

    private LoadBalancer(Process process, Path config, Map<String, Integer> frontends) {
        this.process = process;
        this.config = config;
        this.frontends = frontends;
    }

    /**
     * One frontend per name, balancing over the given replica ports; those named in {@code closeOnError} close the
     * connection where HAProxy would answer an error of its own.
     */
    static LoadBalancer start(Map<String, List<Integer>> replicaPorts, Set<String> closeOnError) {
        Map<String, Integer> frontends = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder("""
                global
                  maxconn 4096
                defaults
                  mode http
                  timeout connect 1s
                  timeout client 60s
                  timeout server 60s
                  timeout queue 10s
                  retries 3
                  option redispatch 1
                  retry-on conn-failure empty-response
                  option httpchk GET /q/health/ready
                  default-server inter 250ms fall 2 rise 1
                """);
        replicaPorts.forEach((name, ports) -> {
            int port = ServiceProcess.freePort();
            frontends.put(name, port);
            text.append("frontend ").append(name).append("\n  bind 127.0.0.1:").append(port).append('\n');
            if (closeOnError.contains(name)) {
                // An empty error file makes HAProxy send nothing and close the connection.
                for (int status : new int[] {502, 503, 504}) {
                    text.append("  errorfile ").append(status).append(" /dev/null\n");
                }
            }
            text.append("  default_backend ").append(name).append("\nbackend ").append(name).append('\n');
            for (int i = 0; i < ports.size(); i++) {
                text.append("  server replica-").append(i).append(" 127.0.0.1:").append(ports.get(i)).append(" check\n");
            }
        });
        try {
            Path config = Files.createTempFile("kollus-e2e-haproxy", ".cfg");
            Files.writeString(config, text);
            Process process = new ProcessBuilder("haproxy", "-db", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            LoadBalancer balancer = new LoadBalancer(process, config, frontends);
            await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive() || balancer.listening());
            if (!process.isAlive()) {
                throw new IllegalStateException("haproxy exited with " + process.exitValue() + " on\n" + text);
            }
            return balancer;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start haproxy (scripts/fault-nodes-up.sh installs it)", e);
        }
    }

    int port(String name) {
        return frontends.get(name);
    }

    private boolean listening() {
        return frontends.values().stream().allMatch(port -> {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(config);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // A temporary file left behind is harmless.
        }
    }
}
