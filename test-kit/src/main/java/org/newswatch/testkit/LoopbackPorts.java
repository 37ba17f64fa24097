package org.newswatch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for servers a test starts on 127.0.0.1. */
public final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /** A port free on the loopback address now (the system picks it); another process may take it before use. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
