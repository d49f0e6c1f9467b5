package nl.kic.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two tests on the shared broker: one broker, names of their own, and the first test's topics gone once it has ended. */
@ExtendWith(SharedBroker.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedBrokerIT {
    static TestKafka first;

    @Test
    @Order(1)
    void aTestHasAnApplicationIdAndTopicsOfItsOwn(TestKafka kafka) throws Exception {
        first = kafka;
        KicConfig config = kafka.config();
        assertThat(config.applicationId()).isEqualTo("kic-" + kafka.token());
        assertThat(config.inputTopics()).allMatch(topic -> topic.endsWith("." + kafka.token()));
        assertThat(config.deadLetterTopic()).isEqualTo("kic.dlq." + kafka.token());
        Topics.create(config.kafkaClientProperties(), config.inputTopics(), 2, 1);
        try (Admin admin = kafka.admin()) {
            assertThat(admin.listTopics().names().get()).containsAll(config.inputTopics());
        }
    }

    @Test
    @Order(2)
    void theNextTestHasOtherNamesOnTheSameBrokerAndTheTopicsOfTheFirstAreGone(TestKafka kafka) throws Exception {
        assertThat(kafka.bootstrapServers()).isEqualTo(first.bootstrapServers());
        assertThat(kafka.token()).isNotEqualTo(first.token());
        try (Admin admin = kafka.admin()) {
            // Deletion completes on the broker shortly after the request.
            Set<String> left = Await.until("the first test's topics to be deleted", Duration.ofSeconds(30),
                    () -> admin.listTopics().names().get(), topics -> topics.stream().noneMatch(t -> t.contains(first.token())));
            assertThat(left).doesNotContainAnyElementsOf(first.config().inputTopics());
        }
    }
}
