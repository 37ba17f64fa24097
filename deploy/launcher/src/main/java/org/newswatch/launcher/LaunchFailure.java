package org.newswatch.launcher;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A reason to stop {@code up} that the user can act on. The message is the one line printed; it says what is
 * wrong and how to fix it, so no stack trace is shown. A failure of one component may name its log, whose last
 * lines are shown below that line.
 */
final class LaunchFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path log;

    LaunchFailure(String message) {
        this(message, (Path) null);
    }

    LaunchFailure(String message, Path log) {
        super(message);
        this.log = log;
    }

    LaunchFailure(String message, Throwable cause) {
        super(message, cause);
        this.log = null;
    }

    Optional<Path> log() {
        return Optional.ofNullable(log);
    }
}
