package org.newswatch.alert.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of the alert service, under {@code newswatch.alert}. */
@ConfigMapping(prefix = "newswatch.alert")
public interface AlertConfig {

    /** Topic ids a subscription may name: the topics the classifier knows. */
    @WithDefault("icc-sanctions,judicial-independence")
    List<String> knownTopics();

    /**
     * Base64 of the 32-byte AES key that encrypts webhook secrets at rest (env
     * {@code NEWSWATCH_ALERT_SECRET_KEY}). Required outside the {@code local} and {@code test} profiles.
     */
    Optional<String> secretKey();

    /**
     * Earlier keys (base64), still used to decrypt secrets written before the key changed; each
     * ciphertext names the key it was written with.
     */
    Optional<List<String>> retiredSecretKeys();

    /** How long the secret before a rotation keeps signing next to the new one. */
    @WithDefault("PT24H")
    Duration secretRotationOverlap();

    /** How long classified articles are kept for rendering and previews. */
    @WithDefault("P30D")
    Duration articleRetention();

    /** The largest {@code days} a preview may look back. */
    @WithDefault("30")
    int previewMaxDays();

    /**
     * How long matching waits for a database lock before giving up and retrying the record later (a transient
     * failure, never a dead letter).
     */
    @WithDefault("PT5S")
    Duration matchingLockTimeout();

    /** Page size of subscription lists when the client names none. */
    @WithDefault("50")
    int defaultPageSize();

    /** The largest page size a client may ask for. */
    @WithDefault("200")
    int maxPageSize();
}
