package org.avfusion.runtime.output.mqtt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS and credentials of the MQTT client. Secrets are never part of the profile: it names a file
 * ({@code passwordFile}, first line, trailing newline ignored) or an environment variable ({@code passwordEnv}).
 *
 * @param caFile       PEM file of the CA certificate(s) the broker's certificate must chain to; null: the JDK's
 *                     trust store (only with {@code ssl://})
 * @param certFile     PEM client certificate (chain) for mutual TLS; null: none. Requires {@code keyFile}
 * @param keyFile      PEM PKCS#8 private key ({@code BEGIN PRIVATE KEY}, RSA or EC, unencrypted: protect it by file
 *                     permissions) of {@code certFile}
 * @param username     MQTT user name; null: none
 * @param passwordFile file holding the password; null: none
 * @param passwordEnv  environment variable holding the password; null: none (at most one of the two)
 */
public record MqttSecurity(Path caFile, Path certFile, Path keyFile, String username, Path passwordFile,
        String passwordEnv) {

    /** No TLS settings (plain {@code tcp://}, or {@code ssl://} with the JDK's trust store), no credentials. */
    public static final MqttSecurity NONE = new MqttSecurity(null, null, null, null, null, null);

    public MqttSecurity {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("mqtt certFile and keyFile go together (client certificate and its "
                    + "key): certFile=" + certFile + ", keyFile=" + keyFile);
        }
        if (passwordFile != null && passwordEnv != null) {
            throw new IllegalArgumentException("mqtt passwordFile and passwordEnv: set one, not both");
        }
        if ((passwordFile != null || passwordEnv != null) && (username == null || username.isBlank())) {
            throw new IllegalArgumentException("mqtt password given (" + (passwordFile != null ? "passwordFile "
                    + passwordFile : "passwordEnv " + passwordEnv) + ") but no username");
        }
        if (username != null && username.isBlank()) {
            username = null;
        }
    }

    /** Whether any TLS file is set (the broker URI must then be {@code ssl://}). */
    public boolean usesTls() {
        return caFile != null || certFile != null;
    }

    /**
     * Reads the password from its file or variable.
     *
     * @param env the environment ({@link System#getenv()} in production)
     * @return the password, or null when none is configured
     * @throws IllegalArgumentException naming the file or variable when it cannot be read or is empty
     */
    public char[] password(Function<String, String> env) {
        if (passwordEnv != null) {
            String value = env.apply(passwordEnv);
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("mqtt passwordEnv: environment variable " + passwordEnv
                        + " is not set or empty");
            }
            return value.toCharArray();
        }
        if (passwordFile != null) {
            try {
                List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
                if (lines.isEmpty() || lines.get(0).isEmpty()) {
                    throw new IllegalArgumentException("mqtt passwordFile " + passwordFile + " is empty");
                }
                return lines.get(0).toCharArray();
            } catch (IOException e) {
                throw new IllegalArgumentException("mqtt passwordFile " + passwordFile + " cannot be read: " + e, e);
            }
        }
        return null;
    }

    /** The password from the process environment. */
    public char[] password() {
        Map<String, String> env = System.getenv();
        return password(env::get);
    }

    /**
     * A socket factory trusting {@code caFile} and presenting {@code certFile}/{@code keyFile}; null when no TLS file
     * is set (Paho then uses the JDK defaults for {@code ssl://}).
     *
     * @throws IllegalArgumentException naming the file that cannot be read or parsed
     */
    public SSLSocketFactory socketFactory() {
        if (!usesTls()) {
            return null;
        }
        try {
            TrustManagerFactory tmf = null;
            if (caFile != null) {
                KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
                trust.load(null, null);
                int i = 0;
                for (Certificate ca : certificates(caFile)) {
                    trust.setCertificateEntry("ca-" + i++, ca);
                }
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
            }
            KeyManagerFactory kmf = null;
            if (certFile != null) {
                List<Certificate> chain = certificates(certFile);
                PrivateKey key = privateKey(keyFile);
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                char[] none = new char[0];
                keys.setKeyEntry("client", key, none, chain.toArray(new Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, none);
            }
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(),
                    new SecureRandom());
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("mqtt TLS settings (caFile " + caFile + ", certFile " + certFile
                    + ", keyFile " + keyFile + "): " + e.getMessage(), e);
        }
    }

    private static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        byte[] bytes = read(file);
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new GeneralSecurityException(file + " holds no PEM certificate");
            }
            return new ArrayList<>(certs);
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException(file + ": not a PEM certificate file (" + e.getMessage() + ")", e);
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = new String(read(file), StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PRIVATE KEY-----";
        int start = pem.indexOf(begin);
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < start) {
            throw new GeneralSecurityException(file + ": expected an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); "
                    + "convert with: openssl pkcs8 -topk8 -nocrypt -in old.key -out " + file.getFileName());
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException tryNext) {
                // not this algorithm
            }
        }
        throw new GeneralSecurityException(file + ": PKCS#8 key is not RSA, EC or Ed25519");
    }

    private static byte[] read(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e, e);
        }
    }
}
