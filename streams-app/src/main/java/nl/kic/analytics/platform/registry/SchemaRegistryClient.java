package nl.kic.analytics.platform.registry;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API the application uses. Implemented over HTTP
 * ({@link RestSchemaRegistryClient}) and in memory for tests and the demo ({@link InMemorySchemaRegistry}).
 */
public interface SchemaRegistryClient {

    /** Registers the schema under the subject (or finds it registered) and returns its global id. */
    int register(String subject, Schema schema);

    /** The schema with the given global id; {@link SchemaRegistryException} when unknown. */
    Schema schemaById(int id);

    /** Whether the schema may be registered under the subject by the subject's compatibility rule. */
    boolean isCompatible(String subject, Schema schema);

    /** Why the registry does not answer at the moment; empty while it does. */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /** The client for a registry URL: {@code mock://NAME} selects an in-memory registry scope. */
    static SchemaRegistryClient forUrl(String url) {
        if (url.startsWith("mock://")) {
            return InMemorySchemaRegistry.scope(url.substring("mock://".length()));
        }
        return new RestSchemaRegistryClient(url.split(",")[0].trim());
    }
}
