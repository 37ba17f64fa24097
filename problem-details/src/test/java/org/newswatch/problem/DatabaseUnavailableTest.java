package org.newswatch.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Which database failures answer 503 database-unavailable, and which stay a 500. */
class DatabaseUnavailableTest {

    private static RuntimeException wrapped(String state, String message) {
        return new IllegalStateException("cannot read a thing", new SQLException(message, state));
    }

    @Test
    void aDatabaseThatCannotBeReachedIsUnavailable() {
        assertTrue(DatabaseUnavailable.isCause(wrapped("08001", "Connection to 127.0.0.1:5432 refused")));
        assertTrue(DatabaseUnavailable.isCause(wrapped("08006", "An I/O error occurred while sending to the backend")));
        assertTrue(DatabaseUnavailable.isCause(wrapped("57P01", "terminating connection due to administrator command")));
        assertTrue(DatabaseUnavailable.isCause(wrapped("57P03", "the database system is starting up")));
        assertTrue(DatabaseUnavailable.isCause(wrapped("53300", "sorry, too many clients already")));
        assertTrue(DatabaseUnavailable.isCause(wrapped("55000",
                "FATAL: database \"newswatch_alert\" is not currently accepting connections")));
        assertTrue(DatabaseUnavailable.isCause(wrapped(null, "Acquisition timeout while waiting for new connection")));
    }

    @Test
    void aRequestsOwnFailureIsNot() {
        assertFalse(DatabaseUnavailable.isCause(wrapped("23505", "duplicate key value violates unique constraint")));
        assertFalse(DatabaseUnavailable.isCause(wrapped("42P01", "relation \"feed\" does not exist")));
        assertFalse(DatabaseUnavailable.isCause(wrapped("55000", "cannot execute in a read-only transaction")));
        assertFalse(DatabaseUnavailable.isCause(new IllegalStateException("no SQL at all")));
    }

    @Test
    void theSharedMapperAnswers503WithRetryAfterAndAGenericDetail() {
        Response answer = new ProblemMappers().unexpected(wrapped("57P01", "terminating connection; table feed"));

        assertEquals(503, answer.getStatus());
        assertEquals(Problem.MEDIA_TYPE, answer.getMediaType().toString());
        assertEquals("5", String.valueOf(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)));
        Problem problem = (Problem) answer.getEntity();
        assertEquals("urn:newswatch:problem:database-unavailable", problem.type());
        assertFalse(problem.detail().contains("feed"), problem.detail());
        assertEquals(500, new ProblemMappers().unexpected(wrapped("23505", "duplicate")).getStatus());
    }
}
