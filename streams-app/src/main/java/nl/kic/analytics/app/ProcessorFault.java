package nl.kic.analytics.app;

/**
 * A fault injected after a processor has done its work for a record (its forwards and writes
 * included), by fault tests that prove a failed attempt leaves nothing behind. The application
 * itself runs with {@link #NONE}.
 */
@FunctionalInterface
public interface ProcessorFault {
    ProcessorFault NONE = (processorName, key, value) -> { };

    void afterProcess(String processorName, Object key, Object value);
}
