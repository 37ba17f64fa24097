package org.newswatch.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * With real processes: {@code sh -c <loop> <markers>} carries the markers on its command line like our JVMs (a
 * loop, so that no shell replaces itself with its last command).
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class OwnedProcessesTest {

    @TempDir
    Path root;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    private Process sleeper(List<String> markers) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "while :; do sleep 1; done"));
        command.addAll(markers);
        Process process = new ProcessBuilder(command).start();
        started.add(process);
        return process;
    }

    @Test
    void aProcessWithBothMarkersIsOursAndFoundFromItsPidFile() throws IOException {
        StateDirectory state = new StateDirectory(root);
        state.createDirectories();
        OwnedProcesses processes = new OwnedProcesses(state);
        Process process = sleeper(processes.markers("kafka"));
        state.writePid("kafka", process.pid());

        assertTrue(processes.isOurs(process.toHandle(), "kafka"));
        assertFalse(processes.isOurs(process.toHandle(), "api-gateway"));
        assertEquals(Optional.of(process.pid()), processes.find("kafka").map(ProcessHandle::pid));
    }

    @Test
    void findAllFindsEveryProcessOfTheComponentAndNothingElse() throws IOException {
        StateDirectory state = new StateDirectory(root.resolve("a"));
        state.createDirectories();
        OwnedProcesses processes = new OwnedProcesses(state);
        Process first = sleeper(processes.markers(LocalStack.UP_LAUNCHER));
        Process second = sleeper(processes.markers(LocalStack.UP_LAUNCHER));
        sleeper(processes.markers("kafka"));
        sleeper(new OwnedProcesses(new StateDirectory(root.resolve("b"))).markers(LocalStack.UP_LAUNCHER));
        state.writePid(LocalStack.UP_LAUNCHER, second.pid());

        List<Long> found = processes.findAll(LocalStack.UP_LAUNCHER).stream().map(ProcessHandle::pid).toList();

        assertEquals(2, found.size(), found.toString());
        assertTrue(found.containsAll(List.of(first.pid(), second.pid())), found.toString());
    }

    @Test
    void theSameComponentOfAnotherCheckoutIsNotOurs() throws IOException {
        StateDirectory state = new StateDirectory(root.resolve("a"));
        state.createDirectories();
        OwnedProcesses ours = new OwnedProcesses(state);
        Process other = sleeper(new OwnedProcesses(new StateDirectory(root.resolve("b"))).markers("kafka"));
        state.writePid("kafka", other.pid());

        assertFalse(ours.isOurs(other.toHandle(), "kafka"));
        assertEquals(Optional.empty(), ours.find("kafka"));
        assertEquals(OptionalLong.empty(), state.readPid("kafka"), "a pid file pointing elsewhere is removed");
    }

    @Test
    void aStalePidFileOfAReusedPidIsRemoved() throws IOException {
        StateDirectory state = new StateDirectory(root);
        state.createDirectories();
        OwnedProcesses processes = new OwnedProcesses(state);
        Process stranger = sleeper(List.of());
        state.writePid("feed-collector", stranger.pid());

        assertEquals(Optional.empty(), processes.find("feed-collector"));
        assertEquals(OptionalLong.empty(), state.readPid("feed-collector"));
        assertTrue(stranger.isAlive(), "find never touches a process that is not ours");
    }

    @Test
    void aDeadPidIsNotOurs() throws Exception {
        StateDirectory state = new StateDirectory(root);
        OwnedProcesses processes = new OwnedProcesses(state);
        Process process = sleeper(processes.markers("kafka"));
        ProcessHandle handle = process.toHandle();
        process.destroyForcibly().waitFor();

        assertFalse(processes.isOurs(handle, "kafka"));
    }

    @Test
    void stopAsksFirst() throws IOException {
        Process process = sleeper(List.of());

        assertTrue(OwnedProcesses.stop(process.toHandle(), OwnedProcesses.Signal.TERM, Duration.ofSeconds(10)));
        assertFalse(process.isAlive());
    }

    @Test
    void stopKillsWhatIgnoresTheSignal() throws IOException {
        Process stubborn = new ProcessBuilder("sh", "-c", "trap '' INT TERM; exec sleep 30").start();
        started.add(stubborn);

        assertFalse(OwnedProcesses.stop(stubborn.toHandle(), OwnedProcesses.Signal.INT, Duration.ofMillis(500)));
        assertFalse(stubborn.isAlive());
    }
}
