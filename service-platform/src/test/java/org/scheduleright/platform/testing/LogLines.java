package org.scheduleright.platform.testing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the structured (JSON) log lines a service wrote to captured console output. */
public final class LogLines {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private LogLines() {}

    /** Every line of {@code output} that is a JSON object, parsed; other lines (a test's own prints) are skipped. */
    public static List<Map<String, Object>> parse(String output) {
        return output.lines()
                .filter(line -> line.startsWith("{"))
                .map(LogLines::parseLine)
                .filter(Objects::nonNull)
                .toList();
    }

    /** The parsed lines of one logger. */
    public static List<Map<String, Object>> of(String output, String logger) {
        return parse(output).stream()
                .filter(line -> logger.equals(value(line, "log.logger")))
                .toList();
    }

    /**
     * A field of a parsed line by its dotted name, whether the format nested it ({@code {"log":{"logger":..}}}, as ECS
     * does) or kept it flat; {@code null} when absent.
     */
    public static Object value(Map<String, Object> line, String name) {
        if (line.containsKey(name)) {
            return line.get(name);
        }
        int dot = name.indexOf('.');
        while (dot > 0) {
            if (line.get(name.substring(0, dot)) instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Object found = value((Map<String, Object>) nested, name.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
            dot = name.indexOf('.', dot + 1);
        }
        return null;
    }

    private static Map<String, Object> parseLine(String line) {
        try {
            return JSON.readValue(line, OBJECT);
        } catch (JacksonException e) {
            return null;
        }
    }
}
