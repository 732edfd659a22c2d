package org.kollussuite.deployment;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads manifests with fabric8's Kubernetes model and refuses what the model does not know: a kind
 * it has no class for (it would become a {@link GenericKubernetesResource}) and any field that lands
 * in an {@code additionalProperties} map, at any depth. The one custom resource the suite uses, the
 * RabbitMQ cluster operator's RabbitmqCluster, is allowed by name, its top-level spec fields
 * checked against the CRD's.
 */
final class StrictKubernetesModel {

    static final String RABBITMQ_CLUSTER_API_VERSION = "rabbitmq.com/v1beta1";
    static final String RABBITMQ_CLUSTER_KIND = "RabbitmqCluster";
    /** The spec fields of the RabbitmqCluster CRD (rabbitmq/cluster-operator, v1beta1). */
    static final Set<String> RABBITMQ_CLUSTER_SPEC_FIELDS = Set.of("replicas", "image", "imagePullSecrets", "service",
            "persistence", "resources", "affinity", "tolerations", "rabbitmq", "tls", "override", "skipPostDeployChecks",
            "terminationGracePeriodSeconds", "delayStartSeconds", "secretBackend", "autoEnableAllFeatureFlags");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** A parsed document with what was wrong in it (nothing when the list is empty). */
    record Parsed(HasMetadata resource, String origin, List<String> problems) {

        String describe() {
            return origin + ": " + resource.getKind() + " " + resource.getMetadata().getName();
        }
    }

    private StrictKubernetesModel() {
    }

    static List<Parsed> parseAll(String yaml, String origin) {
        List<Parsed> parsed = new ArrayList<>();
        for (Map<String, Object> document : YamlDocuments.parseAll(yaml, origin)) {
            parsed.add(parse(document, origin));
        }
        return parsed;
    }

    static Parsed parse(Map<String, Object> document, String origin) {
        List<String> problems = new ArrayList<>();
        KubernetesResource resource;
        try {
            resource = SERIALIZATION.convertValue(document, KubernetesResource.class);
        } catch (RuntimeException e) {
            throw new AssertionError(origin + ": " + document.get("kind") + " does not fit the Kubernetes model: "
                    + e.getMessage(), e);
        }
        if (!(resource instanceof HasMetadata object)) {
            throw new AssertionError(origin + ": " + document.get("kind") + " is not a Kubernetes object");
        }
        String where = origin + ": " + object.getKind() + " " + (object.getMetadata() == null ? "(no metadata)"
                : object.getMetadata().getName());
        if (object instanceof GenericKubernetesResource generic) {
            if (RABBITMQ_CLUSTER_API_VERSION.equals(generic.getApiVersion()) && RABBITMQ_CLUSTER_KIND.equals(generic.getKind())) {
                Object spec = generic.getAdditionalProperties().get("spec");
                if (spec instanceof Map<?, ?> fields) {
                    fields.keySet().stream().filter(f -> !RABBITMQ_CLUSTER_SPEC_FIELDS.contains(String.valueOf(f)))
                            .forEach(f -> problems.add(where + ": unknown RabbitmqCluster spec field '" + f + "'"));
                }
                generic.getAdditionalProperties().keySet().stream().filter(k -> !Set.of("spec", "status").contains(k))
                        .forEach(k -> problems.add(where + ": unknown RabbitmqCluster field '" + k + "'"));
            } else {
                problems.add(where + ": unknown kind " + generic.getApiVersion() + "/" + generic.getKind()
                        + " (the only custom resource allowed is " + RABBITMQ_CLUSTER_API_VERSION + "/" + RABBITMQ_CLUSTER_KIND + ")");
            }
            unknownFields(generic.getMetadata(), "metadata", where, problems);
        } else {
            unknownFields(object, "", where, problems);
        }
        return new Parsed(object, origin, problems);
    }

    /** Walks the model's JSON properties and reports every field the model put into additionalProperties. */
    static void unknownFields(Object value, String path, String where, List<String> problems) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?>) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> unknownFields(item, path + "[" + key + "]", where, problems));
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + index++ + "]", where, problems);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        Map<String, Object> additional = additionalProperties(value);
        if (additional != null) {
            additional.keySet().forEach(key -> problems.add(where + ": unknown field " + (path.isEmpty() ? key : path + "." + key)));
        }
        for (Class<?> type = value.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                JsonProperty property = field.getAnnotation(JsonProperty.class);
                if (property == null || Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    String name = property.value().isEmpty() ? field.getName() : property.value();
                    unknownFields(field.get(value), path.isEmpty() ? name : path + "." + name, where, problems);
                } catch (IllegalAccessException | RuntimeException e) {
                    problems.add(where + ": cannot inspect " + path + "." + field.getName() + ": " + e);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> additionalProperties(Object value) {
        try {
            Method getter = value.getClass().getMethod("getAdditionalProperties");
            Object result = getter.invoke(value);
            return result instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read additionalProperties of " + value.getClass().getName(), e);
        }
    }
}
