package org.newswatch.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HealthWaiterTest {

    @Test
    void upOnlyWith200AndOverallStatusUp() {
        assertTrue(HealthWaiter.isUp(200, "{\n    \"status\": \"UP\",\n    \"checks\": []\n}"));
        assertTrue(HealthWaiter.isUp(200, "{\"status\":\"UP\"}"));
    }

    @Test
    void downOrErrorIsNotUp() {
        assertFalse(HealthWaiter.isUp(503, "{\"status\": \"DOWN\", \"checks\": [{\"name\": \"k\", \"status\": \"UP\"}]}"));
        assertFalse(HealthWaiter.isUp(200, "{\"status\": \"DOWN\", \"checks\": [{\"name\": \"k\", \"status\": \"UP\"}]}"));
        assertFalse(HealthWaiter.isUp(404, "Not Found"));
        assertFalse(HealthWaiter.isUp(200, "<html>status UP</html>"));
        assertFalse(HealthWaiter.isUp(200, null));
    }
}
