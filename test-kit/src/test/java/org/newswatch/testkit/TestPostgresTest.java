package org.newswatch.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class TestPostgresTest {

    @Test
    void urlOfAnotherDatabaseKeepsHostAndParameters() {
        assertEquals("jdbc:postgresql://db.local:5433/other?user=a&ssl=true",
                TestPostgres.urlOf("jdbc:postgresql://db.local:5433/postgres?user=a&ssl=true", "other"));
        assertEquals("jdbc:postgresql://127.0.0.1:5432/other",
                TestPostgres.urlOf("jdbc:postgresql://127.0.0.1:5432", "other"));
    }

    @Test
    void urlThatIsNotPostgresIsRefusedWithoutShowingThePassword() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> TestPostgres.urlOf("jdbc:mysql://h/db?password=secret", "x"));
        assertTrue(e.getMessage().contains("password=***"), e.getMessage());
        var userInfo = assertThrows(IllegalArgumentException.class,
                () -> TestPostgres.urlOf("jdbc:mysql://bob:s3cret@h/db?sslpassword=k3y", "x"));
        assertFalse(userInfo.getMessage().contains("s3cret"), userInfo.getMessage());
        assertFalse(userInfo.getMessage().contains("k3y"), userInfo.getMessage());
    }

    @Test
    void eachDatabaseIsFreshAndIsolated() throws SQLException {
        TestPostgres server = TestPostgres.shared();
        TestPostgres.Database first = server.createDatabase("isolation");
        TestPostgres.Database second = server.createDatabase("isolation");
        try {
            try (Connection c = connect(first)) {
                c.createStatement().execute("CREATE TABLE marker (id int)");
            }
            try (Connection c = connect(second);
                    ResultSet rs = c.createStatement().executeQuery(
                            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'marker'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "a fresh database must not see another's tables");
            }
        } finally {
            server.dropDatabase(first);
            server.dropDatabase(second);
        }
    }

    private static Connection connect(TestPostgres.Database db) throws SQLException {
        Properties p = new Properties();
        if (db.username() != null) {
            p.setProperty("user", db.username());
        }
        if (db.password() != null) {
            p.setProperty("password", db.password());
        }
        return DriverManager.getConnection(db.jdbcUrl(), p);
    }
}
