package nl.kic.analytics.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.EmailEvent;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {

    @Test
    void registersUnderTheSubjectWithTheConfluentContentTypeAndCachesTheId() throws Exception {
        try (FakeConfluentRegistryServer server = new FakeConfluentRegistryServer(7)) {
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(server.url());
            assertThat(client.register("kic.contact-events-value", ContactEvent.getClassSchema())).isEqualTo(7);
            assertThat(client.register("kic.contact-events-value", ContactEvent.getClassSchema())).isEqualTo(7);

            assertThat(server.requests).hasSize(1);
            FakeConfluentRegistryServer.Request request = server.requests.get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/subjects/kic.contact-events-value/versions");
            assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
            assertThat(request.body().get("schema").asText()).isEqualTo(ContactEvent.getClassSchema().toString());
        }
    }

    @Test
    void fetchesASchemaByIdAndReportsAnUnknownIdWithTheRegistryErrorCode() throws Exception {
        try (FakeConfluentRegistryServer server = new FakeConfluentRegistryServer(1)) {
            server.schemasById.put(42, EmailEvent.getClassSchema().toString());
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(server.url());
            assertThat(client.schemaById(42)).isEqualTo(EmailEvent.getClassSchema());
            assertThatThrownBy(() -> client.schemaById(43))
                    .isInstanceOf(SchemaRegistryException.class)
                    .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40403));
        }
    }

    @Test
    void checksCompatibilityAgainstTheLatestVersion() throws Exception {
        try (FakeConfluentRegistryServer server = new FakeConfluentRegistryServer(1)) {
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(server.url());
            // A subject that does not exist yet (40401) accepts any schema.
            assertThat(client.isCompatible("kic.contact-events-value", ContactEvent.getClassSchema())).isTrue();
            client.register("kic.contact-events-value", ContactEvent.getClassSchema());
            server.compatible = false;
            assertThat(client.isCompatible("kic.contact-events-value", ContactEvent.getClassSchema())).isFalse();
            assertThat(server.requests.get(server.requests.size() - 1).path())
                    .isEqualTo("/compatibility/subjects/kic.contact-events-value/versions/latest");
        }
    }
}
