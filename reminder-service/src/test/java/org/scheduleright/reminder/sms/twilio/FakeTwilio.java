package org.scheduleright.reminder.sms.twilio;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local stand-in for Twilio's Messages API that records each request and answers from a script. */
public final class FakeTwilio implements AutoCloseable {

    /** A scripted answer: status, JSON body and an optional Retry-After in seconds. */
    public record Answer(int status, String body, String retryAfter) {

        public static Answer accepted(String sid) {
            return new Answer(201, "{\"sid\":\"" + sid + "\",\"status\":\"queued\"}", null);
        }

        public static Answer error(int status, int code) {
            return new Answer(
                    status,
                    "{\"code\":" + code + ",\"message\":\"error\",\"more_info\":\"x\",\"status\":" + status + "}",
                    null);
        }
    }

    /** One received request: path, Authorization header and form fields. */
    public record Received(String path, String authorization, Map<String, String> form) {}

    private final HttpServer server;

    private final Deque<Answer> script = new ArrayDeque<>();

    private final List<Received> received = new CopyOnWriteArrayList<>();

    public FakeTwilio() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized FakeTwilio then(Answer answer) {
        script.addLast(answer);
        return this;
    }

    public List<Received> received() {
        return received;
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
        received.add(new Received(
                exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"), form));
        Answer answer;
        synchronized (this) {
            answer = script.isEmpty() ? Answer.accepted("SMdefault") : script.removeFirst();
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
