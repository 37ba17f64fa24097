package org.newswatch.collector.identity;

import java.util.Locale;
import java.util.Set;

/**
 * Query parameters that only say how a reader reached a page (campaign tags, click ids), never which page it is.
 * Kept to names that are unambiguous: a generic name such as {@code ref} or {@code source} may select content.
 */
final class TrackingParameters {

    private static final Set<String> NAMES = Set.of(
            // Google Analytics, Ads, DoubleClick
            "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "_ga", "_gl",
            // Meta, Microsoft, Yandex, X/Twitter, TikTok, LinkedIn, Instagram
            "fbclid", "msclkid", "yclid", "twclid", "ref_src", "ref_url", "ttclid", "li_fat_id", "igshid", "igsh",
            // Mailchimp, HubSpot, Marketo, Vero, Olytics, Adobe, Webtrends, NYT share links
            "mc_cid", "mc_eid", "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "hsctatracking", "mkt_tok",
            "vero_id", "vero_conv", "oly_anon_id", "oly_enc_id", "s_cid", "wt.mc_id", "smid", "rb_clickid");

    private TrackingParameters() {
    }

    /** Whether a (decoded) query parameter name is a tracking parameter; {@code utm_*} by prefix. */
    static boolean isTracking(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("utm_") || NAMES.contains(lower);
    }
}
