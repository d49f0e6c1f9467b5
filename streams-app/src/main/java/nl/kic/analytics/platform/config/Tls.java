package nl.kic.analytics.platform.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS for the HTTP side, from PKCS12 key and trust stores named in the configuration. */
public final class Tls {
    private Tls() {
    }

    /** The server's context: its certificate and key from {@code kic.http.key-store}. */
    public static SSLContext server(KicConfig.Access access) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(access.keyStore(), access.keyStorePassword()), access.keyStorePassword().toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot use kic.http.key-store " + access.keyStore() + ": " + e.getMessage(), e);
        }
    }

    /** A client's context that trusts the certificates of {@code kic.http.trust-store}, or the JVM's own when none is set. */
    public static SSLContext client(KicConfig.Access access) {
        try {
            if (access.trustStore().isBlank()) {
                return SSLContext.getDefault();
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(access.trustStore(), access.trustStorePassword()));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot use kic.http.trust-store " + access.trustStore() + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String file, String password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
