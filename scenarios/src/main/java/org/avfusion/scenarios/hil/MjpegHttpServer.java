package org.avfusion.scenarios.hil;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A camera stand-in: serves JPEG frames as an MJPEG stream over HTTP ({@code multipart/x-mixed-replace}, the format
 * of IP cameras and {@code mjpg-streamer}) at {@code http://HOST:PORT/camera.mjpg}, which FFmpeg (the runtime's
 * camera source) reads with its {@code mpjpeg} demuxer. Each client gets every frame published after it connected;
 * a client slower than the frame rate skips to the newest frame (as a camera's HTTP server does).
 *
 * <p>Threading: {@link #publish} from the rig's thread; one JDK HTTP server thread per client.
 */
public final class MjpegHttpServer implements AutoCloseable {
    /** The stream's path. */
    public static final String PATH = "/camera.mjpg";
    private static final String BOUNDARY = "avfusionframe";

    private final HttpServer server;
    private final Object lock = new Object();
    private byte[] latest;
    private long sequence;
    private volatile boolean closed;

    /** Binds {@code port} (0: a free one) on every interface and starts serving. */
    public MjpegHttpServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 4);
        server.createContext(PATH, this::serve);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hil-mjpeg");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Sends one JPEG to every connected client. */
    public void publish(byte[] jpeg) {
        synchronized (lock) {
            latest = jpeg;
            sequence++;
            lock.notifyAll();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "multipart/x-mixed-replace; boundary=" + BOUNDARY);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        long seen;
        synchronized (lock) {
            seen = sequence;
        }
        try (OutputStream out = exchange.getResponseBody()) {
            while (!closed) {
                byte[] frame;
                synchronized (lock) {
                    while (sequence == seen && !closed) {
                        try {
                            lock.wait(500);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    frame = latest;
                    seen = sequence;
                }
                if (frame == null) {
                    continue;
                }
                out.write(("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + frame.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(frame);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException clientGone) {
            // the runtime closed the stream: nothing to do
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        server.stop(0);
    }
}
