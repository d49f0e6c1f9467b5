package nl.kic.analytics.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import nl.kic.analytics.events.ContactEvent;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.Test;

/**
 * The optional callerKey and reason are compatible changes of ContactEvent, by Avro's own compatibility check:
 * events written before it are read by this build (backward), and events of this build by readers
 * of the schema before it (forward), so producers and the application can be upgraded in any order.
 */
class ContactEventEvolutionTest {

    @Test
    void addingTheOptionalCallerKeyIsBackwardAndForwardCompatible() throws Exception {
        Schema before;
        try (InputStream in = getClass().getResourceAsStream("/schemas/ContactEvent-before-callerKey.avsc")) {
            before = new Schema.Parser().parse(in);
        }
        Schema now = ContactEvent.getClassSchema();
        assertThat(before.getField("callerKey")).isNull();
        assertThat(now.getField("callerKey").defaultVal()).isEqualTo(JsonProperties.NULL_VALUE);

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(now, before).getType())
                .as("this build reads events written before").isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(before, now).getType())
                .as("a reader of the schema before reads events of this build").isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        // And the in-memory registry, which checks BACKWARD, takes it as a new version of the subject.
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.scope("evolution-test");
        int first = registry.register("kic.contact-events-value", before);
        int second = registry.register("kic.contact-events-value", now);
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void addingTheOptionalReasonIsBackwardAndForwardCompatible() throws Exception {
        Schema before;
        try (InputStream in = getClass().getResourceAsStream("/schemas/ContactEvent-before-reason.avsc")) {
            before = new Schema.Parser().parse(in);
        }
        Schema now = ContactEvent.getClassSchema();
        assertThat(before.getField("reason")).isNull();
        assertThat(now.getField("reason").defaultVal()).isEqualTo(JsonProperties.NULL_VALUE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(now, before).getType())
                .as("this build reads events written before").isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(before, now).getType())
                .as("a reader of the schema before reads events of this build").isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.scope("evolution-test-reason");
        int first = registry.register("kic.contact-events-value", before);
        assertThat(registry.register("kic.contact-events-value", now)).isNotEqualTo(first);
    }
}
