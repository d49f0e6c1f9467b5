package nl.kic.analytics;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A PKCS12 key store with a self-signed certificate for localhost, made with the JDK's keytool. */
public final class TestKeyStore {
    public static final String PASSWORD = "changeit";

    private TestKeyStore() {
    }

    public static Path create(Path dir) throws Exception {
        Path keyStore = dir.resolve("http.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "kic", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).inheritIO().start();
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool could not make a key store");
        }
        return keyStore;
    }
}
