package org.kollussuite.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Parses YAML text, one or many documents, into plain maps and lists (merge keys resolved). */
final class YamlDocuments {

    private YamlDocuments() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parseAll(String text, String origin) {
        List<Map<String, Object>> documents = new ArrayList<>();
        int index = 0;
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            index++;
            if (document == null) {
                continue;
            }
            if (!(document instanceof Map)) {
                throw new AssertionError(origin + ": document " + index + " is not a mapping");
            }
            documents.add((Map<String, Object>) document);
        }
        return documents;
    }

    static Map<String, Object> parseOne(String text, String origin) {
        List<Map<String, Object>> documents = parseAll(text, origin);
        if (documents.size() != 1) {
            throw new AssertionError(origin + ": expected one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }
}
