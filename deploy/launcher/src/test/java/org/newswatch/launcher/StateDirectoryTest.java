package org.newswatch.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {

    @TempDir
    Path root;

    @Test
    void pidFilesRoundTrip() {
        StateDirectory state = new StateDirectory(root);
        state.createDirectories();

        state.writePid("kafka", 4242);

        assertEquals(OptionalLong.of(4242), state.readPid("kafka"));
        state.deletePid("kafka");
        assertEquals(OptionalLong.empty(), state.readPid("kafka"));
    }

    @Test
    void theServiceKeyIsCreatedOnceOwnerOnlyAndKeptAcrossRuns() throws IOException {
        String key = new StateDirectory(root).serviceKey();

        assertTrue(key.matches("[A-Za-z0-9_-]{43}"), key);
        assertEquals(key, new StateDirectory(root).serviceKey());
        assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(root.resolve("service.key")));
    }

    @Test
    void aServiceKeyGivenInTheEnvironmentWinsOverTheFile() {
        StateDirectory state = new StateDirectory(root);
        String stored = state.serviceKey();

        assertEquals("mine", ServiceProcess.serviceKey(java.util.Map.of("NEWSWATCH_SERVICE_KEY", "mine"), state));
        assertEquals(stored, ServiceProcess.serviceKey(java.util.Map.of(), state));
    }

    @Test
    void theAdminKeyIsKeptApartFromTheServiceKeyAndTheEnvironmentWins() throws IOException {
        StateDirectory state = new StateDirectory(root);
        String admin = ServiceProcess.adminKey(java.util.Map.of(), state);

        assertTrue(admin.matches("nwk_[A-Za-z0-9_-]{43}"), admin);
        assertEquals(admin, ServiceProcess.adminKey(java.util.Map.of("NEWSWATCH_ADMIN_KEY", " "), state));
        assertEquals("mine", ServiceProcess.adminKey(java.util.Map.of("NEWSWATCH_ADMIN_KEY", "mine"), state));
        assertTrue(!admin.equals(state.serviceKey()));
        assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(root.resolve("admin.key")));
    }

    @Test
    void garbageInAPidFileIsNoPid() throws IOException {
        StateDirectory state = new StateDirectory(root);
        state.createDirectories();
        Files.writeString(state.pidFile("kafka"), "not a pid\n");

        assertEquals(OptionalLong.empty(), state.readPid("kafka"));
    }

    @Test
    void postmasterPidIsItsFirstLine() throws IOException {
        Path postmasterPid = root.resolve("postmaster.pid");
        Files.writeString(postmasterPid, "12345\n/data\n1700000000\n5432\n");

        assertEquals(OptionalLong.of(12345), StateDirectory.readFirstLinePid(postmasterPid));
    }

    @Test
    void theRunBeforeKeepsItsLog() throws IOException {
        StateDirectory state = new StateDirectory(root);
        state.createDirectories();
        Files.writeString(state.logFile("api-gateway"), "first run\n");

        Path log = state.rotateLog("api-gateway");

        assertFalse(Files.exists(log));
        assertEquals("first run\n", Files.readString(root.resolve("logs/api-gateway.log.1")));
        assertTrue(Files.isDirectory(state.kafkaData()));
    }

    @Test
    void zonkySearchesOnlyAFolderOfItsOwnInsideTheStateDirectory() {
        StateDirectory state = new StateDirectory(root);
        Path zonky = state.zonkyWorkingDirectory();

        assertTrue(zonky.startsWith(state.root()));
        // zonky stops and deletes the folders in its working directory that it takes for stale: never the
        // data directory nor the unpacked binaries.
        assertFalse(state.postgresData().getParent().equals(zonky));
        assertFalse(state.postgresData().startsWith(zonky));
        assertFalse(state.postgres().startsWith(zonky));
    }
}
