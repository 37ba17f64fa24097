package org.newswatch.alert.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.newswatch.alert.mail.SignedLinkTokens.Claims;
import org.newswatch.alert.mail.SignedLinkTokens.InvalidTokenException;
import org.newswatch.alert.mail.SignedLinkTokens.Purpose;

class SignedLinkTokensTest {

    static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");
    static final UUID ID = UUID.fromString("0b5c8f4e-9d7a-4c47-9a53-2f4f0c1d2e3f");

    private final SignedLinkTokens tokens = new SignedLinkTokens("a-test-key-that-is-long-enough-for-hmac");

    @Test
    void aTokenVerifiesAgainstItsBindingUntilItExpires() throws InvalidTokenException {
        String token = tokens.issue(Purpose.CONFIRM, ID, NOW.plusSeconds(3600), "ana@example.org\nnonce-1");
        Claims claims = tokens.read(token, Purpose.CONFIRM, NOW);
        assertEquals(ID, claims.id());
        tokens.verify(token, claims, "ana@example.org\nnonce-1");

        var expired = assertThrows(InvalidTokenException.class,
                () -> tokens.read(token, Purpose.CONFIRM, NOW.plusSeconds(3600)));
        assertTrue(expired.getMessage().startsWith("the link expired on"), expired.getMessage());
    }

    @Test
    void aTokenIsGoodForOnePurposeOnly() {
        String token = tokens.issue(Purpose.CONFIRM, ID, NOW.plusSeconds(3600), "ana@example.org");
        var e = assertThrows(InvalidTokenException.class, () -> tokens.read(token, Purpose.UNSUBSCRIBE, NOW));
        assertEquals("this link cannot be used to unsubscribe", e.getMessage());
    }

    @Test
    void anotherBindingOrAnotherKeyDoesNotVerify() throws InvalidTokenException {
        String token = tokens.issue(Purpose.UNSUBSCRIBE, ID, NOW.plusSeconds(3600), "ana@example.org");
        Claims claims = tokens.read(token, Purpose.UNSUBSCRIBE, NOW);
        assertThrows(InvalidTokenException.class, () -> tokens.verify(token, claims, "eve@example.org"));
        var otherKey = new SignedLinkTokens("another-key-that-is-long-enough-for-hmac");
        assertThrows(InvalidTokenException.class, () -> otherKey.verify(token, claims, "ana@example.org"));
    }

    @Test
    void aChangedExpiryBreaksTheSignature() throws InvalidTokenException {
        String token = tokens.issue(Purpose.UNSUBSCRIBE, ID, NOW.plusSeconds(60), "ana@example.org");
        String mac = token.substring(token.indexOf('.'));
        String forgedClaims = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("unsubscribe:" + ID + ":" + NOW.plusSeconds(999_999).getEpochSecond()).getBytes());
        String forged = forgedClaims + mac;
        Claims claims = tokens.read(forged, Purpose.UNSUBSCRIBE, NOW);
        assertThrows(InvalidTokenException.class, () -> tokens.verify(forged, claims, "ana@example.org"));
    }

    @Test
    void damagedTokensAreRefusedWithAClearMessage() {
        for (String damaged : new String[] {null, "", "not-a-token", "%%%.abc", "YWJj.abc"}) {
            var e = assertThrows(InvalidTokenException.class, () -> tokens.read(damaged, Purpose.CONFIRM, NOW));
            assertTrue(e.getMessage().startsWith("the link"), e.getMessage());
        }
    }

    @Test
    void aShortKeyIsRefused() {
        assertThrows(IllegalStateException.class, () -> new SignedLinkTokens("short"));
    }
}
