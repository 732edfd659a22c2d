package org.kollussuite.deployment;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** docker-compose.yml, merge keys resolved, and the env files it names. */
final class Compose {

    final Map<String, Object> document;

    private Compose(Map<String, Object> document) {
        this.document = document;
    }

    static Compose load() {
        return new Compose(YamlDocuments.parseOne(Repository.read("docker-compose.yml"), "docker-compose.yml"));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> service(String name) {
        Map<String, Object> services = (Map<String, Object>) document.get("services");
        Object service = services.get(name);
        if (!(service instanceof Map)) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return (Map<String, Object>) service;
    }

    /** The service's environment, in map or list form. */
    Map<String, String> environment(String name) {
        Object environment = service(name).get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((k, v) -> variables.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (environment instanceof List<?> list) {
            for (Object entry : list) {
                String[] pair = String.valueOf(entry).split("=", 2);
                variables.put(pair[0], pair.length > 1 ? pair[1] : null);
            }
        }
        return variables;
    }

    List<String> envFiles(String name) {
        Object files = service(name).get("env_file");
        List<String> result = new ArrayList<>();
        if (files instanceof String file) {
            result.add(file);
        } else if (files instanceof List<?> list) {
            list.forEach(f -> result.add(String.valueOf(f)));
        }
        return result;
    }

    /**
     * The names an env file sets. .env is never committed: it is made from .env.example, which is
     * what is checked.
     */
    static List<String> envFileKeys(String file) {
        String path = file.replaceFirst("^\\./", "");
        if (path.equals(".env")) {
            path = ".env.example";
        }
        if (!Files.isRegularFile(Repository.path(path))) {
            throw new AssertionError("docker-compose.yml reads " + file + ", which does not exist");
        }
        List<String> keys = new ArrayList<>();
        for (String line : Repository.read(path).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            keys.add(trimmed.split("=", 2)[0].strip());
        }
        return keys;
    }
}
