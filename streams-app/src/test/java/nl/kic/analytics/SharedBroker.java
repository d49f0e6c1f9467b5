package nl.kic.analytics;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import nl.kic.analytics.platform.embedded.EmbeddedKafkaBroker;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real Kafka broker (KRaft, in-process) for all the integration tests of a test JVM: the first
 * test that asks for it starts it, and it stops when the last test is done. A test asks with a
 * {@link TestKafka} parameter, in a test method or in a {@code @BeforeAll} method, and gets names of
 * its own: an application id and topics that carry a token no other test has, so that tests never
 * see each other's records or consumer groups. Its topics are deleted when it ends (the method, or
 * the class for {@code @BeforeAll}).
 */
public final class SharedBroker implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedBroker.class);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** Internal topic names are the application id, a store name and a suffix; a short token keeps them well inside Kafka's limit. */
    private static final int TOKEN_LENGTH = 48;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestKafka.class;
    }

    @Override
    public TestKafka resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // The values of the root store are closed after the last test of the JVM.
        EmbeddedKafkaBroker broker = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("broker", key -> EmbeddedKafkaBroker.start(), EmbeddedKafkaBroker.class);
        TestKafka kafka = new TestKafka(broker.bootstrapServers(), token(context));
        context.getStore(NAMESPACE).put(kafka.token(), (AutoCloseable) kafka::deleteTopics);
        return kafka;
    }

    /** "t", a number no other test has, and the test's class and method in lower case: readable in the broker's topic list. */
    private static String token(ExtensionContext context) {
        String name = context.getRequiredTestClass().getSimpleName() + context.getTestMethod().map(m -> "-" + m.getName()).orElse("");
        String token = "t" + SEQUENCE.incrementAndGet() + "-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "");
        return token.length() <= TOKEN_LENGTH ? token : token.substring(0, TOKEN_LENGTH);
    }
}
