package org.scheduleright.platform.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Parses the Prometheus text exposition format (version 0.0.4) that {@code /metrics} serves into samples, so that tests
 * check series names and label values rather than substrings of the page.
 */
public final class PrometheusText {

    /** One sample line: a series name, its labels and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {

        public String label(String name) {
            return labels.get(name);
        }
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    /** Parses a whole page; throws {@link IllegalArgumentException} on a line that is not a valid sample. */
    public static PrometheusText parse(String page) {
        List<Sample> samples = new ArrayList<>();
        for (String line : page.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                samples.add(sample(trimmed));
            }
        }
        return new PrometheusText(samples);
    }

    /**
     * GETs {@code /metrics} with the given client and parses the page; reads it with a larger buffer than WebClient's
     * 256 KiB default, which a page with many histograms outgrows.
     */
    public static PrometheusText scrape(WebTestClient client) {
        String page = client.mutate()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build()
                .get()
                .uri("/metrics")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return parse(page);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Every sample of the series with the given name. */
    public List<Sample> series(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The samples of the series {@code name} whose labels include all of {@code labels}. */
    public List<Sample> series(String name, Map<String, String> labels) {
        return series(name).stream()
                .filter(sample -> labels.entrySet().stream()
                        .allMatch(label -> label.getValue().equals(sample.label(label.getKey()))))
                .toList();
    }

    /** The sum of the values of the matching samples; 0 when there is none (a counter not yet incremented). */
    public double sum(String name, Map<String, String> labels) {
        return series(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    /** Every series name on the page, sorted. */
    public Set<String> names() {
        return samples.stream().map(Sample::name).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The distinct values the given label takes on the given series. */
    public Set<String> labelValues(String name, String label) {
        return series(name).stream()
                .map(s -> s.label(label))
                .filter(v -> v != null)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("not a sample line: " + line);
        }
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        int rest;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            rest = labels(line, brace + 1, labels);
        } else {
            name = line.substring(0, space);
            rest = space;
        }
        if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            throw new IllegalArgumentException("not a metric name: " + line);
        }
        String[] valueAndTime = line.substring(rest).strip().split(" ");
        return new Sample(name, labels, value(valueAndTime[0]));
    }

    /** Reads {@code key="value",...}} from {@code start} and returns the index after the closing brace. */
    private static int labels(String line, int start, Map<String, String> labels) {
        int i = start;
        while (true) {
            while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) {
                i++;
            }
            if (i >= line.length()) {
                throw new IllegalArgumentException("unterminated labels: " + line);
            }
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("bad label at " + i + ": " + line);
            }
            String key = line.substring(i, eq);
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < line.length() && line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\' && j + 1 < line.length()) {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            if (j >= line.length()) {
                throw new IllegalArgumentException("unterminated label value: " + line);
            }
            labels.put(key, value.toString());
            i = j + 1;
        }
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
