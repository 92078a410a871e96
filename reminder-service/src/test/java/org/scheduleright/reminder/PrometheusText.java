package org.scheduleright.reminder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The samples of a Prometheus text exposition ({@code name{label="value",...} value [timestamp]}), parsed so that
 * tests look at series names and labels rather than at substrings of the page.
 */
public final class PrometheusText {

    /** One sample: series name, labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {

        public String label(String name) {
            return labels.get(name);
        }
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                samples.add(sample(trimmed));
            }
        }
        return new PrometheusText(samples);
    }

    /** The samples of the series {@code name}. */
    public List<Sample> series(String name) {
        return samples.stream().filter(sample -> sample.name().equals(name)).toList();
    }

    /** The samples of the series {@code name} whose labels include all of {@code labels}. */
    public List<Sample> series(String name, Map<String, String> labels) {
        Predicate<Sample> matches = sample -> labels.entrySet().stream()
                .allMatch(label -> label.getValue().equals(sample.labels().get(label.getKey())));
        return series(name).stream().filter(matches).toList();
    }

    /** The sum of the values of the matching samples; 0 when there is none (a counter not yet incremented). */
    public double sum(String name, Map<String, String> labels) {
        return series(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    /** Every series name on the page. */
    public List<String> names() {
        return samples.stream().map(Sample::name).distinct().toList();
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        int rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            rest = labels(line, brace + 1, labels);
        } else {
            name = line.substring(0, space);
            rest = space;
        }
        String[] valueAndTimestamp = line.substring(rest).strip().split(" ");
        return new Sample(name, Map.copyOf(labels), value(valueAndTimestamp[0]));
    }

    /** Reads {@code label="value",...}} from {@code start}; returns the index after the closing brace. */
    private static int labels(String line, int start, Map<String, String> labels) {
        int i = start;
        while (line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            String label = line.substring(i, equals).strip();
            if (line.charAt(equals + 1) != '"') {
                throw new IllegalArgumentException("label value not quoted in: " + line);
            }
            StringBuilder value = new StringBuilder();
            int j = equals + 2;
            while (line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\') {
                    char escaped = line.charAt(++j);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
                j++;
            }
            labels.put(label, value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return i + 1;
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
