package org.newswatch.alert.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** An {@link AlertConfig} with given values, for tests that build beans without Quarkus. */
public record FixedAlertConfig(List<String> knownTopics, Optional<String> secretKey,
        Optional<List<String>> retiredSecretKeys) implements AlertConfig {

    public static FixedAlertConfig withSecretKey(String key, String... retired) {
        return new FixedAlertConfig(List.of("icc-sanctions", "judicial-independence"), Optional.ofNullable(key),
                retired.length == 0 ? Optional.empty() : Optional.of(List.of(retired)));
    }

    @Override
    public Duration secretRotationOverlap() {
        return Duration.ofHours(24);
    }

    @Override
    public Duration articleRetention() {
        return Duration.ofDays(30);
    }

    @Override
    public Duration matchingLockTimeout() {
        return Duration.ofSeconds(5);
    }

    @Override
    public int previewMaxDays() {
        return 30;
    }

    @Override
    public int defaultPageSize() {
        return 50;
    }

    @Override
    public int maxPageSize() {
        return 200;
    }
}
