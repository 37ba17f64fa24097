package org.newswatch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ServiceKeyCheckTest {

    private final ServiceKeyCheck check = new ServiceKeyCheck(Optional.of("s3cret-key"));

    @Test
    void theRightBearerKeyPasses() {
        assertTrue(check.refusalOf("Bearer s3cret-key").isEmpty());
        assertTrue(check.refusalOf("bearer   s3cret-key ").isEmpty());
    }

    @Test
    void eachWrongHeaderIsRefusedWithItsReason() {
        assertEquals(Optional.of(ServiceKeyCheck.Refusal.MISSING_CREDENTIALS), check.refusalOf(null));
        assertEquals(Optional.of(ServiceKeyCheck.Refusal.MISSING_CREDENTIALS), check.refusalOf(" "));
        assertEquals(Optional.of(ServiceKeyCheck.Refusal.WRONG_SCHEME), check.refusalOf("Basic czNjcmV0LWtleQ=="));
        assertEquals(Optional.of(ServiceKeyCheck.Refusal.WRONG_SCHEME), check.refusalOf("s3cret-key"));
        assertEquals(Optional.of(ServiceKeyCheck.Refusal.WRONG_KEY), check.refusalOf("Bearer s3cret-kez"));
        assertEquals(Optional.of(ServiceKeyCheck.Refusal.WRONG_KEY), check.refusalOf("Bearer "));
        assertEquals(Optional.of(ServiceKeyCheck.Refusal.WRONG_KEY), check.refusalOf("Bearer s3cret-key-longer"));
    }

    @Test
    void withoutAConfiguredKeyNothingPasses() {
        for (Optional<String> none : java.util.List.of(Optional.<String>empty(), Optional.of(""), Optional.of("  "))) {
            ServiceKeyCheck unconfigured = new ServiceKeyCheck(none);
            assertEquals(Optional.of(ServiceKeyCheck.Refusal.NO_KEY_CONFIGURED), unconfigured.refusalOf("Bearer "));
            assertEquals(Optional.of(ServiceKeyCheck.Refusal.NO_KEY_CONFIGURED), unconfigured.refusalOf("Bearer x"));
        }
    }

    @Test
    void refusalTextsNeverContainTheKey() {
        for (ServiceKeyCheck.Refusal refusal : ServiceKeyCheck.Refusal.values()) {
            assertFalse(refusal.detail().contains("s3cret"));
            assertFalse(refusal.detail().contains("\""), "the detail goes into a JSON string unescaped");
        }
    }
}
