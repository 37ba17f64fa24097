package org.newswatch.gateway.backend;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the owning services are and how patiently the gateway calls them. */
@ConfigMapping(prefix = "newswatch.gateway.backends")
public interface BackendConfig {

    /** Base URL of the feed-collector (feeds). */
    @WithDefault("http://localhost:8081")
    URI collector();

    /** Base URL of the alert-service (subscriptions, deliveries, mail links). */
    @WithDefault("http://localhost:8083")
    URI alert();

    /** Base URL of the classifier-service (topics, classify). */
    @WithDefault("http://localhost:8082")
    URI classifier();

    /** Time to open a connection to a service. */
    @WithDefault("2S")
    Duration connectTimeout();

    /** Time a service has to answer a call. */
    @WithDefault("10S")
    Duration answerTimeout();

    /** Time for calls that fetch a remote feed first (feed preview) or add many feeds (OPML import). */
    @WithDefault("30S")
    Duration slowAnswerTimeout();

    /** Extra tries of a GET whose connection failed; other methods are never retried (they may have acted). */
    @WithDefault("1")
    int getRetries();

    /** Pause before such a retry. */
    @WithDefault("0.2S")
    Duration retryDelay();

    /** Connections kept per service. */
    @WithDefault("32")
    int maxConnections();

    /** The circuit breaker each service has. */
    CircuitBreaker circuitBreaker();

    interface CircuitBreaker {

        /** Calls in the rolling window the failure ratio is computed over. */
        @WithDefault("10")
        int requestVolume();

        /** Share of failed calls (no connection, no answer in time) in the window that opens the circuit. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long an open circuit answers 503 at once before one trial call is let through. */
        @WithDefault("10S")
        Duration delay();
    }
}
