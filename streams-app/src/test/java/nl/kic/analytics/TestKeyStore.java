package nl.kic.analytics;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** A PKCS12 key store with a self-signed certificate for localhost, made with the JDK's keytool. */
public final class TestKeyStore {
    public static final String PASSWORD = "changeit";

    private TestKeyStore() {
    }

    /** Makes a key store in {@code dir} and sets it in {@code settings} as the HTTP port's key store and as the instances' trust store. */
    public static Path useForHttps(Path dir, Properties settings) throws Exception {
        Path keyStore = create(dir);
        settings.setProperty("kic.http.key-store", keyStore.toString());
        settings.setProperty("kic.http.key-store-password", PASSWORD);
        settings.setProperty("kic.http.trust-store", keyStore.toString());
        settings.setProperty("kic.http.trust-store-password", PASSWORD);
        return keyStore;
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
