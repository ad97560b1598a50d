package dev.carafe.javalin.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy that stands between the application and a database server, so a test can
 * take the database away ({@link #cut()}: every open connection is closed and new ones are refused),
 * make it go silent ({@link #freeze()}: connections stay open and are accepted, but nothing is
 * forwarded either way, as a hung server or a black-holing firewall does) and bring it back
 * ({@link #restore()}) without touching the server.
 */
final class TcpProxy implements AutoCloseable {
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean cut;
    private volatile boolean frozen;

    TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Closes every open connection and refuses new ones until {@link #restore()}. */
    void cut() {
        cut = true;
        for (Socket socket : sockets) closeQuietly(socket);
        sockets.clear();
    }

    /** Keeps every connection open and accepts new ones, but forwards nothing until {@link #restore()}. */
    void freeze() {
        frozen = true;
    }

    /** Accepts and forwards connections again. */
    void restore() {
        cut = false;
        frozen = false;
    }

    int openSockets() {
        return sockets.size();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            if (frozen) {
                // Accepted, and never answered.
                sockets.add(client);
                continue;
            }
            try {
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2_000);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (frozen) continue;
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // The other side went away or the proxy cut the connection.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
