package org.diplomacytracker.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.stream.Stream;
import org.diplomacytracker.events.DevelopmentJson;
import org.junit.jupiter.api.Test;

/**
 * The arrows of the module map, read from the compiled classes: events knows only the JDK and
 * Jackson; core never touches Vert.x or the web layer. A class's constant pool names every type it
 * uses, so a forbidden package shows up as a string in the class file.
 */
class ArchitectureTest {

    /** Each compiled class of the module holding {@code anchor} (a folder, or a jar outside the reactor). */
    private static Map<String, byte[]> classesOf(Class<?> anchor) {
        Map<String, byte[]> classes = new TreeMap<>();
        try {
            Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        classes.put(root.relativize(p).toString(), Files.readAllBytes(p));
                    }
                }
            } else {
                try (ZipFile jar = new ZipFile(root.toFile())) {
                    for (ZipEntry e : Collections.list(jar.entries())) {
                        if (e.getName().endsWith(".class")) {
                            classes.put(e.getName(), jar.getInputStream(e).readAllBytes());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return classes;
    }

    private static List<String> offenders(Map<String, byte[]> classes, String... forbidden) {
        return classes.entrySet().stream().filter(c -> {
            String pool = new String(c.getValue(), StandardCharsets.ISO_8859_1);
            return Stream.of(forbidden).anyMatch(pool::contains);
        }).map(Map.Entry::getKey).toList();
    }

    @Test
    void eventsDependsOnNothingButTheJdkAndJackson() {
        Map<String, byte[]> classes = classesOf(DevelopmentJson.class);
        assertThat(classes).hasSizeGreaterThan(20);
        assertThat(offenders(classes, "org/axonframework", "io/vertx", "org/diplomacytracker/core",
                "org/diplomacytracker/web")).isEmpty();
    }

    @Test
    void coreNeverImportsVertxNorTheWebLayer() {
        Map<String, byte[]> classes = classesOf(Tracker.class);
        assertThat(classes).hasSizeGreaterThan(20);
        assertThat(offenders(classes, "io/vertx", "org/diplomacytracker/web")).isEmpty();
        // the scan does see what a class uses: core is built on Axon
        assertThat(offenders(classes, "org/axonframework")).isNotEmpty();
    }
}
