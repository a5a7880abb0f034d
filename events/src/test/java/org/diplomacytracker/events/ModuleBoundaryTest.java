package org.diplomacytracker.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The published language knows only the JDK and Jackson: no framework may leak into it. */
class ModuleBoundaryTest {

    @Test
    void noClassOfThePublishedLanguageMentionsAxonOrVertx() throws IOException, URISyntaxException {
        Path classes = Path.of(Development.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(classes)) {
            classFiles = files.filter(f -> f.toString().endsWith(".class")).toList();
        }

        assertThat(classFiles).hasSizeGreaterThan(20);
        for (Path classFile : classFiles) {
            // class names appear in the constant pool as plain (modified) UTF-8
            String constants = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
            assertThat(constants).as(classFile.toString()).doesNotContain("org/axonframework", "io/vertx");
        }
    }
}
