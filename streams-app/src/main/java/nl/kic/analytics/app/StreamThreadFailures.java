package nl.kic.analytics.app;

import nl.kic.analytics.platform.metrics.PipelineMetrics;
import nl.kic.analytics.platform.serde.StoredFormatException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a stream thread fails: it is replaced and counted, unless it met state of a
 * stored format this build cannot read, which stops the instance.
 */
public final class StreamThreadFailures implements StreamsUncaughtExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(StreamThreadFailures.class);

    private final PipelineMetrics metrics;

    public StreamThreadFailures(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StoredFormatException stored) {
                // Going on would lose that state, and a new thread would meet it again.
                log.error("Stopping: {}", stored.getMessage());
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
        }
        // The failed thread's tasks go back to their last commit; a new thread takes them up.
        log.error("Stream thread failed; replacing it", failure);
        metrics.threadReplaced();
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
