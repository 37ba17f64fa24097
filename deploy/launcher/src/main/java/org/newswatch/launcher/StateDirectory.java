package org.newswatch.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * deploy/local/.state: everything the local stack keeps between runs. Git-ignored, never cleaned by the
 * launcher, so topics, databases and logs survive {@code down} and {@code up}.
 *
 * <pre>
 * .state/
 *   logs/&lt;component&gt;.log (+ .log.1, the run before)
 *   pids/&lt;component&gt;.pid
 *   kafka/server.properties, kafka/log4j2.properties, kafka/data/
 *   postgres/PG-&lt;digest&gt;/ (unpacked binaries), postgres/data/
 *   postgres/zonky/ (always empty: zonky's working directory, see PostgresServer)
 *   launcher.lock
 *   service.key (owner-only: the key the services require on their mutating endpoints)
 *   admin.key (owner-only: the gateway's admin API key, unless NEWSWATCH_ADMIN_KEY is set)
 * </pre>
 */
final class StateDirectory {

    private final Path root;

    StateDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Path logs() {
        return root.resolve("logs");
    }

    Path pids() {
        return root.resolve("pids");
    }

    Path kafka() {
        return root.resolve("kafka");
    }

    Path kafkaData() {
        return kafka().resolve("data");
    }

    Path postgres() {
        return root.resolve("postgres");
    }

    Path postgresData() {
        return postgres().resolve("data");
    }

    /**
     * zonky's working directory, which it searches for stale data directories to stop and delete: empty, and
     * not postgres/ itself, where data/ would count as stale 10 minutes after the last start.
     */
    Path zonkyWorkingDirectory() {
        return postgres().resolve("zonky");
    }

    Path serviceKeyFile() {
        return root.resolve("service.key");
    }

    Path adminKeyFile() {
        return root.resolve("admin.key");
    }

    /** The key the services require on their mutating endpoints (see {@link #keyIn}). */
    String serviceKey() {
        return keyIn(serviceKeyFile(), "");
    }

    /** The gateway's admin API key, for the user's first calls and the dashboard (see {@link #keyIn}). */
    String adminKey() {
        return keyIn(adminKeyFile(), "nwk_");
    }

    /**
     * A key kept in {@code file}, created on first use: 32 random bytes, URL-safe base64 after {@code prefix}, in a
     * file only the owner can read, so that it survives restarts and the user can read it.
     */
    private String keyIn(Path file, String prefix) {
        try {
            if (Files.isRegularFile(file)) {
                String key = Files.readString(file, StandardCharsets.US_ASCII).trim();
                if (!key.isEmpty()) {
                    return key;
                }
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String key = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(root);
            Path temporary = Files.createTempFile(root, file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, key + "\n", StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new LaunchFailure("cannot read or create the key " + file + ": " + e.getMessage(), e);
        }
    }

    Path lockFile() {
        return root.resolve("launcher.lock");
    }

    Path logFile(String component) {
        return logs().resolve(component + ".log");
    }

    Path pidFile(String component) {
        return pids().resolve(component + ".pid");
    }

    void createDirectories() {
        try {
            Files.createDirectories(logs());
            Files.createDirectories(pids());
            Files.createDirectories(kafkaData());
            Files.createDirectories(postgres());
        } catch (IOException e) {
            throw new LaunchFailure("cannot create the state directory " + root + ": " + e.getMessage()
                    + " (check that it is writable)", e);
        }
    }

    /** Keeps the previous run's log as .log.1 so a restart does not hide why the last one failed. */
    Path rotateLog(String component) {
        Path log = logFile(component);
        try {
            if (Files.exists(log) && Files.size(log) > 0) {
                Files.move(log, log.resolveSibling(component + ".log.1"), StandardCopyOption.REPLACE_EXISTING);
            }
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void writePid(String component, long pid) {
        try {
            Files.createDirectories(pids());
            Files.writeString(pidFile(component), pid + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pid in the component's pid file, if there is a readable one. */
    OptionalLong readPid(String component) {
        return readFirstLinePid(pidFile(component));
    }

    void deletePid(String component) {
        try {
            Files.deleteIfExists(pidFile(component));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number on the first line of a pid file (our own, or PostgreSQL's postmaster.pid). */
    static OptionalLong readFirstLinePid(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return OptionalLong.empty();
            }
            String content = Files.readString(file, StandardCharsets.US_ASCII);
            String first = content.lines().findFirst().orElse("").trim();
            return first.matches("[0-9]{1,10}") ? OptionalLong.of(Long.parseLong(first)) : OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
