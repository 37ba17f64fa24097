package org.newswatch.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL server: the zonky binaries from Maven Central, unpacked into .state/postgres, with its
 * data directory in .state/postgres/data. zonky starts it with {@code pg_ctl -w start}, which detaches the
 * postmaster, so the server outlives the launcher JVM ({@code up --detach}).
 */
final class PostgresServer {

    static final String COMPONENT = "postgres";

    /**
     * zonky's working directory: on every start it looks at each folder in it, and stops the postmaster of and
     * deletes every one whose epg-lock is older than 10 minutes and not locked. Its default,
     * $TMPDIR/embedded-pg, holds the data directories of other zonky users (test runs).
     */
    static final String ZONKY_WORKING_DIR_PROPERTY = "ot.epg.working-dir";
    /** zonky's lock file in the data directory, locked for as long as its EmbeddedPostgres object lives. */
    static final String ZONKY_LOCK_FILE = "epg-lock";

    private final StateDirectory state;

    PostgresServer(StateDirectory state) {
        this.state = state;
    }

    Path postmasterPidFile() {
        return state.postgresData().resolve("postmaster.pid");
    }

    /** The postmaster of our data directory, if one is running. */
    Optional<ProcessHandle> findRunning() {
        OptionalLong recorded = StateDirectory.readFirstLinePid(postmasterPidFile());
        if (recorded.isPresent()) {
            Optional<ProcessHandle> process = ProcessHandle.of(recorded.getAsLong()).filter(this::isOurPostmaster);
            if (process.isPresent()) {
                return process;
            }
        }
        // postmaster.pid lost or overwritten: look for a postmaster serving our data directory.
        return ProcessHandle.allProcesses().filter(this::isOurPostmaster).findFirst();
    }

    /** A live "postgres -D <our data directory>" process (the postmaster; its children are "postgres: ..."). */
    boolean isOurPostmaster(ProcessHandle process) {
        return process.isAlive() && isPostmasterOf(OwnedProcesses.commandLine(process.pid()), state.postgresData());
    }

    static boolean isPostmasterOf(List<String> commandLine, Path dataDirectory) {
        if (commandLine.isEmpty()) {
            return false;
        }
        String program = commandLine.get(0);
        if (!(program.equals("postgres") || program.endsWith("/postgres"))) {
            return false;
        }
        int dataFlag = commandLine.indexOf("-D");
        return dataFlag >= 0 && dataFlag + 1 < commandLine.size()
                && Path.of(commandLine.get(dataFlag + 1)).toAbsolutePath().normalize().equals(dataDirectory);
    }

    /** Starts the server on 127.0.0.1:5432 and returns its postmaster. */
    ProcessHandle start() {
        removeStalePostmasterPid();
        removeUnfinishedInitdb();
        File log = state.rotateLog(COMPONENT).toFile();
        // Read when the builder is made: only our own, always empty, folder is searched for stale servers.
        System.setProperty(ZONKY_WORKING_DIR_PROPERTY, state.zonkyWorkingDirectory().toString());
        try {
            EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(state.postgres().toFile())
                    .setDataDirectory(state.postgresData())
                    .setCleanDataDirectory(false)
                    .setPort(DatabaseTarget.EMBEDDED_PORT)
                    .setServerConfig("listen_addresses", DatabaseTarget.EMBEDDED_HOST)
                    // zonky passes -F (fsync off), right for throwaway test data, wrong for state that must
                    // survive a crash; a later -c wins.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // Only TCP on 127.0.0.1: no socket file in /tmp to collide with another server's.
                    .setServerConfig("unix_socket_directories", "")
                    // The same text rules on every machine, whatever LANG says and whichever OS locales
                    // exist (the builtin provider needs PostgreSQL 17 or later).
                    .setLocaleConfig("locale", "C")
                    .setLocaleConfig("locale-provider", "builtin")
                    .setLocaleConfig("builtin-locale", "C.UTF-8")
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log))
                    .start();
        } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
            if (rootMessage(e).contains("Missing embedded postgres binaries")) {
                throw new LaunchFailure("this build has no embedded PostgreSQL binaries for "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "; set "
                        + DatabaseTarget.URL_VARIABLE + " to an existing PostgreSQL server", e);
            }
            throw new LaunchFailure("PostgreSQL did not start (" + rootMessage(e) + "); see " + log, log.toPath());
        } finally {
            releaseZonkyLock();
            // zonky makes its working directory world-writable; ours is private to this checkout.
            File home = state.postgres().toFile();
            home.setWritable(false, false);
            home.setWritable(true, true);
        }
        return findRunning().orElseThrow(() -> new LaunchFailure(
                "PostgreSQL started but its postmaster is not running; see " + log));
    }

    /**
     * zonky keeps data/epg-lock locked until its EmbeddedPostgres is closed, which would stop the server (that
     * must outlive a detached up), so until this JVM exits: a foreground up would keep every other up from
     * starting PostgreSQL again ("could not lock"). The launcher lock already keeps two starts apart, so the
     * file is deleted; the next start creates and locks a new one.
     */
    private void releaseZonkyLock() {
        try {
            Files.deleteIfExists(state.postgresData().resolve(ZONKY_LOCK_FILE));
        } catch (IOException e) {
            // The next start fails with "could not lock", naming the file.
        }
    }

    /** Fast shutdown (SIGINT); returns false when it had to be killed. */
    boolean stop(ProcessHandle postmaster) {
        return OwnedProcesses.stop(postmaster, OwnedProcesses.Signal.INT, OwnedProcesses.POSTGRES_STOP_GRACE);
    }

    /**
     * After a crash postmaster.pid stays behind. PostgreSQL removes it itself unless its pid now belongs to
     * some other live process, and then it refuses to start; since no postmaster of ours is running, it is stale.
     */
    private void removeStalePostmasterPid() {
        try {
            Files.deleteIfExists(postmasterPidFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * zonky runs initdb when postgresql.conf is missing, and initdb refuses a non-empty directory: clear what an
     * interrupted first start left (there is no database in a directory without postgresql.conf).
     */
    private void removeUnfinishedInitdb() {
        Path data = state.postgresData();
        if (!Files.isDirectory(data) || Files.exists(data.resolve("postgresql.conf"))) {
            return;
        }
        try (Stream<Path> files = Files.walk(data)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(data)) {
                    Files.delete(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
