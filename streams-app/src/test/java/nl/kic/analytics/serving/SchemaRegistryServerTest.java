package nl.kic.analytics.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.platform.registry.InMemorySchemaRegistry;
import nl.kic.analytics.platform.registry.RestSchemaRegistryClient;
import nl.kic.analytics.platform.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** The registry that {@code bench --failover} serves to its {@code run} instances, spoken to by the application's own client. */
class SchemaRegistryServerTest {

    @Test
    void theApplicationsClientRegistersAndReadsSchemasBackByTheirIds() throws Exception {
        try (SchemaRegistryServer server = SchemaRegistryServer.start(new InMemorySchemaRegistry(), 0)) {
            RestSchemaRegistryClient producer = new RestSchemaRegistryClient(server.url());
            int contacts = producer.register("kic.contact-events-value", ContactEvent.getClassSchema());
            int emails = producer.register("kic.email-events-value", EmailEvent.getClassSchema());
            assertThat(contacts).isNotEqualTo(emails);
            // As in Confluent's registry, an identical schema keeps its id under another subject.
            assertThat(producer.register("other-value", ContactEvent.getClassSchema())).isEqualTo(contacts);

            // Another process (a fresh client, nothing cached) decodes by the ids the producer got.
            RestSchemaRegistryClient consumer = new RestSchemaRegistryClient(server.url());
            assertThat(consumer.schemaById(contacts)).isEqualTo(ContactEvent.getClassSchema());
            assertThat(consumer.schemaById(emails)).isEqualTo(EmailEvent.getClassSchema());
            assertThatThrownBy(() -> consumer.schemaById(emails + 100)).isInstanceOf(SchemaRegistryException.class)
                    .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
        }
    }

    @Test
    void aSchemaThatCannotReadTheLatestVersionsDataIsIncompatibleAndRefused() throws Exception {
        Schema first = SchemaBuilder.record("Probe").fields().requiredString("id").endRecord();
        // A new required field without a default cannot be read from data written with the first version.
        Schema second = SchemaBuilder.record("Probe").fields().requiredString("id").requiredInt("count").endRecord();
        Schema third = SchemaBuilder.record("Probe").fields().requiredString("id").name("count").type().intType().intDefault(0)
                .endRecord();
        try (SchemaRegistryServer server = SchemaRegistryServer.start(new InMemorySchemaRegistry(), 0)) {
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(server.url());
            assertThat(client.isCompatible("probe-value", second)).as("a subject without versions").isTrue();
            client.register("probe-value", first);
            assertThat(client.isCompatible("probe-value", second)).isFalse();
            assertThat(client.isCompatible("probe-value", third)).isTrue();
            assertThatThrownBy(() -> client.register("probe-value", second)).isInstanceOf(SchemaRegistryException.class)
                    .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(409));
        }
    }

    @Test
    void aBodyThatIsNoSchemaIsRefusedWithoutQuotingIt() throws Exception {
        try (SchemaRegistryServer server = SchemaRegistryServer.start(new InMemorySchemaRegistry(), 0)) {
            HttpClient http = HttpClient.newHttpClient();
            for (String body : new String[] {"<script>alert(1)</script>", "{\"schema\": \"<script>alert(1)</script>\"}", "{\"schema\": 7}"}) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/subjects/x-value/versions"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(422);
                assertThat(answer.body()).contains("42201").doesNotContain("script");
            }
            HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/config/%3Cscript%3E")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).doesNotContain("script");
        }
    }
}
