package org.newswatch.gateway.backend;

import java.io.IOException;

import org.newswatch.gateway.key.KeyCaller;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The alert-service needs an owner on every subscription an administrator creates (it has no owner header to take
 * it from). When an admin leaves it out, the subscription belongs to the admin key's own owner.
 */
final class SubscriptionOwner {

    // Trailing garbage makes the body unparsed here, so the alert-service refuses it as sent.
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SubscriptionOwner() {
    }

    /**
     * The body to send: an admin's JSON object without an owner gets the key's; anything else goes as it came
     * (a body that is not a JSON object is the alert-service's to refuse, with its own precise problem).
     */
    static byte[] fillIn(byte[] body, KeyCaller caller) {
        if (!caller.admin() || body == null || body.length == 0) {
            return body;
        }
        try {
            JsonNode parsed = JSON.readTree(body);
            if (parsed instanceof ObjectNode object && !object.hasNonNull("owner")) {
                object.put("owner", caller.owner());
                return JSON.writeValueAsBytes(object);
            }
            return body;
        } catch (IOException e) {
            return body;
        }
    }
}
