package org.newswatch.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PortProbeTest {

    @Test
    void aListeningSocketMakesThePortBusyAndClosingFreesIt() throws IOException {
        int port;
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            port = server.getLocalPort();

            assertTrue(PortProbe.isInUse(port));
            assertTrue(PortProbe.answersOnLoopback(port));
        }
        assertFalse(PortProbe.isInUse(port));
    }

    @Test
    void aBusyPortStopsUpWithOneLineNamingPortAndComponent() throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = server.getLocalPort();

            LaunchFailure failure = assertThrows(LaunchFailure.class,
                    () -> LocalStack.requireFreePorts(Map.of(port, "feed-collector"), Set::of));

            String message = failure.getMessage();
            assertTrue(message.startsWith("port " + port + " (feed-collector) is already in use by another program"),
                    message);
            assertTrue(message.contains("deploy/local/up again"), message);
            assertFalse(message.contains("\n"), message);
        }
    }

    @Test
    void anotherCheckoutsStackIsNamedWithItsDownScript() throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = server.getLocalPort();

            LaunchFailure failure = assertThrows(LaunchFailure.class, () -> LocalStack.requireFreePorts(
                    Map.of(port, "Kafka"), () -> Set.of(Path.of("/elsewhere/deploy/local/.state"))));

            assertTrue(failure.getMessage().contains("/elsewhere/deploy/local/down"), failure.getMessage());
        }
    }

    @Test
    void freePortsPass() throws IOException {
        int port;
        try (ServerSocket server = new ServerSocket(0)) {
            port = server.getLocalPort();
        }
        LocalStack.requireFreePorts(Map.of(port, "api-gateway"), () -> {
            throw new AssertionError("other stacks are looked for only when a port is busy");
        });
    }
}
