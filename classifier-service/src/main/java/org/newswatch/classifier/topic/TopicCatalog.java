package org.newswatch.classifier.topic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The topics the classifier knows: those shipped in {@code src/main/resources/topics/} (listed in
 * {@code topics/index.txt}), replaced or extended by the files of a directory given in configuration.
 * The classifier version is {@link #ENGINE_VERSION} plus a hash of the effective files' contents, so any
 * edit of a topic gives a new version, and the same files always give the same one.
 */
public final class TopicCatalog {

    /** Bumped whenever the matching or scoring code changes what a topic file means. */
    public static final String ENGINE_VERSION = "1.0";
    static final String BUNDLED_DIRECTORY = "topics/";
    static final String BUNDLED_INDEX = BUNDLED_DIRECTORY + "index.txt";

    private final List<TopicDefinition> topics;
    private final String version;

    private TopicCatalog(List<TopicDefinition> topics, String version) {
        this.topics = List.copyOf(topics);
        this.version = version;
    }

    /** The topics, sorted by id. */
    public List<TopicDefinition> topics() {
        return topics;
    }

    /** {@code <engine>+<first 10 hex digits of the SHA-256 of the topic files>}, e.g. {@code 1.0+3fa2c4d9e1}. */
    public String version() {
        return version;
    }

    public Optional<TopicDefinition> topic(String id) {
        return topics.stream().filter(topic -> topic.id().equals(id)).findFirst();
    }

    /** The shipped topics only. */
    public static TopicCatalog bundled() {
        return load(Optional.empty());
    }

    /**
     * The shipped topics, with the files of {@code directory} (if given) replacing topics of the same id and
     * adding new ones.
     *
     * @throws TopicDefinitionException listing every problem of every file
     */
    public static TopicCatalog load(Optional<Path> directory) {
        Map<String, Source> sources = new TreeMap<>();
        List<TopicDefinitionException.Problem> problems = new ArrayList<>();
        for (Source source : bundledSources()) {
            sources.put(TopicFileReader.baseName(source.name()), source);
        }
        if (directory.isPresent()) {
            Map<String, Source> overrides = new TreeMap<>();
            for (Source source : directorySources(directory.get(), problems)) {
                Source previous = overrides.put(TopicFileReader.baseName(source.name()), source);
                if (previous != null) {
                    problems.add(new TopicDefinitionException.Problem(source.name(), "",
                            "defines the same topic as " + previous.name() + "; keep one file per topic"));
                }
            }
            sources.putAll(overrides);
        }
        return fromSources(List.copyOf(sources.values()), problems);
    }

    /** A catalog of the given files only (tests and tools). */
    public static TopicCatalog of(List<Source> files) {
        return fromSources(files, new ArrayList<>());
    }

    private static TopicCatalog fromSources(List<Source> sources, List<TopicDefinitionException.Problem> problems) {
        Map<String, TopicDefinition> topics = new TreeMap<>();
        for (Source source : sources) {
            try {
                TopicDefinition topic = TopicFileReader.read(source.name(), source.content());
                TopicDefinition previous = topics.put(topic.id(), topic);
                if (previous != null) {
                    problems.add(new TopicDefinitionException.Problem(source.name(), "id",
                            "topic '" + topic.id() + "' is defined in " + previous.source() + " too"));
                }
            } catch (TopicDefinitionException e) {
                problems.addAll(e.problems());
            }
        }
        if (topics.isEmpty() && problems.isEmpty()) {
            problems.add(new TopicDefinitionException.Problem("topics", "", "no topic is defined"));
        }
        if (!problems.isEmpty()) {
            throw new TopicDefinitionException(problems);
        }
        return new TopicCatalog(List.copyOf(topics.values()), ENGINE_VERSION + "+" + hash(sources));
    }

    private static String hash(List<Source> sources) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            sources.stream().sorted((a, b) -> TopicFileReader.baseName(a.name())
                    .compareTo(TopicFileReader.baseName(b.name()))).forEach(source -> {
                digest.update(TopicFileReader.baseName(source.name()).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                // Line endings must not change the version: a checkout on Windows is the same topic.
                digest.update(source.content().replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            });
            return HexFormat.of().formatHex(digest.digest()).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static List<Source> bundledSources() {
        ClassLoader loader = TopicCatalog.class.getClassLoader();
        String index = resource(loader, BUNDLED_INDEX)
                .orElseThrow(() -> new IllegalStateException("the classpath has no " + BUNDLED_INDEX));
        List<Source> sources = new ArrayList<>();
        for (String line : index.split("\\R")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            String path = BUNDLED_DIRECTORY + name;
            String content = resource(loader, path).orElseThrow(() -> new IllegalStateException(
                    BUNDLED_INDEX + " lists " + name + ", but the classpath has no " + path));
            sources.add(new Source("classpath:" + path, content));
        }
        return sources;
    }

    private static Optional<String> resource(ClassLoader loader, String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " from the classpath", e);
        }
    }

    private static List<Source> directorySources(Path directory, List<TopicDefinitionException.Problem> problems) {
        List<Source> sources = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            problems.add(new TopicDefinitionException.Problem(directory.toString(), "",
                    "is not a directory (newswatch.classifier.topics-dir)"));
            return sources;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.{yaml,yml,json}")) {
            for (Path file : files) {
                sources.add(new Source(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            problems.add(new TopicDefinitionException.Problem(directory.toString(), "", "cannot be read: " + e));
        }
        sources.sort((a, b) -> a.name().compareTo(b.name()));
        return sources;
    }

    /** A topic file: its name for messages and its text. */
    public record Source(String name, String content) {
    }
}
