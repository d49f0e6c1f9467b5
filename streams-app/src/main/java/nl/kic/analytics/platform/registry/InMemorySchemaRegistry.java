package nl.kic.analytics.platform.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * An in-memory registry behind {@code mock://NAME} URLs, for tests and the embedded demo. Each NAME
 * is its own scope, so tests that use different names do not see each other's schemas. Ids are
 * global within a scope and an identical schema keeps its id across subjects, as in Confluent's
 * registry; compatibility is BACKWARD (the new schema reads data written with the latest).
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {
    private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final Map<Schema, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Schema>> versionsBySubject = new HashMap<>();

    public static InMemorySchemaRegistry scope(String name) {
        return SCOPES.computeIfAbsent(name, n -> new InMemorySchemaRegistry());
    }

    public static void dropScope(String name) {
        SCOPES.remove(name);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<Schema> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(schema)) {
            if (!isCompatible(subject, schema)) {
                throw new SchemaRegistryException("Schema being registered is incompatible with an earlier schema for subject " + subject, 409);
            }
            versions.add(schema);
        }
        return idsBySchema.computeIfAbsent(schema, s -> {
            int id = idsBySchema.size() + 1;
            schemasById.put(id, s);
            return id;
        });
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("Schema " + id + " not found", 40403);
        }
        return schema;
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        List<Schema> versions = versionsBySubject.getOrDefault(subject, List.of());
        if (versions.isEmpty()) {
            return true;
        }
        Schema latest = versions.get(versions.size() - 1);
        return SchemaCompatibility.checkReaderWriterCompatibility(schema, latest).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }
}
