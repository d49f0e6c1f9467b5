package nl.kic.analytics.cli;

import java.util.concurrent.CountDownLatch;

/** How a long-running command ends: when the JVM is asked to stop (Ctrl+C, SIGTERM). */
final class Shutdown {
    private Shutdown() {
    }

    /** Blocks until the JVM is asked to stop (Ctrl+C, SIGTERM), then closes {@code resources} in order. */
    static void await(AutoCloseable... resources) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception e) {
                    System.err.println("While stopping: " + e);
                }
            }
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }

}
