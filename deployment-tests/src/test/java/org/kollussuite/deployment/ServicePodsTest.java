package org.kollussuite.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The four services' pods, as every kustomization renders them, fit what the services do. */
class ServicePodsTest {

    private static final String HEALTH_EXTENSION = "<artifactId>quarkus-smallrye-health</artifactId>";

    static Stream<String> kustomizations() {
        return Repository.kustomizations().stream();
    }

    @Test
    void theHealthEndpointsExistBecauseEveryServiceBuildsOnCallbackCommonsWhichHasSmallRyeHealth() {
        assertTrue(Repository.read("callback-commons/pom.xml").contains(HEALTH_EXTENSION),
                "callback-commons no longer depends on quarkus-smallrye-health: /q/health/* would not exist");
        for (String service : SuiteServices.NAMES) {
            String pom = Repository.read(service + "/pom.xml");
            assertTrue(pom.contains("<artifactId>callback-commons</artifactId>") || pom.contains(HEALTH_EXTENSION),
                    service + " has neither callback-commons nor quarkus-smallrye-health");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everyServiceProbesStartedLiveAndReadyOnItsContainerPort(String kustomization) {
        for (Map.Entry<String, Deployment> entry : ManifestSet.rendered(kustomization).suiteDeployments().entrySet()) {
            Container container = container(entry.getValue());
            ContainerPort port = httpPort(entry.getKey(), container);
            assertProbe(entry.getKey() + " startupProbe", container.getStartupProbe(), "/q/health/started", port);
            assertProbe(entry.getKey() + " livenessProbe", container.getLivenessProbe(), "/q/health/live", port);
            assertProbe(entry.getKey() + " readinessProbe", container.getReadinessProbe(), "/q/health/ready", port);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void theContainerPortIsThePortTheServiceListensOn(String kustomization) {
        for (Map.Entry<String, Deployment> entry : ManifestSet.rendered(kustomization).suiteDeployments().entrySet()) {
            Container container = container(entry.getValue());
            assertTrue(container.getEnv().stream().noneMatch(e -> e.getName().equals("QUARKUS_HTTP_PORT")),
                    entry.getKey() + ": the port comes from application.properties, not QUARKUS_HTTP_PORT");
            assertEquals(SuiteServices.httpPort(entry.getKey()), httpPort(entry.getKey(), container).getContainerPort(),
                    entry.getKey() + ": containerPort vs quarkus.http.port of its application.properties");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everyServiceSendsTrafficToTheContainerPortOfThePodsItSelects(String kustomization) {
        ManifestSet set = ManifestSet.rendered(kustomization);
        for (Map.Entry<String, Deployment> entry : set.suiteDeployments().entrySet()) {
            Service service = set.named(Service.class, entry.getKey())
                    .orElseThrow(() -> new AssertionError(kustomization + ": no Service " + entry.getKey()));
            Map<String, String> podLabels = entry.getValue().getSpec().getTemplate().getMetadata().getLabels();
            assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()),
                    entry.getKey() + ": the Service's selector does not select the Deployment's pods");
            ContainerPort port = httpPort(entry.getKey(), container(entry.getValue()));
            for (ServicePort servicePort : service.getSpec().getPorts()) {
                assertTrue(refersTo(servicePort.getTargetPort(), port),
                        entry.getKey() + ": Service targetPort " + servicePort.getTargetPort() + " is not the container port");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void theGracePeriodOutlastsThePreStopPauseAndTheGracefulShutdown(String kustomization) {
        ManifestSet set = ManifestSet.rendered(kustomization);
        for (Map.Entry<String, Deployment> entry : set.suiteDeployments().entrySet()) {
            PodSpec pod = entry.getValue().getSpec().getTemplate().getSpec();
            Container container = container(entry.getValue());
            Duration shutdown = shutdownTimeout(set, entry.getKey(), container)
                    .orElseThrow(() -> new AssertionError(entry.getKey() + ": no graceful shutdown timeout "
                            + "(QUARKUS_SHUTDOWN_TIMEOUT, or quarkus.shutdown.timeout in application.properties)"));
            long preStop = preStopSeconds(container);
            long grace = pod.getTerminationGracePeriodSeconds() == null ? 30 : pod.getTerminationGracePeriodSeconds();
            assertTrue(grace >= preStop + shutdown.toSeconds() + 5, entry.getKey() + ": terminationGracePeriodSeconds " + grace
                    + " leaves less than 5 s after the preStop pause (" + preStop + " s) and the shutdown timeout (" + shutdown + ")");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everyServiceRunsAsNonRootOnAReadOnlyRootFilesystemWithAWritableTmp(String kustomization) {
        for (Map.Entry<String, Deployment> entry : ManifestSet.rendered(kustomization).suiteDeployments().entrySet()) {
            PodSpec pod = entry.getValue().getSpec().getTemplate().getSpec();
            Container container = container(entry.getValue());
            String service = entry.getKey();
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), service + ": pod runAsNonRoot");
            assertEquals(185L, pod.getSecurityContext().getRunAsUser(), service + ": the image's user 185");
            assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem(), service + ": readOnlyRootFilesystem");
            assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation(), service + ": allowPrivilegeEscalation");
            assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop(), service + ": dropped capabilities");
            VolumeMount tmp = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                    .orElseThrow(() -> new AssertionError(service + ": nothing mounted at /tmp"));
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(service + ": no volume " + tmp.getName()));
            assertNotNull(volume.getEmptyDir(), service + ": /tmp is not an emptyDir");
            assertNotNull(container.getResources().getRequests().get("cpu"), service + ": cpu request");
            assertNotNull(container.getResources().getRequests().get("memory"), service + ": memory request");
            assertNotNull(container.getResources().getLimits().get("memory"), service + ": memory limit");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void theCallbackReceiversAutoscaleAndEveryServiceHasADisruptionBudget(String kustomization) {
        ManifestSet set = ManifestSet.rendered(kustomization);
        for (Map.Entry<String, Deployment> entry : set.suiteDeployments().entrySet()) {
            String service = entry.getKey();
            Map<String, String> podLabels = entry.getValue().getSpec().getTemplate().getMetadata().getLabels();
            PodDisruptionBudget budget = set.named(PodDisruptionBudget.class, service)
                    .orElseThrow(() -> new AssertionError(kustomization + ": no PodDisruptionBudget " + service));
            assertTrue(podLabels.entrySet().containsAll(budget.getSpec().getSelector().getMatchLabels().entrySet()),
                    service + ": the PodDisruptionBudget does not select the pods");
            Optional<HorizontalPodAutoscaler> autoscaler = set.named(HorizontalPodAutoscaler.class, service);
            if (SuiteServices.CALLBACK_RECEIVERS.contains(service)) {
                HorizontalPodAutoscaler hpa = autoscaler.orElseThrow(() -> new AssertionError(kustomization + ": no HPA " + service));
                assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind(), service);
                assertEquals(service, hpa.getSpec().getScaleTargetRef().getName(), service + ": HPA target");
                assertTrue(hpa.getSpec().getMinReplicas() <= hpa.getSpec().getMaxReplicas(), service + ": HPA bounds");
                assertEquals(null, entry.getValue().getSpec().getReplicas(),
                        service + ": the HPA owns the replicas; a replicas field would reset them at every apply");
            } else {
                assertTrue(autoscaler.isEmpty(), service + " is not a callback receiver and has no HPA");
            }
        }
    }

    static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size(), deployment.getMetadata().getName() + ": one container");
        return containers.get(0);
    }

    static ContainerPort httpPort(String service, Container container) {
        assertEquals(1, container.getPorts().size(), service + ": one container port");
        return container.getPorts().get(0);
    }

    static boolean refersTo(IntOrString reference, ContainerPort port) {
        if (reference == null) {
            return false;
        }
        return reference.getStrVal() != null ? reference.getStrVal().equals(port.getName())
                : reference.getIntVal().equals(port.getContainerPort());
    }

    private static void assertProbe(String what, Probe probe, String path, ContainerPort port) {
        assertNotNull(probe, what + " is missing");
        assertNotNull(probe.getHttpGet(), what + " is not an HTTP GET");
        assertEquals(path, probe.getHttpGet().getPath(), what + " path");
        assertTrue(refersTo(probe.getHttpGet().getPort(), port),
                what + " port " + probe.getHttpGet().getPort() + " is not the container port " + port.getName() + "/" + port.getContainerPort());
    }

    /** QUARKUS_SHUTDOWN_TIMEOUT as the container gets it, else quarkus.shutdown.timeout of the service's files. */
    private static Optional<Duration> shutdownTimeout(ManifestSet set, String service, Container container) {
        List<String> values = new ArrayList<>();
        container.getEnv().stream().filter(e -> e.getName().equals("QUARKUS_SHUTDOWN_TIMEOUT")).map(EnvVar::getValue).forEach(values::add);
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                set.named(ConfigMap.class, source.getConfigMapRef().getName())
                        .map(c -> c.getData().get("QUARKUS_SHUTDOWN_TIMEOUT")).ifPresent(values::add);
            }
        }
        String property = SuiteServices.applicationProperties(service).getProperty("quarkus.shutdown.timeout",
                SuiteServices.commonProperties().getProperty("quarkus.shutdown.timeout"));
        if (property != null) {
            values.add(property);
        }
        return values.stream().filter(v -> v != null).findFirst().map(ServicePodsTest::duration);
    }

    /** A Quarkus duration: ISO-8601 (PT25S) or a number with a unit (25S, 25s, 2m). */
    static Duration duration(String value) {
        String text = value.strip().toUpperCase(java.util.Locale.ROOT);
        if (text.startsWith("P")) {
            return Duration.parse(text);
        }
        if (text.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        return Duration.parse(text.matches("\\d+[DH]") ? "P" + (text.endsWith("D") ? text : "T" + text) : "PT" + text);
    }

    private static long preStopSeconds(Container container) {
        if (container.getLifecycle() == null || container.getLifecycle().getPreStop() == null) {
            return 0;
        }
        var preStop = container.getLifecycle().getPreStop();
        if (preStop.getSleep() != null) {
            return preStop.getSleep().getSeconds();
        }
        List<String> command = preStop.getExec() == null ? List.of() : preStop.getExec().getCommand();
        assertTrue(command.size() == 2 && command.get(0).equals("sleep"), "a preStop other than a sleep: " + command);
        return Long.parseLong(command.get(1));
    }
}
