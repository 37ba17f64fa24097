package org.newswatch.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Starts the stack's long-running processes (Kafka, the services) so that they outlive the launcher and do not
 * see the terminal's Ctrl-C: each runs in a session of its own ({@code setsid}), stdin from /dev/null, stdout
 * and stderr to its log file, its pid in .state/pids. Ctrl-C reaches only the launcher, which then stops
 * everything in order.
 *
 * <p>Children inherit the launcher's environment without the external database's credentials
 * ({@code NEWSWATCH_DB_*}) and the admin key: they get only what their start adds (see {@link #childEnvironment}).
 *
 * <p>It is also the guard around every start step: a step runs only until {@link #refuseNewStarts()}, which the
 * stop takes before it looks for anything to stop.
 */
final class DetachedProcessStarter {

    static final File DEV_NULL = new File("/dev/null");

    private final StateDirectory state;
    private final String setsid;
    private boolean refused;

    DetachedProcessStarter(StateDirectory state) {
        this.state = state;
        this.setsid = findOnPath("setsid");
    }

    /** The java of the JVM running the launcher: the same one the user's scripts checked. */
    static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }

    /**
     * Runs one start step (PostgreSQL's start, Kafka's format and start, a service's start) unless
     * {@link #refuseNewStarts()} ran, holding the guard for the whole step. So a Ctrl-C during start-up either
     * waits for the step under way, and then stops what it started, or keeps the step from starting: nothing
     * started after the stop looked for what to stop can outlive the launcher.
     */
    synchronized <T> T startStep(String what, Supplier<T> step) {
        if (refused) {
            throw new LaunchFailure("stopping: " + what + " was not started");
        }
        return step.get();
    }

    /** Starts {@code command} as one start step (see {@link #startStep}). */
    Process start(String component, List<String> command, Map<String, String> environment, Path log) {
        return startStep(component, () -> startDetached(component, command, environment, log));
    }

    private Process startDetached(String component, List<String> command, Map<String, String> environment,
            Path log) {
        List<String> full = new ArrayList<>();
        if (setsid != null) {
            full.add(setsid);
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(state.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        setEnvironment(builder, environment);
        try {
            Process process = builder.start();
            // setsid execs the command in place (its caller is no group leader), so this pid is the JVM's.
            state.writePid(component, process.pid());
            return process;
        } catch (IOException e) {
            throw new LaunchFailure("cannot start " + component + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether a variable of the launcher's environment is kept from every child: the external database's URL,
     * user and password are the launcher's alone, and NEWSWATCH_ADMIN_KEY and NEWSWATCH_SERVICE_KEY go to the
     * services only ({@link ServiceProcess#environment} adds them).
     */
    static boolean withheld(String name) {
        return name.startsWith("NEWSWATCH_DB_") || name.equals(ServiceProcess.ADMIN_KEY_VARIABLE)
                || name.equals(ServiceProcess.SERVICE_KEY_VARIABLE);
    }

    /**
     * A child's environment: the inherited one without the {@link #withheld} variables, plus {@code added}, where
     * a null value removes an inherited variable.
     */
    static Map<String, String> childEnvironment(Map<String, String> inherited, Map<String, String> added) {
        Map<String, String> environment = new HashMap<>(inherited);
        environment.keySet().removeIf(DetachedProcessStarter::withheld);
        added.forEach((name, value) -> {
            if (value == null) {
                environment.remove(name);
            } else {
                environment.put(name, value);
            }
        });
        return environment;
    }

    /** Sets the {@link #childEnvironment} on a builder, which starts with the launcher's environment. */
    static void setEnvironment(ProcessBuilder builder, Map<String, String> added) {
        Map<String, String> environment = childEnvironment(builder.environment(), added);
        builder.environment().clear();
        builder.environment().putAll(environment);
    }

    /** No more starts from now on; first waits for a start step that is under way to finish. */
    synchronized void refuseNewStarts() {
        refused = true;
    }

    static String findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
