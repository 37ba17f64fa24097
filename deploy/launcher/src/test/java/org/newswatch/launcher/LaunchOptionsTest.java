package org.newswatch.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    private final Properties system = new Properties();

    @Test
    void upDefaultsToForegroundAndTwoMinutes() {
        system.setProperty("newswatch.repo", "/repo");

        LaunchOptions options = LaunchOptions.parse(new String[] {"up"}, system);

        assertEquals(LaunchOptions.Command.UP, options.command());
        assertFalse(options.detach());
        assertEquals(Duration.ofSeconds(120), options.healthTimeout());
        assertEquals(Path.of("/repo/deploy/local/.state"), options.stateDirectory());
    }

    @Test
    void detachAndTimeout() {
        LaunchOptions options = LaunchOptions.parse(new String[] {"up", "--detach", "--timeout", "30"}, system);

        assertTrue(options.detach());
        assertEquals(Duration.ofSeconds(30), options.healthTimeout());
        assertEquals(Duration.ofSeconds(45),
                LaunchOptions.parse(new String[] {"up", "--timeout=45"}, system).healthTimeout());
    }

    @Test
    void stateDirectoryFromTheScripts() {
        system.setProperty("newswatch.local.home", "/somewhere/.state");

        assertEquals(Path.of("/somewhere/.state"), LaunchOptions.parse(new String[] {"down"}, system).stateDirectory());
    }

    @Test
    void unknownInputIsRefused() {
        assertThrows(LaunchFailure.class, () -> LaunchOptions.parse(new String[] {}, system));
        assertThrows(LaunchFailure.class, () -> LaunchOptions.parse(new String[] {"restart"}, system));
        assertThrows(LaunchFailure.class, () -> LaunchOptions.parse(new String[] {"down", "--detach"}, system));
        assertThrows(LaunchFailure.class, () -> LaunchOptions.parse(new String[] {"up", "--timeout", "soon"}, system));
        assertThrows(LaunchFailure.class, () -> LaunchOptions.parse(new String[] {"up", "--timeout", "0"}, system));
    }
}
