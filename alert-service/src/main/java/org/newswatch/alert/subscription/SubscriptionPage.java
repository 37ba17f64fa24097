package org.newswatch.alert.subscription;

import java.util.List;

/** One page of a subscription list, and the cursor of the next page (null on the last). */
public record SubscriptionPage(List<Subscription> items, String nextCursor) {
}
