package org.kollussuite.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Files of the repository the tests check; its root comes from the suite.root system property. */
final class Repository {

    static final Path ROOT = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();

    private Repository() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        return read(path(relative));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String relative(Path file) {
        return ROOT.relativize(file.toAbsolutePath().normalize()).toString();
    }

    /** Every .yaml/.yml file under a directory, kustomization files excluded, in a stable order. */
    static List<Path> manifestFiles(String directory) {
        try (Stream<Path> files = Files.walk(path(directory))) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches(".*\\.ya?ml"))
                    .filter(f -> !f.getFileName().toString().matches("kustomization\\.ya?ml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kustomizations the tests render: the base and every overlay directory. */
    static List<String> kustomizations() {
        try (Stream<Path> overlays = Files.list(path("k8s/overlays"))) {
            return Stream.concat(Stream.of("k8s/base"),
                    overlays.filter(Files::isDirectory).sorted().map(Repository::relative)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
