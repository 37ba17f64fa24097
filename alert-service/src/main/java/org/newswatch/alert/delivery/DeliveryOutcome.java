package org.newswatch.alert.delivery;

import java.time.Duration;

/**
 * What one attempt came to.
 *
 * @param result     success, a failure worth retrying, or a refusal that disables the endpoint
 * @param statusCode the receiver's HTTP status, or null when there was none (connection error, e-mail)
 * @param error      what went wrong, fit for the delivery log (never a secret); null on success
 * @param retryAfter how long the receiver asked us to wait ({@code Retry-After}), or null
 */
public record DeliveryOutcome(Result result, Integer statusCode, String error, Duration retryAfter) {

    public enum Result {
        DELIVERED,
        /** Failed; the next attempt follows the retry schedule. */
        FAILED,
        /** The receiver said the endpoint is gone for good (HTTP 410): stop sending to it. */
        ENDPOINT_GONE
    }

    public static DeliveryOutcome delivered(Integer statusCode) {
        return new DeliveryOutcome(Result.DELIVERED, statusCode, null, null);
    }

    public static DeliveryOutcome failed(Integer statusCode, String error) {
        return new DeliveryOutcome(Result.FAILED, statusCode, error, null);
    }

    public static DeliveryOutcome failed(Integer statusCode, String error, Duration retryAfter) {
        return new DeliveryOutcome(Result.FAILED, statusCode, error, retryAfter);
    }

    public static DeliveryOutcome endpointGone(Integer statusCode, String error) {
        return new DeliveryOutcome(Result.ENDPOINT_GONE, statusCode, error, null);
    }

    public boolean delivered() {
        return result == Result.DELIVERED;
    }
}
