package org.kollussuite.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The container images and docker-compose.yml fit the services. */
class ImagesAndComposeTest {

    private static final String BASE_IMAGE = "registry.access.redhat.com/ubi9/openjdk-17-runtime:";

    @Test
    void everyImageRunsTheFastJarOnTheUbiOpenJdk17RuntimeAsUser185() {
        for (String service : SuiteServices.NAMES) {
            String dockerfile = Repository.read(dockerfile(service));
            assertTrue(dockerfile.contains("ARG BASE_IMAGE=" + BASE_IMAGE) && dockerfile.contains("FROM ${BASE_IMAGE}"),
                    service + ": base image");
            for (String part : List.of("lib/", "*.jar", "app/", "quarkus/")) {
                assertTrue(dockerfile.contains("COPY --chown=185 target/quarkus-app/" + part), service + ": copies quarkus-app/" + part);
            }
            assertTrue(dockerfile.contains("\nUSER 185\n"), service + ": runs as 185");
            assertTrue(dockerfile.contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\""), service + ": runs the fast-jar");
        }
    }

    @Test
    void everyImageExposesItsPortAndIsHealthyOnlyWhenReady() {
        for (String service : SuiteServices.NAMES) {
            String dockerfile = Repository.read(dockerfile(service));
            int port = SuiteServices.httpPort(service);
            assertTrue(dockerfile.contains("\nEXPOSE " + port + "\n"), service + ": EXPOSE " + port);
            Matcher healthcheck = Pattern.compile("HEALTHCHECK [^\\n]*\\\\\\n\\s+CMD ([^\\n]+)").matcher(dockerfile);
            assertTrue(healthcheck.find(), service + ": no HEALTHCHECK");
            String command = healthcheck.group(1);
            assertTrue(command.contains("/dev/tcp/127.0.0.1/${QUARKUS_HTTP_PORT:-" + port + "}"), service + ": checks its own port: " + command);
            assertTrue(command.contains("GET /q/health/ready "), service + ": checks readiness: " + command);
        }
    }

    @Test
    void composeBuildsEachServiceFromItsDockerfileAndStartsItOnceItsDependenciesAreHealthy() {
        Compose compose = Compose.load();
        for (String service : SuiteServices.NAMES) {
            Map<String, Object> definition = compose.service(service);
            Map<?, ?> build = (Map<?, ?>) definition.get("build");
            assertNotNull(build, service + ": no build");
            assertEquals("./" + service, build.get("context"), service + ": build context is the module");
            assertEquals("src/main/docker/Dockerfile.jvm", build.get("dockerfile"), service + ": Dockerfile");
            Map<?, ?> dependsOn = (Map<?, ?>) definition.get("depends_on");
            for (String dependency : List.of("postgres", "rabbitmq")) {
                assertEquals(Map.of("condition", "service_healthy"), dependsOn.get(dependency), service + " waits for " + dependency);
            }
            int port = SuiteServices.httpPort(service);
            assertEquals(List.of("127.0.0.1:" + port + ":" + port), definition.get("ports"), service + ": published port");
            assertEquals(List.of(".env"), compose.envFiles(service), service + ": env_file");
            assertTrue(compose.environment(service).get("QUARKUS_DATASOURCE_JDBC_URL").endsWith("/" + database(service)),
                    service + ": its own database");
        }
        for (String dependency : List.of("postgres", "rabbitmq")) {
            Map<String, Object> definition = compose.service(dependency);
            assertNotNull(definition.get("healthcheck"), dependency + ": no healthcheck");
            List<?> volumes = (List<?>) definition.get("volumes");
            String named = String.valueOf(volumes.get(0)).split(":")[0];
            assertTrue(((Map<?, ?>) compose.document.get("volumes")).containsKey(named), dependency + ": named volume " + named);
        }
        assertTrue(String.valueOf(compose.service("postgres").get("image")).startsWith("postgres:15"));
        assertTrue(String.valueOf(compose.service("rabbitmq").get("image")).matches("rabbitmq:3[.0-9]*-management"));
    }

    @Test
    void theDemoWebhookReceiverGetsWhatTheNotifierSignsWith() {
        Compose compose = Compose.load();
        Map<String, String> notifier = compose.environment(SuiteServices.NOTIFIER);
        Map<String, String> receiver = compose.environment("webhook-receiver");
        assertEquals(notifier.get("NOTIFIER_WEBHOOKS_DEMO_SECRET"), receiver.get("WEBHOOK_SECRET"));
        assertTrue(notifier.get("NOTIFIER_WEBHOOKS_DEMO_URL").startsWith("http://webhook-receiver:" + receiver.get("PORT") + "/"));
    }

    @Test
    void theDemoOverlaysCopiesOfThePostgresqlInitAndTheReceiverAreTheOriginals() {
        assertEquals(Repository.read("deploy/postgres/init/10-kollus-databases.sql"),
                Repository.read("k8s/overlays/demo/files/10-kollus-databases.sql"), "kustomize only reads files under the overlay: keep the copy equal");
        assertEquals(Repository.read("deploy/webhook-receiver/receiver.py"), Repository.read("k8s/overlays/demo/files/receiver.py"),
                "kustomize only reads files under the overlay: keep the copy equal");
    }

    @Test
    void theDemoOverlayEnvExampleAndConfigDemoEnvShareTheDemoKeys() {
        Map<String, String> example = envFile(".env.example");
        Map<String, String> demoEnv = envFile("config/demo.env");
        assertEquals(demoEnv, example, ".env.example mirrors config/demo.env");
        ManifestSet demo = ManifestSet.rendered("k8s/overlays/demo");
        Map<String, String> rendered = new LinkedHashMap<>();
        for (Secret secret : demo.all(Secret.class)) {
            if (secret.getData() != null) {
                secret.getData().forEach((k, v) -> rendered.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
            }
        }
        for (ConfigMap configMap : demo.all(ConfigMap.class)) {
            if (configMap.getData() != null) {
                configMap.getData().forEach(rendered::putIfAbsent);
            }
        }
        example.forEach((key, value) -> assertEquals(value, rendered.get(key), "k8s demo overlay: " + key));
    }

    @Test
    void noKeysAreCommittedAndTheLockfileNamesNoDownloadUrl() {
        assertTrue(Repository.read(".gitignore").lines().anyMatch(".env"::equals), ".env is ignored by git");
        String lockfile = Repository.read("deploy/validate/package-lock.json");
        assertFalse(lockfile.contains("\"resolved\""), "package-lock.json names download URLs");
    }

    private static String dockerfile(String service) {
        return service + "/src/main/docker/Dockerfile.jvm";
    }

    private static String database(String service) {
        String jdbc = SuiteServices.applicationProperties(service).getProperty("quarkus.datasource.jdbc.url");
        return jdbc.substring(jdbc.lastIndexOf('/') + 1);
    }

    private static Map<String, String> envFile(String path) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Repository.read(path).split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                String[] pair = trimmed.split("=", 2);
                values.put(pair[0], pair[1]);
            }
        }
        return values;
    }
}
