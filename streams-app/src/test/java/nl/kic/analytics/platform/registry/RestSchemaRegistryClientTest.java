package nl.kic.analytics.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import nl.kic.analytics.Await;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.EmailEvent;
import org.apache.avro.Schema;
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

    @Test
    void aRegistryThatRefusesConnectionsIsAskedAgainUntilItAnswers() throws Exception {
        try (FakeConfluentRegistryServer server = new FakeConfluentRegistryServer(1)) {
            server.schemasById.put(5, ContactEvent.getClassSchema().toString());
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(server.url(), Duration.ofSeconds(30));
            server.stopListening();
            CompletableFuture<Schema> answer = CompletableFuture.supplyAsync(() -> client.schemaById(5));
            Await.until("the client to notice the registry is down", Duration.ofSeconds(10), () -> client.unavailableReason().isPresent());
            assertThat(client.unavailableReason()).hasValueSatisfying(reason -> assertThat(reason).contains("not reachable"));
            assertThat(answer).isNotDone();
            server.listenAgain();
            assertThat(answer.get(20, TimeUnit.SECONDS)).isEqualTo(ContactEvent.getClassSchema());
            assertThat(client.unavailableReason()).isEmpty();
        }
    }

    @Test
    void aRegistryAnswering503IsATransientFaultOnceTheWaitHasPassed() throws Exception {
        try (FakeConfluentRegistryServer server = new FakeConfluentRegistryServer(1)) {
            server.schemasById.put(5, ContactEvent.getClassSchema().toString());
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(server.url(), Duration.ofSeconds(1));
            server.answerUnavailable(true);
            assertThatThrownBy(() -> client.schemaById(5))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.isTransient()).isTrue();
                        assertThat(e.isDefinite()).isFalse();
                    });
            // Asked more than once within the wait.
            assertThat(server.requests).hasSizeGreaterThan(1);
            assertThat(client.unavailableReason()).isPresent();
        }
    }

    @Test
    void aPlain404OnTheSchemaIdIsADefiniteNotFoundAndIsNotAskedAgain() throws Exception {
        try (FakeConfluentRegistryServer server = new FakeConfluentRegistryServer(1)) {
            // Under this prefix the server knows no path and answers a plain 404 (error code 404, not 40403).
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(server.url() + "/elsewhere", Duration.ofSeconds(30));
            assertThatThrownBy(() -> client.schemaById(77))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isDefinite()).isTrue());
            assertThat(server.requests).hasSize(1);
            assertThat(client.unavailableReason()).isEmpty();
        }
    }
}
