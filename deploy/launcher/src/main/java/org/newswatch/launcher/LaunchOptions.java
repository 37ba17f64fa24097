package org.newswatch.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * What the launcher was asked to do. deploy/local/up and down pass the repository root and the state directory
 * as system properties ({@code newswatch.repo}, {@code newswatch.local.home}); the build flags (--build,
 * --no-build) are the scripts' and never get here.
 */
record LaunchOptions(Command command, boolean detach, Duration healthTimeout, Path repository, Path stateDirectory) {

    enum Command {
        UP, DOWN, STATUS
    }

    static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(120);
    static final String USAGE = "usage: deploy/local/up [--detach] [--timeout SECONDS] [--build|--no-build]"
            + " | deploy/local/down | deploy/local/status";

    static LaunchOptions parse(String[] args, Properties system) {
        if (args.length == 0) {
            throw new LaunchFailure(USAGE);
        }
        Command command = switch (args[0]) {
            case "up" -> Command.UP;
            case "down" -> Command.DOWN;
            case "status" -> Command.STATUS;
            default -> throw new LaunchFailure("unknown command '" + args[0] + "'; " + USAGE);
        };
        boolean detach = false;
        Duration timeout = DEFAULT_HEALTH_TIMEOUT;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (command == Command.UP && (arg.equals("--detach") || arg.equals("-d"))) {
                detach = true;
            } else if (command == Command.UP && arg.equals("--timeout") && i + 1 < args.length) {
                timeout = seconds(args[++i]);
            } else if (command == Command.UP && arg.startsWith("--timeout=")) {
                timeout = seconds(arg.substring("--timeout=".length()));
            } else {
                throw new LaunchFailure("unknown option '" + arg + "'; " + USAGE);
            }
        }
        Path repository = Path.of(system.getProperty("newswatch.repo", ".")).toAbsolutePath().normalize();
        String home = system.getProperty(OwnedProcesses.HOME_PROPERTY);
        Path state = home != null ? Path.of(home) : repository.resolve("deploy/local/.state");
        return new LaunchOptions(command, detach, timeout, repository, state.toAbsolutePath().normalize());
    }

    private static Duration seconds(String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new LaunchFailure("--timeout takes a positive number of seconds, not '" + value + "'");
    }
}
