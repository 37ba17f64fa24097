package org.newswatch.gateway.backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the three stand-in services for all tests of the module (one application boot) and points the gateway's
 * backends at them.
 */
public class ServiceStubs implements QuarkusTestResourceLifecycleManager {

    static final ServiceStub COLLECTOR = new ServiceStub("feed-collector");
    static final ServiceStub ALERT = new ServiceStub("alert-service");
    static final ServiceStub CLASSIFIER = new ServiceStub("classifier-service");

    @Override
    public Map<String, String> start() {
        try {
            COLLECTOR.start();
            ALERT.start();
            CLASSIFIER.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("newswatch.gateway.backends.collector", COLLECTOR.baseUrl(),
                "newswatch.gateway.backends.alert", ALERT.baseUrl(),
                "newswatch.gateway.backends.classifier", CLASSIFIER.baseUrl());
    }

    @Override
    public void stop() {
        COLLECTOR.stop();
        ALERT.stop();
        CLASSIFIER.stop();
    }

    static void resetAll() {
        COLLECTOR.reset();
        ALERT.reset();
        CLASSIFIER.reset();
    }
}
