package org.scheduleright.reminder.sms.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
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
import java.util.Map;
import java.util.Optional;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * The Twilio SDK's HTTP client, replaced so that a message POST is made exactly once (the SDK's own retry is off), goes
 * to a configurable base URL, and tells apart failures Twilio guarantees were not processed from ambiguous ones.
 */
class SingleShotTwilioHttpClient extends HttpClient {

    private final String baseUrl;

    private final java.net.http.HttpClient http;

    private final Duration readTimeout;

    SingleShotTwilioHttpClient(String baseUrl, Duration connectTimeout, Duration readTimeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.readTimeout = readTimeout;
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
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new TwilioNotProcessedException("connection_refused", Duration.ZERO);
        } catch (IOException e) {
            throw new TwilioAmbiguousException("timeout");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TwilioAmbiguousException("interrupted");
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
