package org.kollussuite.deployment;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The objects one kustomization renders, with the Secrets and ConfigMaps the examples describe. */
final class ManifestSet {

    private static final Map<String, ManifestSet> RENDERED = new ConcurrentHashMap<>();

    final String name;
    final List<StrictKubernetesModel.Parsed> parsed;
    final List<HasMetadata> objects;

    private ManifestSet(String name, List<StrictKubernetesModel.Parsed> parsed) {
        this.name = name;
        this.parsed = parsed;
        this.objects = parsed.stream().map(StrictKubernetesModel.Parsed::resource).toList();
    }

    /** What {@code kubectl kustomize <directory>} renders. */
    static ManifestSet rendered(String directory) {
        return RENDERED.computeIfAbsent(directory, d -> new ManifestSet("kubectl kustomize " + d,
                StrictKubernetesModel.parseAll(Kustomize.render(d), "kubectl kustomize " + d)));
    }

    /** Every document of the YAML files under a directory (kustomization files excluded). */
    static ManifestSet files(String directory) {
        List<StrictKubernetesModel.Parsed> parsed = new ArrayList<>();
        for (Path file : Repository.manifestFiles(directory)) {
            parsed.addAll(StrictKubernetesModel.parseAll(Repository.read(file), Repository.relative(file)));
        }
        return new ManifestSet(directory, parsed);
    }

    /** The Secrets and ConfigMaps that *.example.yaml files under k8s/ describe but no kustomization applies. */
    static ManifestSet examples() {
        return RENDERED.computeIfAbsent("(examples)", d -> {
            List<StrictKubernetesModel.Parsed> parsed = new ArrayList<>();
            for (Path file : Repository.manifestFiles("k8s")) {
                if (file.getFileName().toString().endsWith(".example.yaml")) {
                    parsed.addAll(StrictKubernetesModel.parseAll(Repository.read(file), Repository.relative(file)));
                }
            }
            return new ManifestSet("examples", parsed);
        });
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    Map<String, Deployment> suiteDeployments() {
        Map<String, Deployment> deployments = new LinkedHashMap<>();
        for (String service : SuiteServices.NAMES) {
            deployments.put(service, named(Deployment.class, service)
                    .orElseThrow(() -> new AssertionError(name + " has no Deployment " + service)));
        }
        return deployments;
    }

    /** The keys of a ConfigMap, rendered here or else described by an example; empty when neither. */
    Optional<Set<String>> configMapKeys(String configMap) {
        return named(ConfigMap.class, configMap).or(() -> examples().named(ConfigMap.class, configMap))
                .map(c -> keys(c.getData(), c.getBinaryData()));
    }

    /** The keys of a Secret, rendered here or else described by an example; empty when neither. */
    Optional<Set<String>> secretKeys(String secret) {
        return named(Secret.class, secret).or(() -> examples().named(Secret.class, secret))
                .map(s -> keys(s.getData(), s.getStringData()));
    }

    private static Set<String> keys(Map<String, String> first, Map<String, String> second) {
        Set<String> keys = new java.util.TreeSet<>();
        if (first != null) {
            keys.addAll(first.keySet());
        }
        if (second != null) {
            keys.addAll(second.keySet());
        }
        return keys;
    }

    @Override
    public String toString() {
        return name;
    }
}
