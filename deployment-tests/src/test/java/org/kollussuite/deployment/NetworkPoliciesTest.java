package org.kollussuite.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may connect to whom, as the rendered NetworkPolicies say. */
class NetworkPoliciesTest {

    private static final Map<String, String> INGRESS_CONTROLLER_NAMESPACE = Map.of("kubernetes.io/metadata.name", "ingress-nginx");
    private static final Map<String, String> POSTGRESQL_POD = Map.of("app.kubernetes.io/name", "kollus-postgresql");
    private static final Map<String, String> RABBITMQ_POD = Map.of("app.kubernetes.io/name", "kollus-rabbitmq");
    private static final Map<String, String> OPS_CONSOLE_POD = Map.of("app.kubernetes.io/name", "ops-console");

    static Stream<String> kustomizations() {
        return Repository.kustomizations().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void ingressIsDeniedByDefaultInTheNamespace(String kustomization) {
        assertTrue(policies(kustomization).stream().anyMatch(p -> empty(p.getSpec().getPodSelector().getMatchLabels())
                        && empty(p.getSpec().getPodSelector().getMatchExpressions())
                        && p.getSpec().getPolicyTypes().contains("Ingress")
                        && (p.getSpec().getIngress() == null || p.getSpec().getIngress().isEmpty())),
                "no default-deny ingress policy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void onlyTheIngressControllersNamespaceAndTheOpsConsoleReachTheServicesAndOnlyOnTheirPort(String kustomization) {
        ManifestSet set = ManifestSet.rendered(kustomization);
        for (Map.Entry<String, Deployment> entry : set.suiteDeployments().entrySet()) {
            var container = ServicePodsTest.container(entry.getValue());
            var port = ServicePodsTest.httpPort(entry.getKey(), container);
            List<NetworkPolicyIngressRule> rules = rulesSelecting(kustomization, podLabels(entry.getValue()));
            boolean fromIngressController = false;
            for (NetworkPolicyIngressRule rule : rules) {
                assertFalse(rule.getFrom() == null || rule.getFrom().isEmpty(), entry.getKey() + ": a rule lets everyone in");
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    assertEquals(null, peer.getIpBlock(), entry.getKey() + ": a rule lets addresses in");
                    if (peer.getNamespaceSelector() != null) {
                        assertEquals(null, peer.getPodSelector(), entry.getKey());
                        assertEquals(INGRESS_CONTROLLER_NAMESPACE, peer.getNamespaceSelector().getMatchLabels(), entry.getKey());
                        assertTrue(SuiteServices.CALLBACK_RECEIVERS.contains(entry.getKey()),
                                entry.getKey() + " is not a callback receiver: the ingress controller has no business there");
                        fromIngressController = true;
                    } else {
                        assertEquals(OPS_CONSOLE_POD, peer.getPodSelector().getMatchLabels(),
                                entry.getKey() + ": only the ops-console's pods are let in from the namespace");
                    }
                }
                assertFalse(rule.getPorts() == null || rule.getPorts().isEmpty(), entry.getKey() + ": a rule opens every port");
                for (NetworkPolicyPort allowed : rule.getPorts()) {
                    assertTrue(ServicePodsTest.refersTo(allowed.getPort(), port), entry.getKey() + ": port " + allowed.getPort());
                }
            }
            assertEquals(SuiteServices.CALLBACK_RECEIVERS.contains(entry.getKey()), fromIngressController,
                    entry.getKey() + ": the ingress controller reaches exactly the callback receivers");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void theOpsConsoleIsReachedByNothingInTheCluster(String kustomization) {
        assertEquals(List.of(), rulesSelecting(kustomization, OPS_CONSOLE_POD), "operators use kubectl port-forward");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void onlyTheServicesReachPostgresqlAndTheAmqpPortOfRabbitmq(String kustomization) {
        for (NetworkPolicyIngressRule rule : rulesSelecting(kustomization, POSTGRESQL_POD)) {
            assertOnlyTheServices(rule, "PostgreSQL");
            assertEquals(List.of(new IntOrString(5432)), rule.getPorts().stream().map(NetworkPolicyPort::getPort).toList());
        }
        for (NetworkPolicyIngressRule rule : rulesSelecting(kustomization, RABBITMQ_POD)) {
            boolean amqp = rule.getPorts() == null || rule.getPorts().isEmpty()
                    || rule.getPorts().stream().anyMatch(p -> p.getPort().equals(new IntOrString(5672)));
            if (amqp && rule.getFrom().stream().allMatch(p -> p.getNamespaceSelector() == null
                    && Selectors.matches(p.getPodSelector(), RABBITMQ_POD))) {
                continue; // the cluster's own nodes (production: Erlang distribution between RabbitMQ nodes)
            }
            if (amqp) {
                assertOnlyTheServices(rule, "RabbitMQ's AMQP port");
            }
        }
        assertFalse(rulesSelecting(kustomization, RABBITMQ_POD).isEmpty(), "the services cannot reach RabbitMQ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void thePoliciesSelectTheDemosPostgresqlAndRabbitmqPods(String kustomization) {
        for (StatefulSet statefulSet : ManifestSet.rendered(kustomization).all(StatefulSet.class)) {
            Map<String, String> labels = statefulSet.getSpec().getTemplate().getMetadata().getLabels();
            assertTrue(labels.entrySet().containsAll(POSTGRESQL_POD.entrySet()) || labels.entrySet().containsAll(RABBITMQ_POD.entrySet()),
                    statefulSet.getMetadata().getName() + " is neither the PostgreSQL nor the RabbitMQ the policies protect");
        }
    }

    private static void assertOnlyTheServices(NetworkPolicyIngressRule rule, String what) {
        assertFalse(rule.getFrom() == null || rule.getFrom().isEmpty(), what + ": a rule lets everyone in");
        for (NetworkPolicyPeer peer : rule.getFrom()) {
            assertEquals(null, peer.getNamespaceSelector(), what + ": a rule lets other namespaces in");
            assertEquals(null, peer.getIpBlock(), what + ": a rule lets addresses in");
            LabelSelector pods = peer.getPodSelector();
            for (String service : SuiteServices.NAMES) {
                assertTrue(Selectors.matches(pods, Map.of("app.kubernetes.io/name", service)), what + ": " + service + " is not let in");
            }
            assertFalse(Selectors.matches(pods, Map.of("app.kubernetes.io/name", "webhook-receiver")), what + ": other pods are let in");
        }
    }

    private static boolean empty(Object mapOrList) {
        return mapOrList == null || (mapOrList instanceof Map<?, ?> m && m.isEmpty())
                || (mapOrList instanceof List<?> l && l.isEmpty());
    }

    private static List<NetworkPolicy> policies(String kustomization) {
        return ManifestSet.rendered(kustomization).all(NetworkPolicy.class);
    }

    private static List<NetworkPolicyIngressRule> rulesSelecting(String kustomization, Map<String, String> podLabels) {
        return policies(kustomization).stream().filter(p -> Selectors.matches(p.getSpec().getPodSelector(), podLabels))
                .flatMap(p -> p.getSpec().getIngress() == null ? Stream.empty() : p.getSpec().getIngress().stream()).toList();
    }

    private static Map<String, String> podLabels(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getLabels();
    }
}
