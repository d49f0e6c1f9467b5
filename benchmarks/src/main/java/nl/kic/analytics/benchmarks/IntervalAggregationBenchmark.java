package nl.kic.analytics.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import nl.kic.analytics.domain.contacts.ContactIntervalStats;
import nl.kic.analytics.domain.contacts.ContactKind;
import nl.kic.analytics.domain.contacts.Contribution;
import nl.kic.analytics.domain.intervals.Change;
import nl.kic.analytics.domain.intervals.IntervalAggregator;
import nl.kic.analytics.events.Channel;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The interval aggregation of {@code contact-interval-aggregation}: the real processor over a real
 * (in-memory) store, fed the three changes a contact makes (offered, answered, ended) for contacts
 * spread over the working hours of a month in five queues, with waits of 18 minutes on average.
 * One operation is one change; each change updates the rows of all six granularities.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IntervalAggregationBenchmark {
    private static final String[] QUEUES = {"asiel", "verblijf", "naturalisatie", "werk", "algemeen"};

    private IntervalAggregator<Contribution, ContactIntervalStats> aggregator;
    private List<Record<String, Change<Contribution>>> changes;
    private int next;

    @Setup
    public void setUp() {
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ContactKind.INTERVAL_STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        aggregator = new IntervalAggregator<>(ContactKind.INTERVAL_ROWS, ZoneId.of("Europe/Amsterdam"), Duration.ofDays(400), Duration.ofDays(1), true);
        aggregator.init(context);

        Random random = new Random(2022);
        changes = new ArrayList<>();
        long monthStart = Instant.parse("2023-06-01T07:00:00Z").toEpochMilli();
        for (int i = 0; i < 20_000; i++) {
            String queue = QUEUES[random.nextInt(QUEUES.length)];
            long offeredAt = monthStart + random.nextInt(30) * 86_400_000L + random.nextInt(9 * 3_600_000);
            long waitMillis = (long) (-Math.log(1 - random.nextDouble()) * 18 * 60_000);
            long talkMillis = (long) (-Math.log(1 - random.nextDouble()) * 7 * 60_000);
            Contribution open = Contribution.waiting(Channel.CALL, queue, offeredAt, false);
            Contribution answered = new Contribution(Channel.CALL, queue, offeredAt, Contribution.Status.ANSWERED, waitMillis, -1,
                    waitMillis <= 60_000, false);
            Contribution ended = new Contribution(Channel.CALL, queue, offeredAt, Contribution.Status.ANSWERED, waitMillis, talkMillis,
                    waitMillis <= 60_000, false);
            changes.add(new Record<>(open.queueKey(), new Change<>(null, open), offeredAt));
            changes.add(new Record<>(open.queueKey(), new Change<>(open, answered), offeredAt));
            changes.add(new Record<>(open.queueKey(), new Change<>(answered, ended), offeredAt));
        }
        // The rows as they are in a busy month: every interval filled once before measuring.
        changes.forEach(aggregator::process);
    }

    @Benchmark
    public int applyOneChange() {
        // Cycling adds the same contacts again: rows keep their intervals and histogram shapes.
        aggregator.process(changes.get(next));
        next = next + 1 == changes.size() ? 0 : next + 1;
        return next;
    }
}
