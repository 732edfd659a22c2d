package org.kollussuite.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every variable the deployment files give a service is one the service reads. */
class EnvironmentVariablesTest {

    private static final KnownVariables KNOWN = KnownVariables.fromDocumentation();

    static Stream<String> kustomizations() {
        return Repository.kustomizations().stream();
    }

    @Test
    void theKnownVariablesAreTheDocumentedOnesPerService() {
        assertTrue(KNOWN.names(SuiteServices.PLATFORM).containsAll(Set.of("KOLLUS_SERVICE_ACCOUNT_KEY", "ADMIN_API_TOKEN",
                "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "RABBITMQ_PASSWORD", "PLATFORM_CALLBACKS_DEDUP_WINDOW",
                "OUTBOX_BATCH_SIZE", "QUARKUS_LOG_CONSOLE_JSON", "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES")), KNOWN.names(SuiteServices.PLATFORM).toString());
        assertTrue(KNOWN.names(SuiteServices.PLAYER).contains("PLAYER_CACHE_MAX_STALENESS"));
        assertTrue(KNOWN.names(SuiteServices.LMS).contains("LMS_BATCH_SIZE"));
        assertTrue(KNOWN.names(SuiteServices.NOTIFIER).contains("NOTIFIER_POLL_INTERVAL"));
        assertTrue(KNOWN.channelSettings().containsAll(Set.of("KEY", "CALLBACK_TOKEN", "PLAY_POLICY", "LMS_PROGRESS_STEP")),
                KNOWN.channelSettings().toString());
        assertEquals(Set.of("URL", "SECRET", "EVENTS", "CHANNELS", "RETRY_SCHEDULE", "TIMEOUT", "MAX_IN_FLIGHT"), KNOWN.webhookSettings());
    }

    @Test
    void aVariableNoServiceReadsIsRefusedByName() {
        assertEquals(Optional.of("KOLLUS_CHANELS_DEMO_KEY (sample) is not a variable lms-service reads: "
                + "see docs/configuration.md for the ones it does"), KNOWN.problem(SuiteServices.LMS, "KOLLUS_CHANELS_DEMO_KEY", "sample"));
        assertTrue(KNOWN.problem(SuiteServices.LMS, "KOLLUS_CHANNELS_DEMO_PLAY_POLCY", "sample").isPresent());
        assertTrue(KNOWN.problem(SuiteServices.PLATFORM, "LMS_BATCH_SIZE", "sample").isPresent(), "LMS settings are the LMS's");
        assertTrue(KNOWN.problem(SuiteServices.PLATFORM, "NOTIFIER_WEBHOOKS_CMS_URL", "sample").isPresent());
        assertTrue(KNOWN.problem(SuiteServices.NOTIFIER, "NOTIFIER_WEBHOOKS_CMS_URL", "sample").isEmpty());
        assertTrue(KNOWN.problem(SuiteServices.PLAYER, "KOLLUS_CHANNELS_MATH2_DOWNLOAD_REVOKED_ACTION", "sample").isEmpty());
        assertTrue(KNOWN.problem(SuiteServices.PLAYER, "QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE", "sample").isEmpty(),
                "a Quarkus property the player's application.properties sets");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everyVariableADeploymentSetsIsOneItsServiceReads(String kustomization) {
        ManifestSet set = ManifestSet.rendered(kustomization);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Deployment> entry : set.suiteDeployments().entrySet()) {
            String service = entry.getKey();
            Container container = ServicePodsTest.container(entry.getValue());
            for (EnvVar variable : container.getEnv()) {
                KNOWN.problem(service, variable.getName(), "env of the Deployment").ifPresent(problems::add);
            }
            for (EnvFromSource source : container.getEnvFrom()) {
                String prefix = source.getPrefix() == null ? "" : source.getPrefix();
                if (source.getConfigMapRef() != null) {
                    String name = source.getConfigMapRef().getName();
                    Optional<Set<String>> keys = set.configMapKeys(name);
                    if (keys.isEmpty() && !Boolean.TRUE.equals(source.getConfigMapRef().getOptional())) {
                        problems.add(service + " reads ConfigMap " + name + ", which is neither rendered nor described by an example");
                    }
                    keys.orElse(Set.of()).forEach(k -> KNOWN.problem(service, prefix + k, "ConfigMap " + name).ifPresent(problems::add));
                }
                if (source.getSecretRef() != null) {
                    String name = source.getSecretRef().getName();
                    Optional<Set<String>> keys = set.secretKeys(name);
                    if (keys.isEmpty() && !Boolean.TRUE.equals(source.getSecretRef().getOptional())) {
                        problems.add(service + " reads Secret " + name + ", which is neither rendered nor described by an example");
                    }
                    keys.orElse(Set.of()).forEach(k -> KNOWN.problem(service, prefix + k, "Secret " + name).ifPresent(problems::add));
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everySecretOrConfigMapKeyADeploymentReferencesExists(String kustomization) {
        ManifestSet set = ManifestSet.rendered(kustomization);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Deployment> entry : set.suiteDeployments().entrySet()) {
            for (EnvVar variable : ServicePodsTest.container(entry.getValue()).getEnv()) {
                if (variable.getValueFrom() == null) {
                    continue;
                }
                SecretKeySelector secret = variable.getValueFrom().getSecretKeyRef();
                if (secret != null && !set.secretKeys(secret.getName()).orElse(Set.of()).contains(secret.getKey())) {
                    problems.add(entry.getKey() + " " + variable.getName() + ": Secret " + secret.getName() + " has no key " + secret.getKey());
                }
                var configMap = variable.getValueFrom().getConfigMapKeyRef();
                if (configMap != null && !set.configMapKeys(configMap.getName()).orElse(Set.of()).contains(configMap.getKey())) {
                    problems.add(entry.getKey() + " " + variable.getName() + ": ConfigMap " + configMap.getName() + " has no key " + configMap.getKey());
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everyServiceGetsEveryChannel(String kustomization) {
        ManifestSet set = ManifestSet.rendered(kustomization);
        List<String> channelConfigMaps = set.all(ConfigMap.class).stream()
                .filter(c -> c.getData() != null && c.getData().keySet().stream().anyMatch(k -> k.startsWith("KOLLUS_CHANNELS_")))
                .map(c -> c.getMetadata().getName()).toList();
        assertTrue(!channelConfigMaps.isEmpty(), kustomization + " configures no channel");
        for (Map.Entry<String, Deployment> entry : set.suiteDeployments().entrySet()) {
            List<String> consumed = ServicePodsTest.container(entry.getValue()).getEnvFrom().stream()
                    .filter(s -> s.getConfigMapRef() != null).map(s -> s.getConfigMapRef().getName()).toList();
            assertTrue(consumed.containsAll(channelConfigMaps), entry.getKey() + " does not read every channel: " + consumed
                    + " vs " + channelConfigMaps);
        }
    }

    @Test
    void everyVariableTheComposeFileGivesAServiceIsOneItReads() {
        Compose compose = Compose.load();
        List<String> problems = new ArrayList<>();
        for (String service : SuiteServices.NAMES) {
            compose.environment(service).keySet()
                    .forEach(v -> KNOWN.problem(service, v, "docker-compose.yml environment").ifPresent(problems::add));
            for (String file : compose.envFiles(service)) {
                Compose.envFileKeys(file).forEach(v -> KNOWN.problem(service, v, file).ifPresent(problems::add));
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
