package org.newswatch.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Which processes belong to this checkout's local stack, and how to stop them. A pid file alone is not proof:
 * after a crash or a reboot the pid may belong to something else. Every Java process the launcher starts
 * carries two markers on its command line, its component name and the state directory, and only a live
 * process whose command line has both is treated as ours.
 */
final class OwnedProcesses {

    static final String COMPONENT_PROPERTY = "newswatch.local.component";
    static final String HOME_PROPERTY = "newswatch.local.home";

    // How long each part may take to stop once asked (see stop), before it is killed.
    static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(30);
    /** Kafka's controlled shutdown; a single node takes a few seconds. */
    static final Duration KAFKA_STOP_GRACE = Duration.ofSeconds(60);
    /** PostgreSQL's fast shutdown. */
    static final Duration POSTGRES_STOP_GRACE = Duration.ofSeconds(60);
    /** A running up stops everything itself (services, Kafka, PostgreSQL, one after another) before it exits. */
    static final Duration UP_LAUNCHER_STOP_GRACE = SERVICE_STOP_GRACE.plus(KAFKA_STOP_GRACE)
            .plus(POSTGRES_STOP_GRACE).plus(Duration.ofSeconds(30));
    /** How long a killed process may take to go away. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final StateDirectory state;

    OwnedProcesses(StateDirectory state) {
        this.state = state;
    }

    /** The JVM arguments that mark a process as {@code component} of this stack. */
    List<String> markers(String component) {
        return List.of("-D" + COMPONENT_PROPERTY + "=" + component, "-D" + HOME_PROPERTY + "=" + state.root());
    }

    boolean isOurs(ProcessHandle process, String component) {
        if (!process.isAlive()) {
            return false;
        }
        List<String> arguments = commandLine(process.pid());
        return arguments.containsAll(markers(component));
    }

    /**
     * The running process of {@code component}: the one in its pid file when that is really ours, else one
     * found by its markers (a pid file lost in a crash). Removes a pid file that points at anything else.
     */
    Optional<ProcessHandle> find(String component) {
        OptionalLong recorded = state.readPid(component);
        if (recorded.isPresent()) {
            Optional<ProcessHandle> process = ProcessHandle.of(recorded.getAsLong());
            if (process.isPresent() && isOurs(process.get(), component)) {
                return process;
            }
            state.deletePid(component);
        }
        Optional<ProcessHandle> found = findAll(component).stream().findFirst();
        found.ifPresent(p -> state.writePid(component, p.pid()));
        return found;
    }

    /**
     * Every running process of {@code component}, found by its markers alone, oldest first. For the launchers
     * themselves: two foreground ups can run at once, and the pid file names only the later one.
     */
    List<ProcessHandle> findAll(String component) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> isOurs(p, component))
                .sorted(Comparator.comparing((ProcessHandle p) -> p.info().startInstant().orElse(Instant.MAX))
                        .thenComparingLong(ProcessHandle::pid))
                .toList();
    }

    /** The state directories of other checkouts' local stacks that have processes running. */
    Set<Path> otherStacks() {
        String prefix = "-D" + HOME_PROPERTY + "=";
        Set<Path> others = new TreeSet<>();
        ProcessHandle.allProcesses().forEach(p -> {
            List<String> arguments = commandLine(p.pid());
            if (arguments.stream().anyMatch(a -> a.startsWith("-D" + COMPONENT_PROPERTY + "="))) {
                arguments.stream().filter(a -> a.startsWith(prefix)).map(a -> Path.of(a.substring(prefix.length())))
                        .filter(home -> !home.equals(state.root())).findFirst().ifPresent(others::add);
            }
        });
        return others;
    }

    /**
     * A process's arguments, argv[0] first. On Linux read from /proc, which is complete and not truncated; an
     * empty list when the process is gone, a zombie, or not ours to read.
     */
    static List<String> commandLine(long pid) {
        Path procCmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        if (Files.isDirectory(Path.of("/proc", "self"))) {
            try {
                byte[] raw = Files.readAllBytes(procCmdline);
                if (raw.length == 0) {
                    return List.of();
                }
                String joined = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
                if (joined.endsWith("\0")) {
                    joined = joined.substring(0, joined.length() - 1);
                }
                return Arrays.asList(joined.split("\0", -1));
            } catch (IOException e) {
                return List.of();
            }
        }
        return ProcessHandle.of(pid).map(p -> {
            List<String> arguments = new ArrayList<>();
            p.info().command().ifPresent(arguments::add);
            p.info().arguments().ifPresent(a -> arguments.addAll(Arrays.asList(a)));
            return arguments;
        }).orElse(List.of());
    }

    /** How a process is first asked to stop. */
    enum Signal {
        /** SIGTERM: the JVM's orderly shutdown (Quarkus, Kafka). */
        TERM,
        /** SIGINT: PostgreSQL's "fast" shutdown (SIGTERM would wait for every client to disconnect). */
        INT
    }

    /**
     * Asks the process to stop, waits up to {@code grace}, then kills it. Returns true when it stopped on its own.
     */
    static boolean stop(ProcessHandle process, Signal signal, Duration grace) {
        if (!isRunning(process)) {
            return true;
        }
        send(process, signal);
        if (awaitExit(process, grace)) {
            return true;
        }
        process.destroyForcibly();
        awaitExit(process, KILL_WAIT);
        return false;
    }

    private static void send(ProcessHandle process, Signal signal) {
        if (signal == Signal.TERM) {
            process.destroy();
            return;
        }
        // ProcessHandle can only send SIGTERM and SIGKILL.
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal.name(), Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Polls every 100 ms: for a process that is not our child, ProcessHandle.onExit() polls with a growing
     * sleep from 300 ms, which would add seconds to every stop.
     */
    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(process)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            if (!Pause.sleep(100)) {
                return !isRunning(process);
            }
        }
        return true;
    }

    /**
     * Alive and not a zombie. A detached process that exits waits as a zombie until init reaps it, which some
     * container inits do only every second or so; it is gone for our purposes (and holds no port or file).
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            // No /proc (macOS) or the process just went away: trust isAlive.
            return process.isAlive();
        }
    }
}
