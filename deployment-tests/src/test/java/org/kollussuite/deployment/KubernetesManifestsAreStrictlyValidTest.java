package org.kollussuite.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every manifest, as written and as rendered, reads into fabric8's model without anything left over. */
class KubernetesManifestsAreStrictlyValidTest {

    static Stream<String> kustomizations() {
        return Repository.kustomizations().stream();
    }

    @Test
    void everyDocumentUnderTheBaseIsAKnownKindWithoutUnknownFields() {
        ManifestSet files = ManifestSet.files("k8s/base");
        assertFalse(files.objects.isEmpty(), "k8s/base holds no manifest");
        assertNoProblems(files.parsed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everyRenderedDocumentIsAKnownKindWithoutUnknownFields(String kustomization) {
        ManifestSet rendered = ManifestSet.rendered(kustomization);
        assertFalse(rendered.objects.isEmpty(), kustomization + " renders nothing");
        assertNoProblems(rendered.parsed);
    }

    @Test
    void theDemoAndProductionOverlaysExistAndAreRendered() {
        assertTrue(Repository.kustomizations().containsAll(List.of("k8s/base", "k8s/overlays/demo", "k8s/overlays/production")),
                "kustomizations found: " + Repository.kustomizations());
    }

    @Test
    void theOnlyCustomResourceIsTheProductionRabbitmqCluster() {
        for (String kustomization : Repository.kustomizations()) {
            List<String> custom = ManifestSet.rendered(kustomization).objects.stream()
                    .filter(GenericKubernetesResource.class::isInstance)
                    .map(o -> o.getApiVersion() + "/" + o.getKind() + " " + o.getMetadata().getName()).toList();
            List<String> expected = kustomization.equals("k8s/overlays/production")
                    ? List.of("rabbitmq.com/v1beta1/RabbitmqCluster kollus-rabbitmq") : List.of();
            assertEquals(expected, custom, "custom resources rendered by " + kustomization);
        }
    }

    @Test
    void theStrictReadingRefusesAnUnknownKindAnUnknownFieldAndAnUnknownRabbitmqClusterField() {
        String manifests = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: misspelled
                spec:
                  selector:
                    matchLabels: {app: x}
                  template:
                    metadata:
                      labels: {app: x}
                    spec:
                      containers:
                        - name: x
                          image: x
                          readinessProbe:
                            httpGet:
                              path: /q/health/ready
                              port: 8080
                              sheme: HTTP
                ---
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: unknown
                ---
                apiVersion: rabbitmq.com/v1beta1
                kind: RabbitmqCluster
                metadata:
                  name: broker
                spec:
                  replica: 3
                """;
        List<StrictKubernetesModel.Parsed> parsed = StrictKubernetesModel.parseAll(manifests, "sample");
        assertEquals(List.of("sample: Deployment misspelled: unknown field "
                        + "spec.template.spec.containers[0].readinessProbe.httpGet.sheme"), parsed.get(0).problems());
        assertTrue(parsed.get(1).problems().get(0).contains("unknown kind example.com/v1/Widget"), parsed.get(1).problems().toString());
        assertTrue(parsed.get(2).problems().get(0).contains("unknown RabbitmqCluster spec field 'replica'"),
                parsed.get(2).problems().toString());
    }

    static void assertNoProblems(List<StrictKubernetesModel.Parsed> parsed) {
        List<String> problems = parsed.stream().flatMap(p -> p.problems().stream()).toList();
        assertTrue(problems.isEmpty(), problems.size() + " problem(s):\n  - " + String.join("\n  - ", problems));
        for (StrictKubernetesModel.Parsed p : parsed) {
            HasMetadata object = p.resource();
            assertTrue(object.getMetadata() != null && object.getMetadata().getName() != null, p.origin() + ": an object without a name");
        }
    }
}
