package org.newswatch.gateway.backend;

/** The services that own what the gateway's commands change, by the name problems and logs give them. */
public enum Backend {
    COLLECTOR("feed-collector"),
    ALERT("alert-service"),
    CLASSIFIER("classifier-service");

    private final String serviceName;

    Backend(String serviceName) {
        this.serviceName = serviceName;
    }

    public String serviceName() {
        return serviceName;
    }
}
