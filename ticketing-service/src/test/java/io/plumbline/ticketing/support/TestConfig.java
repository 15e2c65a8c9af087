package io.plumbline.ticketing.support;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/** A real {@code @ConfigMapping} built from properties outside Quarkus, with Quarkus' duration syntax ("10s", "90d"). */
public final class TestConfig {

    private TestConfig() {}

    public static <T> T mapping(Class<T> type, Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(type)
                .withDefaultValues(properties)
                .build()
                .getConfigMapping(type);
    }
}
