package org.newswatch.alert.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.newswatch.alert.delivery.DeliveryOutcome;
import org.newswatch.alert.delivery.DueDelivery;
import org.newswatch.alert.delivery.PublicLinks;
import org.newswatch.alert.testing.Stories;
import org.newswatch.alert.testing.WebhookReceiver;
import org.newswatch.security.OutboundUrlGuard;

/** Outside the local profile the URL is checked again right before each send. */
class WebhookChannelTest {

    @Test
    void aUrlThatResolvesToLoopbackIsRefusedAtSendTimeAndNeverContacted() throws IOException {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            var guard = new OutboundUrlGuard(false, InetAddress::getAllByName);
            PublicLinks links = new PublicLinks() {
                @Override
                public String articleLinkBase() {
                    return "https://newswatch.example.org/api/v1/articles/";
                }

                @Override
                public String publicBaseUrl() {
                    return "https://newswatch.example.org";
                }
            };
            var config = new WebhookSenderTest.Config(Duration.ofSeconds(1), Duration.ofSeconds(1), 64, Duration.ZERO,
                    Duration.ofHours(1));
            // No secrets are needed: the refusal comes first.
            var channel = new WebhookChannel(guard, null, new WebhookSender(config), links, config);
            var delivery = new DueDelivery(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "hooks", "ngo", "webhook",
                    receiver.url("/hook"), List.of(Stories.ICC), 1, 1, Instant.now(), Stories.iccSanctions("s1"));

            DeliveryOutcome outcome = channel.attempt(delivery);

            assertEquals(DeliveryOutcome.Result.FAILED, outcome.result());
            assertNull(outcome.statusCode());
            assertTrue(outcome.error().startsWith("webhook URL refused: the host '127.0.0.1' resolves to 127.0.0.1, a"
                    + " loopback"), outcome.error());
            assertEquals(List.of(), receiver.received());
        }
    }
}
