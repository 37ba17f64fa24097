package org.newswatch.alert.delivery;

/** Tells an owner that the delivery side disabled one of their subscriptions, and why. */
public interface OwnerNotices {

    /** Called after the change is committed; must not throw. */
    void subscriptionDisabled(DeliveryStore.Disabled disabled);
}
