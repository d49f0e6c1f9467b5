package nl.kic.analytics.app;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.ProcessorWrapper;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.WrappedFixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.WrappedProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * A fault injected after a processor has done its work for a record (its forwards and writes
 * included), by fault tests that prove a failed attempt leaves nothing behind. The product's own
 * record guard still wraps every processor; the fault follows it.
 */
@FunctionalInterface
public interface ProcessorFault {
    String CONFIG = "kic.test.processor-fault";

    void afterProcess(String processorName, Object key, Object value);

    /** Kafka Streams settings that wrap every processor in the record guard and then in this fault. */
    default Consumer<Properties> injected() {
        return properties -> {
            properties.put(StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG, Injection.class);
            properties.put(CONFIG, this);
        };
    }

    /** The wrapper: the record guard inside, the fault after it. */
    final class Injection implements ProcessorWrapper {
        private final RecordGuard guard = new RecordGuard();
        private ProcessorFault fault;

        @Override
        public void configure(Map<String, ?> configs) {
            guard.configure(configs);
            fault = (ProcessorFault) configs.get(CONFIG);
        }

        @Override
        public <KIn, VIn, KOut, VOut> WrappedProcessorSupplier<KIn, VIn, KOut, VOut> wrapProcessorSupplier(
                String name, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier) {
            ProcessorSupplier<KIn, VIn, KOut, VOut> guarded = guard.wrapProcessorSupplier(name, supplier);
            return ProcessorWrapper.asWrapped(new ProcessorSupplier<>() {
                @Override
                public Processor<KIn, VIn, KOut, VOut> get() {
                    Processor<KIn, VIn, KOut, VOut> processor = guarded.get();
                    return new Processor<>() {
                        @Override
                        public void init(ProcessorContext<KOut, VOut> context) {
                            processor.init(context);
                        }

                        @Override
                        public void process(Record<KIn, VIn> record) {
                            processor.process(record);
                            fault.afterProcess(name, record.key(), record.value());
                        }

                        @Override
                        public void close() {
                            processor.close();
                        }
                    };
                }

                @Override
                public Set<StoreBuilder<?>> stores() {
                    return guarded.stores();
                }
            });
        }

        @Override
        public <KIn, VIn, VOut> WrappedFixedKeyProcessorSupplier<KIn, VIn, VOut> wrapFixedKeyProcessorSupplier(
                String name, FixedKeyProcessorSupplier<KIn, VIn, VOut> supplier) {
            FixedKeyProcessorSupplier<KIn, VIn, VOut> guarded = guard.wrapFixedKeyProcessorSupplier(name, supplier);
            return ProcessorWrapper.asWrappedFixedKey(new FixedKeyProcessorSupplier<>() {
                @Override
                public FixedKeyProcessor<KIn, VIn, VOut> get() {
                    FixedKeyProcessor<KIn, VIn, VOut> processor = guarded.get();
                    return new FixedKeyProcessor<>() {
                        @Override
                        public void init(FixedKeyProcessorContext<KIn, VOut> context) {
                            processor.init(context);
                        }

                        @Override
                        public void process(FixedKeyRecord<KIn, VIn> record) {
                            processor.process(record);
                            fault.afterProcess(name, record.key(), record.value());
                        }

                        @Override
                        public void close() {
                            processor.close();
                        }
                    };
                }

                @Override
                public Set<StoreBuilder<?>> stores() {
                    return guarded.stores();
                }
            });
        }
    }
}
