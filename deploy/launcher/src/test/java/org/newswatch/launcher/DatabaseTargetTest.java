package org.newswatch.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class DatabaseTargetTest {

    @Test
    void withoutUrlTheEmbeddedServerIsUsed() {
        DatabaseTarget target = DatabaseTarget.fromEnvironment(Map.of());

        assertTrue(target.embedded());
        assertEquals("jdbc:postgresql://127.0.0.1:5432/newswatch_alert", target.jdbcUrl("newswatch_alert"));
        assertEquals("postgres", target.user());
        assertNull(target.password());
    }

    @Test
    void blankUrlCountsAsUnset() {
        assertTrue(DatabaseTarget.fromEnvironment(Map.of("NEWSWATCH_DB_URL", "  ")).embedded());
    }

    @Test
    void urlNamesServerAndAdminDatabaseAndKeepsOtherParameters() {
        DatabaseTarget target = DatabaseTarget.fromEnvironment(Map.of("NEWSWATCH_DB_URL",
                "jdbc:postgresql://db.example:6543/admin?sslmode=require&user=alice&password=s%26cret&ApplicationName=x"));

        assertFalse(target.embedded());
        assertEquals("db.example:6543", target.hosts());
        assertEquals("admin", target.adminDatabase());
        assertEquals("alice", target.user());
        assertEquals("s&cret", target.password());
        assertEquals("jdbc:postgresql://db.example:6543/newswatch_gateway?sslmode=require&ApplicationName=x",
                target.jdbcUrl("newswatch_gateway"));
    }

    @Test
    void environmentCredentialsWinOverTheUrl() {
        DatabaseTarget target = DatabaseTarget.fromEnvironment(Map.of(
                "NEWSWATCH_DB_URL", "jdbc:postgresql://127.0.0.1:5433/postgres?user=alice&password=a",
                "NEWSWATCH_DB_USER", "bob",
                "NEWSWATCH_DB_PASSWORD", "b"));

        assertEquals("bob", target.user());
        assertEquals("b", target.password());
        assertEquals("jdbc:postgresql://127.0.0.1:5433/newswatch_collector", target.jdbcUrl("newswatch_collector"));
    }

    @Test
    void databaseDefaultsToPostgresAndUserToPostgres() {
        DatabaseTarget target = DatabaseTarget.fromEnvironment(Map.of("NEWSWATCH_DB_URL",
                "jdbc:postgresql://[::1]:5432"));

        assertEquals("[::1]:5432", target.hosts());
        assertEquals("postgres", target.adminDatabase());
        assertEquals("postgres", target.user());
        assertNull(target.password());
    }

    @Test
    void severalHostsArePassedOnAsTheyAre() {
        DatabaseTarget target = DatabaseTarget.fromEnvironment(Map.of("NEWSWATCH_DB_URL",
                "jdbc:postgresql://a:5432,b:5432/postgres?targetServerType=primary"));

        assertEquals("jdbc:postgresql://a:5432,b:5432/newswatch_alert?targetServerType=primary",
                target.jdbcUrl("newswatch_alert"));
    }

    @Test
    void somethingElseIsRefusedWithTheExpectedForm() {
        LaunchFailure failure = assertThrows(LaunchFailure.class, () -> DatabaseTarget.fromEnvironment(
                Map.of("NEWSWATCH_DB_URL", "postgres://u:secret@host/db?password=secret")));

        assertTrue(failure.getMessage().contains("jdbc:postgresql://host:port/database"), failure.getMessage());
        assertFalse(failure.getMessage().contains("password=secret"), failure.getMessage());
    }

    @Test
    void passwordNeverAppearsInToString() {
        DatabaseTarget target = DatabaseTarget.fromEnvironment(Map.of("NEWSWATCH_DB_URL",
                "jdbc:postgresql://h/db?password=topsecret"));

        assertFalse(target.toString().contains("topsecret"));
    }

    @Test
    void aPasswordBeforeTheHostOfAnotherSchemeIsNotPrinted() {
        LaunchFailure failure = assertThrows(LaunchFailure.class, () -> DatabaseTarget.fromEnvironment(
                Map.of("NEWSWATCH_DB_URL", "postgres://u:s3cret@host/db")));

        assertFalse(failure.getMessage().contains("s3cret"), failure.getMessage());
        assertTrue(failure.getMessage().contains("postgres://***@host/db"), failure.getMessage());
    }

    @Test
    void aUserAndPasswordBeforeTheHostAreRefusedWithoutPrintingThem() {
        LaunchFailure failure = assertThrows(LaunchFailure.class, () -> DatabaseTarget.fromEnvironment(
                Map.of("NEWSWATCH_DB_URL", "jdbc:postgresql://bob:pw9@h/db")));

        assertFalse(failure.getMessage().contains("pw9"), failure.getMessage());
        assertFalse(failure.getMessage().contains("bob"), failure.getMessage());
        assertTrue(failure.getMessage().contains("NEWSWATCH_DB_USER and NEWSWATCH_DB_PASSWORD"), failure.getMessage());
    }

    @Test
    void aPasswordWithSlashOrQuestionMarkBeforeTheHostIsRefusedToo() {
        for (String url : new String[] {"jdbc:postgresql://bob:p/w9@h/db", "jdbc:postgresql://bob:12?w9@h/db",
                "jdbc:postgresql://bob@h:5432/db"}) {
            LaunchFailure failure = assertThrows(LaunchFailure.class,
                    () -> DatabaseTarget.fromEnvironment(Map.of("NEWSWATCH_DB_URL", url)), url);

            assertTrue(failure.getMessage().contains("before the host"), failure.getMessage());
            assertFalse(failure.getMessage().contains("bob"), failure.getMessage());
            assertFalse(failure.getMessage().contains("w9"), failure.getMessage());
        }
    }

    @Test
    void anAtSignInAParameterValueIsNoUserInfo() {
        DatabaseTarget target = DatabaseTarget.fromEnvironment(Map.of("NEWSWATCH_DB_URL",
                "jdbc:postgresql://db.example/postgres?user=admin@server&password=p@ss"));

        assertEquals("admin@server", target.user());
        assertEquals("p@ss", target.password());
    }

    @Test
    void everyParameterNamedSomethingPasswordIsHiddenInWhatIsPrinted() {
        DatabaseTarget target = DatabaseTarget.fromEnvironment(Map.of("NEWSWATCH_DB_URL",
                "jdbc:postgresql://h:5432/db?sslmode=verify-full&sslpassword=key5ecret&Password=other5ecret"));

        // The services and the driver still get them ...
        assertEquals("jdbc:postgresql://h:5432/x?sslmode=verify-full&sslpassword=key5ecret&Password=other5ecret",
                target.jdbcUrl("x"));
        // ... but nothing printed shows them.
        assertEquals("jdbc:postgresql://h:5432/x?sslmode=verify-full&sslpassword=***&Password=***",
                target.displayUrl("x"));
        assertFalse(target.toString().contains("5ecret"), target.toString());
        assertFalse(target.describe().contains("5ecret"), target.describe());
    }

    @Test
    void redactHidesUserInfoAndPasswordParameters() {
        assertEquals("postgres://***@host/db", DatabaseTarget.redact("postgres://u:s3cret@host/db"));
        assertEquals("jdbc:postgresql://***@h/db?a=1&PASSWORD=***&b=2",
                DatabaseTarget.redact("jdbc:postgresql://u:p@w@h/db?a=1&PASSWORD=x&b=2"));
        assertEquals("No suitable driver found for jdbc:postgresql://h/db?sslpassword=***",
                DatabaseTarget.redact("No suitable driver found for jdbc:postgresql://h/db?sslpassword=k"));
        assertEquals("jdbc:postgresql://h/db?passwordless=1", DatabaseTarget.redact("jdbc:postgresql://h/db?passwordless=1"));
    }
}
