package org.scheduleright.events;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Loads the events' JSON Schemas from the class path and validates data against them, with format assertions on. */
public final class EventSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private EventSchemas() {}

    /** Returns the validation errors of the given JSON data against the schema of the given event type. */
    public static List<String> errors(EventType<?> type, byte[] json) {
        return errors(schemaOf(type), new String(json, StandardCharsets.UTF_8));
    }

    /** Returns the validation errors of the given JSON text against the schema of the given event type. */
    public static List<String> errors(EventType<?> type, String json) {
        return errors(schemaOf(type), json);
    }

    /** Returns the errors of a schema file against the draft 2020-12 meta-schema. */
    public static List<String> metaSchemaErrors(EventType<?> type) {
        Schema meta = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        return errors(meta, text(type.schema()));
    }

    /** Returns the text of a class-path resource. */
    public static String text(String resource) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no class-path resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema schemaOf(EventType<?> type) {
        return REGISTRY.getSchema(text(type.schema()), InputFormat.JSON);
    }

    private static List<String> errors(Schema schema, String json) {
        return schema.validate(json, InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }
}
