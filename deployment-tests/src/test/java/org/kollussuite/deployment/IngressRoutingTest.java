package org.kollussuite.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Ingress sends each callback URL to the service that answers it, and nothing else. Its paths
 * are ingress-nginx regular expressions (use-regex): nginx matches each as the case-insensitive
 * location {@code ~* "^<path>"}, which this test reproduces.
 */
class IngressRoutingTest {

    /** suite-contract §2: every callback path and the service that answers it. */
    private static final Map<String, String> CONTRACT = new TreeMap<>(Map.of(
            "/callbacks/platform/upload", SuiteServices.PLATFORM,
            "/callbacks/platform/transcoding", SuiteServices.PLATFORM,
            "/callbacks/platform/content-update", SuiteServices.PLATFORM,
            "/callbacks/platform/channel-add", SuiteServices.PLATFORM,
            "/callbacks/platform/channel-remove", SuiteServices.PLATFORM,
            "/callbacks/channels/{channel}/play", SuiteServices.PLAYER,
            "/callbacks/channels/{channel}/drm", SuiteServices.PLAYER,
            "/callbacks/channels/{channel}/next-episode", SuiteServices.PLAYER,
            "/callbacks/channels/{channel}/lms", SuiteServices.LMS));

    private static final Pattern PATH_ANNOTATION = Pattern.compile("@Path\\(\"([^\"]+)\"\\)");
    /** A callback path of a static OpenAPI description, which describes the callbacks served by Vert.x routes. */
    private static final Pattern OPENAPI_CALLBACK_PATH = Pattern.compile("(?m)^  (/callbacks/\\S+):$");

    static Stream<String> kustomizations() {
        return Repository.kustomizations().stream();
    }

    @Test
    void theContractsCallbackPathsAreExactlyTheOnesTheServicesResourcesDeclare() {
        assertEquals(CONTRACT, declaredCallbackPaths());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everyCallbackUrlReachesTheServiceThatAnswersIt(String kustomization) {
        List<Ingress> ingress = ingresses(kustomization);
        for (Map.Entry<String, String> callback : CONTRACT.entrySet()) {
            for (String channel : List.of("demo-channel", "Math101", "a")) {
                String url = callback.getKey().replace("{channel}", channel);
                List<String> backends = backendsFor(ingress, url);
                assertEquals(List.of(callback.getValue()), backends, url + " is routed to");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void nothingButTheCallbacksIsExposed(String kustomization) {
        List<Ingress> ingress = ingresses(kustomization);
        for (String url : List.of("/", "/api/v1/channels", "/api/v1/entitlements", "/q/metrics", "/q/health/ready",
                "/q/openapi", "/callbacks/platform/unknown", "/callbacks/platform/upload/extra", "/callbacks/platform",
                "/callbacks/channels/demo-channel", "/callbacks/channels/demo-channel/lms/extra",
                "/callbacks/channels/a/b/play", "/callbacks/channels//play", "/x/callbacks/platform/upload")) {
            assertEquals(List.of(), backendsFor(ingress, url), url + " must not be routed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void theIngressIsForIngressNginxWithRegularExpressionPaths(String kustomization) {
        for (Ingress ingress : ingresses(kustomization)) {
            assertEquals("nginx", ingress.getSpec().getIngressClassName());
            assertEquals("true", ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/use-regex"),
                    "without use-regex ingress-nginx would take the paths literally");
            for (HTTPIngressPath path : paths(List.of(ingress))) {
                assertEquals("ImplementationSpecific", path.getPathType(), path.getPath() + ": regular expressions need ImplementationSpecific");
                assertTrue(path.getPath().endsWith("$"), path.getPath() + ": an unanchored expression would also match longer paths");
            }
        }
    }

    /** A Kollus player drops a snapshot answered with any status, so nginx closes the connection instead (444). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void theLmsUrlGetsNoErrorAnswerFromNginxButAClosedConnection(String kustomization) {
        String lms = CONTRACT.entrySet().stream().filter(e -> e.getValue().equals(SuiteServices.LMS)).findFirst()
                .orElseThrow().getKey().replace("{channel}", "demo-channel");
        for (Ingress ingress : ingresses(kustomization)) {
            boolean routesLms = !backendsFor(List.of(ingress), lms).isEmpty();
            Map<String, String> annotations = ingress.getMetadata().getAnnotations();
            String location = annotations.getOrDefault("nginx.ingress.kubernetes.io/configuration-snippet", "");
            String server = annotations.getOrDefault("nginx.ingress.kubernetes.io/server-snippet", "");
            Matcher errorPage = Pattern.compile("error_page 502 503 504 = (@\\w+);").matcher(location);
            if (!routesLms) {
                assertFalse(location.contains("error_page"), ingress.getMetadata().getName()
                        + ": only the LMS URL closes connections instead of answering errors");
                continue;
            }
            assertTrue(location.contains("proxy_intercept_errors on;"), "the pods' own errors pass through nginx otherwise");
            assertTrue(errorPage.find(), ingress.getMetadata().getName() + ": 502, 503 and 504 must be turned away: " + location);
            assertTrue(Pattern.compile("location " + errorPage.group(1) + " \\{\\s*return 444;\\s*}").matcher(server).find(),
                    "the named location closes the connection without an answer: " + server);
            assertEquals(List.of(SuiteServices.LMS), paths(List.of(ingress)).stream()
                    .map(p -> p.getBackend().getService().getName()).distinct().toList(),
                    "the LMS Ingress routes nothing else");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everyBackendIsAServiceOfTheSetWithThatPort(String kustomization) {
        ManifestSet set = ManifestSet.rendered(kustomization);
        for (HTTPIngressPath path : paths(ingresses(kustomization))) {
            String name = path.getBackend().getService().getName();
            Service service = set.named(Service.class, name)
                    .orElseThrow(() -> new AssertionError(path.getPath() + ": no Service " + name));
            var port = path.getBackend().getService().getPort();
            assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> port.getName() != null ? port.getName().equals(p.getName())
                    : port.getNumber().equals(p.getPort())), path.getPath() + ": Service " + name + " has no port " + port);
        }
    }

    private static List<Ingress> ingresses(String kustomization) {
        List<Ingress> ingresses = ManifestSet.rendered(kustomization).all(Ingress.class);
        assertFalse(ingresses.isEmpty(), kustomization + ": no Ingress");
        return ingresses;
    }

    private static List<HTTPIngressPath> paths(List<Ingress> ingresses) {
        List<HTTPIngressPath> paths = new ArrayList<>();
        for (Ingress ingress : ingresses) {
            for (IngressRule rule : ingress.getSpec().getRules()) {
                paths.addAll(rule.getHttp().getPaths());
            }
        }
        return paths;
    }

    /** The backends whose nginx location ~* "^path" matches the URL path, in any of the Ingresses. */
    private static List<String> backendsFor(List<Ingress> ingress, String url) {
        return paths(ingress).stream()
                .filter(p -> Pattern.compile("^" + p.getPath(), Pattern.CASE_INSENSITIVE).matcher(url).find())
                .map(p -> p.getBackend().getService().getName()).toList();
    }

    /**
     * Class and method @Path values of each service's callback package, platform types expanded, and the
     * callback paths of its static OpenAPI description (its Vert.x routes).
     */
    private static Map<String, String> declaredCallbackPaths() {
        Map<String, String> declared = new TreeMap<>();
        List<String> platformTypes = new ArrayList<>();
        Matcher type = Pattern.compile("(?m)^\\s+[A-Z_]+\\(\"([a-z-]+)\"").matcher(
                Repository.read(sourceFile(SuiteServices.PLATFORM, "CallbackType.java")));
        while (type.find()) {
            platformTypes.add(type.group(1));
        }
        for (String service : SuiteServices.CALLBACK_RECEIVERS) {
            Path openApi = Repository.path(service + "/src/main/resources/META-INF/openapi.yaml");
            if (Files.exists(openApi)) {
                Matcher routes = OPENAPI_CALLBACK_PATH.matcher(Repository.read(openApi));
                while (routes.find()) {
                    declared.put(routes.group(1), service);
                }
            }
            for (Path source : callbackSources(service)) {
                List<String> paths = new ArrayList<>();
                Matcher matcher = PATH_ANNOTATION.matcher(Repository.read(source));
                while (matcher.find()) {
                    paths.add(matcher.group(1));
                }
                if (paths.isEmpty()) {
                    continue;
                }
                String base = paths.get(0);
                List<String> methods = paths.size() == 1 ? List.of("") : paths.subList(1, paths.size());
                for (String method : methods) {
                    String full = base + method;
                    if (full.endsWith("/{type}")) {
                        String prefix = full.substring(0, full.length() - "{type}".length());
                        platformTypes.forEach(t -> declared.put(prefix + t, service));
                    } else {
                        declared.put(full, service);
                    }
                }
            }
        }
        return declared;
    }

    private static List<Path> callbackSources(String service) {
        try (Stream<Path> files = Files.walk(Repository.path(service + "/src/main/java"))) {
            return files.filter(f -> f.getParent().getFileName().toString().equals("callback"))
                    .filter(f -> f.toString().endsWith("Resource.java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path sourceFile(String service, String name) {
        try (Stream<Path> files = Files.walk(Repository.path(service + "/src/main/java"))) {
            return files.filter(f -> f.getFileName().toString().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(service + " has no " + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
