package nl.kic.analytics.app;

import java.util.Map;
import java.util.Set;
import nl.kic.analytics.platform.errors.DeadLetterReason;
import nl.kic.analytics.platform.errors.RejectedEventException;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.ProcessorWrapper;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.processor.api.WrappedFixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.WrappedProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Wraps every processor of the topology. Before a processor sees a record, the guard asks
 * {@link FailedRecords} whether the record is poison; if so it rejects the record as
 * {@code processing_error}, so that the first processor of the sub-topology stops it before any
 * state is touched. In {@code bench}'s counting pass it also hands the processors stores that count
 * what is asked of them ({@link StoreOperations}).
 */
public final class RecordGuard implements ProcessorWrapper {
    /** The configuration key under which the application hands its failed records to the guard. */
    static final String FAILED_RECORDS_CONFIG = "kic.internal.failed-records";
    /** The key under which {@code bench} hands a counter of store operations to the guard; absent in every other run. */
    public static final String STORE_OPERATIONS_CONFIG = "kic.internal.store-operations";

    private FailedRecords failedRecords;
    private StoreOperations storeOperations;

    @Override
    public void configure(Map<String, ?> configs) {
        failedRecords = (FailedRecords) configs.get(FAILED_RECORDS_CONFIG);
        storeOperations = (StoreOperations) configs.get(STORE_OPERATIONS_CONFIG);
    }

    @Override
    public <KIn, VIn, KOut, VOut> WrappedProcessorSupplier<KIn, VIn, KOut, VOut> wrapProcessorSupplier(
            String processorName, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier) {
        return ProcessorWrapper.asWrapped(new ProcessorSupplier<>() {
            @Override
            public Processor<KIn, VIn, KOut, VOut> get() {
                Processor<KIn, VIn, KOut, VOut> processor = supplier.get();
                return new Processor<>() {
                    private ProcessorContext<KOut, VOut> context;

                    @Override
                    public void init(ProcessorContext<KOut, VOut> context) {
                        this.context = context;
                        processor.init(storeOperations == null ? context : storeOperations.counting(context, ProcessorContext.class));
                    }

                    @Override
                    public void process(Record<KIn, VIn> record) {
                        guarded(context.recordMetadata().orElse(null), () -> processor.process(record));
                    }

                    @Override
                    public void close() {
                        processor.close();
                    }
                };
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return supplier.stores();
            }
        });
    }

    @Override
    public <KIn, VIn, VOut> WrappedFixedKeyProcessorSupplier<KIn, VIn, VOut> wrapFixedKeyProcessorSupplier(
            String processorName, FixedKeyProcessorSupplier<KIn, VIn, VOut> supplier) {
        return ProcessorWrapper.asWrappedFixedKey(new FixedKeyProcessorSupplier<>() {
            @Override
            public FixedKeyProcessor<KIn, VIn, VOut> get() {
                FixedKeyProcessor<KIn, VIn, VOut> processor = supplier.get();
                return new FixedKeyProcessor<>() {
                    private FixedKeyProcessorContext<KIn, VOut> context;

                    @Override
                    public void init(FixedKeyProcessorContext<KIn, VOut> context) {
                        this.context = context;
                        processor.init(storeOperations == null ? context
                                : storeOperations.counting(context, FixedKeyProcessorContext.class));
                    }

                    @Override
                    public void process(FixedKeyRecord<KIn, VIn> record) {
                        guarded(context.recordMetadata().orElse(null), () -> processor.process(record));
                    }

                    @Override
                    public void close() {
                        processor.close();
                    }
                };
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return supplier.stores();
            }
        });
    }

    /** The one body of every wrapped processor: a poison record is rejected before it. */
    private void guarded(RecordMetadata source, Runnable process) {
        if (source != null && failedRecords != null) {
            String error = failedRecords.poisonError(source.topic(), source.partition(), source.offset());
            if (error != null) {
                throw new RejectedEventException(DeadLetterReason.PROCESSING_ERROR, "failed again after the task was recovered: " + error);
            }
        }
        process.run();
    }
}
