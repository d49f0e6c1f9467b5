package nl.kic.analytics;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * The tests' one way to wait for something asynchronous (the pipeline, a process, a server): ask
 * again every {@code 200 ms} until the answer is the expected one, and fail with what was waited for
 * and the last answer when it never comes. An exception from the question counts as "not yet" (a
 * server not listening yet, a store being rebuilt).
 */
public final class Await {
    private static final Duration INTERVAL = Duration.ofMillis(200);

    private Await() {
    }

    /** Asks {@code question} until {@code ready} accepts its answer, and returns that answer. */
    public static <T> T until(String what, Duration timeout, Callable<T> question, Predicate<? super T> ready) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object last = null;
        while (true) {
            try {
                T answer = question.call();
                if (ready.test(answer)) {
                    return answer;
                }
                last = answer;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception notYet) {
                last = notYet;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; last answer: " + last);
            }
            Thread.sleep(INTERVAL.toMillis());
        }
    }

    /** Waits until {@code condition} holds. */
    public static void until(String what, Duration timeout, Callable<Boolean> condition) throws InterruptedException {
        until(what, timeout, condition, Boolean.TRUE::equals);
    }
}
