package org.newswatch.collector;

import java.time.Duration;
import java.util.Map;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The collector's typed configuration outside Quarkus (plain tests, the benchmark): the same mapping
 * interfaces, their defaults, and the given overrides.
 */
public final class CollectorConfigs {

    private CollectorConfigs() {
    }

    public static <T> T of(Class<T> mapping, Map<String, String> overrides) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(mapping)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(overrides, "overrides", 500))
                .build();
        return config.getConfigMapping(mapping);
    }
}
