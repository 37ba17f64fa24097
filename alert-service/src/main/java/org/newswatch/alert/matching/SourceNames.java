package org.newswatch.alert.matching;

import java.net.URI;
import java.util.Locale;

/**
 * How a subscription names a source: a source name as feeds give it ("Le Monde"), a feed id, or a host
 * ("lemonde.fr", also written as a URL). Compared case-insensitively.
 */
public final class SourceNames {

    private SourceNames() {
    }

    /** The form a source name is compared in: a URL becomes its host, anything else trimmed lower case. */
    public static String normalise(String source) {
        String text = source.strip();
        if (text.contains("://")) {
            try {
                String host = URI.create(text).getHost();
                if (host != null) {
                    text = host.startsWith("www.") ? host.substring(4) : host;
                }
            } catch (IllegalArgumentException e) {
                // Not a URL after all: compared as written.
            }
        }
        return text.toLowerCase(Locale.ROOT);
    }
}
