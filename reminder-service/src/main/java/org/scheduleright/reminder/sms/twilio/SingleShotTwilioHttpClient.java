package org.scheduleright.reminder.sms.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.RequestReplySenderContext;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * The Twilio SDK's HTTP client, replaced so that a message POST is made exactly once (the SDK's own retry is off), goes
 * to a configurable base URL, and tells apart failures Twilio guarantees were not processed from ambiguous ones. Each
 * request is a client span and a timer ({@code scheduleright.twilio.requests}) tagged with method and status only:
 * the URL names the account and the body holds the number and the text.
 */
class SingleShotTwilioHttpClient extends HttpClient {

    private static final String METHOD = "http.request.method";

    private static final String STATUS = "http.response.status_code";

    private final String baseUrl;

    private final java.net.http.HttpClient http;

    private final Duration readTimeout;

    private final ObservationRegistry observations;

    SingleShotTwilioHttpClient(
            String baseUrl, Duration connectTimeout, Duration readTimeout, ObservationRegistry observations) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.readTimeout = readTimeout;
        this.observations = observations;
        this.http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        URL sdkUrl = request.constructURL();
        String pathAndQuery = sdkUrl.getFile();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(readTimeout)
                .header("Accept", "application/json");
        if (request.requiresAuthentication()) {
            String credentials = request.getUsername() + ":" + request.getPassword();
            builder.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        if (request.getMethod() == HttpMethod.POST) {
            builder.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(request.encodeFormBody()));
        } else {
            builder.method(request.getMethod().toString(), HttpRequest.BodyPublishers.noBody());
        }
        Observation observation = observe(request, builder);
        HttpResponse<String> response;
        try (Observation.Scope scope = observation.openScope()) {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            observation.lowCardinalityKeyValue(STATUS, Integer.toString(response.statusCode()));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            observation.error(e);
            throw new TwilioNotProcessedException("connection_refused", Duration.ZERO);
        } catch (IOException e) {
            observation.error(e);
            throw new TwilioAmbiguousException("timeout");
        } catch (InterruptedException e) {
            observation.error(e);
            Thread.currentThread().interrupt();
            throw new TwilioAmbiguousException("interrupted");
        } finally {
            observation.stop();
        }
        int status = response.statusCode();
        Optional<Duration> retryAfter =
                response.headers().firstValue("Retry-After").flatMap(SingleShotTwilioHttpClient::seconds);
        if (status == 429) {
            throw new TwilioNotProcessedException("http_429", retryAfter.orElse(Duration.ZERO));
        }
        if (status == 503 && retryAfter.isPresent()) {
            throw new TwilioNotProcessedException("http_503", retryAfter.get());
        }
        if (status >= 500) {
            throw new TwilioAmbiguousException("http_" + status);
        }
        return new Response(response.body(), status, headers(response.headers().map()));
    }

    /** Starts the request's client observation; it adds the trace context to the request's headers. */
    private Observation observe(Request request, HttpRequest.Builder builder) {
        RequestReplySenderContext<HttpRequest.Builder, HttpResponse<String>> context =
                new RequestReplySenderContext<>(HttpRequest.Builder::header, Kind.CLIENT);
        context.setCarrier(builder);
        context.setRemoteServiceName("twilio");
        boolean messageCreate = request.getMethod() == HttpMethod.POST
                && request.constructURL().getPath().endsWith("/Messages.json");
        String method = request.getMethod().toString();
        return Observation.createNotStarted("scheduleright.twilio.requests", () -> context, observations)
                .contextualName(messageCreate ? "twilio messages create" : "twilio " + method.toLowerCase(Locale.ROOT))
                .lowCardinalityKeyValue(METHOD, method)
                .lowCardinalityKeyValue(STATUS, "none")
                .start();
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Header[] headers(Map<String, List<String>> map) {
        return map.entrySet().stream()
                .flatMap(entry -> entry.getValue().stream().map(value -> new BasicHeader(entry.getKey(), value)))
                .toArray(Header[]::new);
    }
}
