package nl.kic.analytics.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * One kind of figures (contacts, e-mail, agents), described in one place: its input topic, its part
 * of the topology, its stores, the stored formats it writes, its answers on the API and its figures
 * on /metrics. The application is the list of its domains ({@code app/Domains}) and loops over them;
 * nothing else names a domain's topics or stores. A domain never uses another: figures that combine
 * domains (staffing) belong to the application.
 */
public interface Domain {

    /** Its name, in paths and logs ({@code contacts}). */
    String name();

    /** The topic its events arrive on, or null for a domain fed by another's {@link Feed}. */
    String inputTopic();

    /** Adds its sources, processors and stores to the application's topology. */
    void addTo(StreamsBuilder builder, Wiring wiring);

    /** Its stores, with their types; those a query reads may be asked of other instances. */
    List<StoreHandle<?, ?>> stores();

    /** The format version of every kind of value it stores, by name (see app/StoredFormats). */
    Map<String, Integer> storedFormats();

    /** Its answers on the API. */
    List<Endpoint> endpoints();

    /** Its figures on /metrics at {@code now}, read through {@code stores}; throws InvalidStateStoreException when a partition cannot be read. */
    void figures(StoreReader stores, Instant now, FigureSink sink);
}
