package org.newswatch.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Whether a TCP port on this machine is already taken. */
final class PortProbe {

    private PortProbe() {
    }

    /**
     * True when something accepts connections on 127.0.0.1:port, or holds the port on any address (a server
     * bound to another interface would make ours fail to bind just the same).
     */
    static boolean isInUse(int port) {
        return answersOnLoopback(port) || !canBindWildcard(port);
    }

    static boolean answersOnLoopback(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean canBindWildcard(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Connections of a stopped server in TIME_WAIT must not count as "in use".
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
