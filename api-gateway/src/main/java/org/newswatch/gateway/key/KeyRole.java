package org.newswatch.gateway.key;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The role of an API key. Roles are cumulative: an admin may do all a subscriber may, and a subscriber all a
 * reader may, so endpoints name the least role they need ({@code @RolesAllowed("reader")}).
 */
public enum KeyRole {
    READER("reader", Set.of("reader")),
    SUBSCRIBER("subscriber", Set.of("subscriber", "reader")),
    ADMIN("admin", Set.of("admin", "subscriber", "reader"));

    public static final String ADMIN_NAME = "admin";
    public static final String SUBSCRIBER_NAME = "subscriber";
    public static final String READER_NAME = "reader";

    private final String value;
    private final Set<String> grants;

    KeyRole(String value, Set<String> grants) {
        this.value = value;
        this.grants = grants;
    }

    /** The name stored in {@code api_key.role} and shown in the API. */
    public String value() {
        return value;
    }

    /** The security roles an identity with this key role holds. */
    public Set<String> grants() {
        return grants;
    }

    public static Optional<KeyRole> of(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(role -> role.value.equals(wanted)).findFirst();
    }
}
