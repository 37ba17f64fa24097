package org.newswatch.alert.delivery;

/**
 * One way of telling a subscriber about a story (webhook, e-mail). A channel makes exactly one attempt and
 * says how it went; retries, leases and the log are the {@link DeliveryScheduler}'s.
 */
public interface DeliveryChannel {

    /** The subscription channel type this class serves, as stored in {@code subscription.channel_type}. */
    String type();

    /**
     * Makes one attempt. Never throws for a failure of the receiver: that is an outcome. Runs on a worker
     * thread and may block up to the channel's timeout.
     */
    DeliveryOutcome attempt(DueDelivery delivery);
}
