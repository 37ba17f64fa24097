package org.newswatch.classifier.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicCatalogTest {

    @Test
    void shipsBothTopicsWithAVersionThatHashesTheFiles() {
        TopicCatalog catalog = TopicCatalog.bundled();
        assertEquals(List.of("icc-sanctions", "judicial-independence"),
                catalog.topics().stream().map(TopicDefinition::id).toList());
        assertTrue(catalog.version().matches(TopicCatalog.ENGINE_VERSION.replace(".", "\\.") + "\\+[0-9a-f]{10}"),
                catalog.version());
        assertEquals(catalog.version(), TopicCatalog.bundled().version(), "the same files give the same version");
    }

    @Test
    void theIndexListsEveryShippedTopicFile() throws IOException {
        Set<String> files;
        try (Stream<Path> list = Files.list(Path.of("src/main/resources/topics"))) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .collect(Collectors.toSet());
        }
        Set<String> indexed = Files.readAllLines(Path.of("src/main/resources/topics/index.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toSet());
        assertEquals(files, indexed);
    }

    @Test
    void aDirectoryReplacesAndExtendsTheShippedTopics(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("demo.yaml"), TopicFileReaderTest.VALID);
        String changed = new String(getClass().getClassLoader().getResourceAsStream("topics/icc-sanctions.yaml")
                .readAllBytes()).replace("threshold: 0.5", "threshold: 0.6");
        Files.writeString(dir.resolve("icc-sanctions.yaml"), changed);

        TopicCatalog catalog = TopicCatalog.load(Optional.of(dir));
        assertEquals(List.of("demo", "icc-sanctions", "judicial-independence"),
                catalog.topics().stream().map(TopicDefinition::id).toList());
        assertEquals(0.6, catalog.topic("icc-sanctions").orElseThrow().threshold());
        assertNotEquals(TopicCatalog.bundled().version(), catalog.version(), "an edited topic is a new version");
    }

    @Test
    void aBrokenFileInTheDirectoryStopsTheLoadNamingIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("demo.yaml"), TopicFileReaderTest.VALID.replace("threshold: 0.5", "threshold: 0"));
        TopicDefinitionException e = assertThrows(TopicDefinitionException.class,
                () -> TopicCatalog.load(Optional.of(dir)));
        assertTrue(e.getMessage().contains(dir.resolve("demo.yaml") + ": threshold:"), e.getMessage());
    }

    @Test
    void aMissingDirectoryIsAnError(@TempDir Path dir) {
        TopicDefinitionException e = assertThrows(TopicDefinitionException.class,
                () -> TopicCatalog.load(Optional.of(dir.resolve("nope"))));
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
    }

    @Test
    void twoFilesForOneTopicAreAnError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("demo.yaml"), TopicFileReaderTest.VALID);
        Files.writeString(dir.resolve("demo.yml"), TopicFileReaderTest.VALID);
        TopicDefinitionException e = assertThrows(TopicDefinitionException.class,
                () -> TopicCatalog.load(Optional.of(dir)));
        assertTrue(e.getMessage().contains("defines the same topic as"), e.getMessage());
    }
}
