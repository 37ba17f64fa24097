package org.newswatch.alert.subscription;

import java.time.Instant;

/** Where a subscription's alerts go: one implementation per channel. */
public sealed interface Channel permits Channel.Webhook, Channel.Email {

    /** The {@code channel_type} / {@code delivery.channel} value. */
    String type();

    /** The URL or the address. */
    String target();

    /** A webhook endpoint; its signing secrets are read through {@code SubscriptionSecrets}. */
    record Webhook(String url) implements Channel {
        public static final String TYPE = "webhook";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public String target() {
            return url;
        }
    }

    /**
     * An e-mail address and its double opt-in state (shared by every subscription of the owner to it).
     *
     * @param confirmedAt    when the confirmation link was followed, or null: nothing is sent before
     * @param unsubscribedAt when the address unsubscribed, or null
     */
    record Email(String address, Instant confirmedAt, Instant unsubscribedAt) implements Channel {
        public static final String TYPE = "email";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public String target() {
            return address;
        }

        /** Whether mail may be sent to the address: confirmed and not unsubscribed. */
        public boolean receivesMail() {
            return confirmedAt != null && unsubscribedAt == null;
        }
    }
}
