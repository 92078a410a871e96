package org.scheduleright.story;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Twilio's Messages API on loopback: records every message and accepts it with a fresh SID, except for the numbers it
 * was told to refuse: 400 answers as Twilio does for an invalid number (code 21211), 500 as an internal error whose
 * outcome the caller cannot know. A message is recorded as it arrives, before the answer, which can be made to take a
 * while: a slow Twilio. Requests are answered in parallel.
 */
final class FakeTwilio implements AutoCloseable {

    /** One message as Twilio received it. */
    record Sms(String path, String sid, Map<String, String> form) {
        String body() {
            return form.getOrDefault("Body", "");
        }
    }

    private final HttpServer server;
    private final List<Sms> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> refusals;
    private final Duration delay;
    private final ExecutorService workers = Executors.newCachedThreadPool();

    /** @param refusals the numbers to refuse, each with the HTTP status to answer (400 or 500) */
    FakeTwilio(Map<String, Integer> refusals) throws IOException {
        this(refusals, Duration.ZERO);
    }

    /**
     * @param refusals the numbers to refuse, each with the HTTP status to answer (400 or 500)
     * @param delay how long each answer takes after the message was recorded
     */
    FakeTwilio(Map<String, Integer> refusals, Duration delay) throws IOException {
        this.refusals = Map.copyOf(refusals);
        this.delay = delay;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(workers);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every message accepted or refused so far, in arrival order. */
    List<Sms> received() {
        return received;
    }

    List<Sms> receivedSince(int index) {
        return List.copyOf(received.subList(index, received.size()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String path = exchange.getRequestURI().getPath();
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        String answer;
        int status;
        if ("POST".equals(exchange.getRequestMethod()) && path.endsWith("/Messages.json")) {
            received.add(new Sms(path, sid, form));
            pause();
            Integer refusal = refusals.get(form.get("To"));
            if (refusal != null && refusal >= 500) {
                status = refusal;
                answer = "{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":" + refusal + "}";
            } else if (refusal != null) {
                status = 400;
                answer = "{\"code\":21211,\"message\":\"The 'To' number " + form.get("To")
                        + " is not a valid phone number.\",\"more_info\":\"https://www.twilio.com/docs/errors/21211\","
                        + "\"status\":400}";
            } else {
                status = 201;
                answer = "{\"sid\":\"" + sid + "\",\"status\":\"queued\",\"to\":\"" + form.get("To") + "\"}";
            }
        } else {
            status = 404;
            answer = "{\"code\":20404,\"message\":\"not found\",\"status\":404}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private void pause() {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
