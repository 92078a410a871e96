package org.scheduleright.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Two tiny HTTP backends on loopback standing in for booking-service and reminder-service: each answers every request
 * with JSON naming itself and the path, and remembers the request headers of the last request per path; a path ending
 * in {@code /slow} hangs until released, to stand for a backend that does not answer in time.
 */
public final class StubBackends {

    private static final Backend booking = new Backend("booking-service");
    private static final Backend reminder = new Backend("reminder-service");

    private StubBackends() {}

    public static String bookingUrl() {
        return booking.url();
    }

    public static String reminderUrl() {
        return reminder.url();
    }

    /** The headers of the last request the named backend received for {@code path}, lower-cased names. */
    public static Map<String, List<String>> lastHeaders(String service, String path) {
        return (service.equals("booking-service") ? booking : reminder).seen.get(path);
    }

    /** Lets every request to a path ending in {@code /slow} answer; until then such requests hang. */
    public static void releaseSlowRequests() {
        slow.countDown();
    }

    private static final CountDownLatch slow = new CountDownLatch(1);

    private static void awaitRelease() {
        try {
            slow.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Backend {
        private final HttpServer server;
        private final ConcurrentMap<String, Map<String, List<String>>> seen = new ConcurrentHashMap<>();

        Backend(String name) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> answer(name, exchange));
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void answer(String name, HttpExchange exchange) throws IOException {
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().endsWith("/slow")) {
                awaitRelease();
            }
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((key, values) -> headers.put(key.toLowerCase(), List.copyOf(values)));
            seen.put(exchange.getRequestURI().getPath(), headers);
            byte[] body = ("{\"service\":\"" + name + "\",\"path\":\""
                            + exchange.getRequestURI().getPath() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
