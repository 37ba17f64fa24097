package org.newswatch.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class PostgresServerTest {

    private final Path data = Path.of("/repo/deploy/local/.state/postgres/data");

    @Test
    void thePostmasterOfOurDataDirectoryIsOurs() {
        assertTrue(PostgresServer.isPostmasterOf(List.of("/repo/deploy/local/.state/postgres/PG-1/bin/postgres",
                "-D", "/repo/deploy/local/.state/postgres/data", "-p", "5432", "-F"), data));
    }

    @Test
    void anotherDataDirectoryOrProgramIsNot() {
        assertFalse(PostgresServer.isPostmasterOf(List.of("/usr/lib/postgresql/15/bin/postgres", "-D",
                "/var/lib/postgresql/15/main"), data));
        assertFalse(PostgresServer.isPostmasterOf(List.of("postgres: checkpointer "), data));
        assertFalse(PostgresServer.isPostmasterOf(List.of("/usr/bin/vim", "-D",
                "/repo/deploy/local/.state/postgres/data"), data));
        assertFalse(PostgresServer.isPostmasterOf(List.of(), data));
    }
}
