package org.avfusion.runtime.output.mqtt;

import static org.avfusion.runtime.output.mqtt.MqttOutputEmbeddedTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MQTT over TLS with a client certificate and a password, against a Mosquitto configured with
 * {@code require_certificate true}, {@code allow_anonymous false} and a password file. The CA, the broker's and the
 * client's certificates are made by {@code openssl} in a temporary folder (the test is skipped without openssl,
 * mosquitto_passwd or Mosquitto).
 */
class MqttTlsMosquittoTest {
    private static final String PASSWORD = "s3cret-for-tests";
    private static Path pki;
    private static MosquittoProcess mosquitto;

    @BeforeAll
    static void startTlsMosquitto() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "no /usr/bin/openssl");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/mosquitto_passwd")), "no mosquitto_passwd");
        pki = Files.createTempDirectory("avfusion-pki-");
        Files.writeString(pki.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                "-days", "2", "-subj", "/CN=avfusion-test-ca");
        for (String who : List.of("server", "client")) {
            run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", who + ".key", "-out", who + ".csr",
                    "-subj", "/CN=" + (who.equals("server") ? "127.0.0.1" : "avfusion-car"));
            if (who.equals("server")) {
                run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                        "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "server.ext");
            } else {
                run("openssl", "x509", "-req", "-in", "client.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                        "-CAcreateserial", "-out", "client.crt", "-days", "2");
            }
        }
        run("mosquitto_passwd", "-b", "-c", "passwd", "car", PASSWORD);
        Files.writeString(pki.resolve("password.txt"), PASSWORD + "\n");
        Files.writeString(pki.resolve("wrong.txt"), "not-the-password\n");
        mosquitto = MosquittoProcess.start(
                List.of("allow_anonymous false", "password_file " + pki.resolve("passwd")),
                List.of("cafile " + pki.resolve("ca.crt"), "certfile " + pki.resolve("server.crt"),
                        "keyfile " + pki.resolve("server.key"), "require_certificate true"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
        if (pki != null) {
            try (var files = Files.walk(pki)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String uri() {
        return "ssl://127.0.0.1:" + mosquitto.port();
    }

    private static MqttSecurity security(String passwordFile, boolean clientCert) {
        return new MqttSecurity(pki.resolve("ca.crt"), clientCert ? pki.resolve("client.crt") : null,
                clientCert ? pki.resolve("client.key") : null, "car", pki.resolve(passwordFile), null);
    }

    private static MqttSettings settings(String vehicle, MqttSecurity security) {
        // a TLS handshake with a client certificate in a loaded test JVM can take seconds: a timed-out first attempt
        // would hide the refusal the tests look for
        return new MqttSettings(uri(), vehicle, "pub-" + vehicle, 10_000, 100, 500, 16, 10, MqttDelivery.DEFAULTS,
                security);
    }

    @Test
    void decisionGoesOverTlsWithClientCertificateAndPasswordFromAFile() throws Exception {
        String vehicle = "tls-car";
        MqttSecurity security = security("password.txt", true);
        MqttAsyncClient subscriber = new MqttAsyncClient(uri(), "sub-" + vehicle, new MemoryPersistence());
        BlockingQueue<String> got = new ArrayBlockingQueue<>(10);
        try (MqttOutput output = new MqttOutput(settings(vehicle, security))) {
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setSocketFactory(security.socketFactory());
            options.setUserName("car");
            options.setPassword(PASSWORD.getBytes(StandardCharsets.UTF_8));
            subscriber.setCallback(new MqttCallbackAdapter() {
                @Override
                public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage message) {
                    got.add(new String(message.getPayload(), StandardCharsets.UTF_8));
                }
            });
            subscriber.connect(options).waitForCompletion(TestSubscriber.WAIT_MILLIS);
            subscriber.subscribe(new MqttSubscription[] {new MqttSubscription(MqttTopics.decision(vehicle), 1)})
                    .waitForCompletion(TestSubscriber.WAIT_MILLIS);

            output.start();
            assertTrue(output.awaitConnected(TestSubscriber.WAIT_MILLIS), () -> "no TLS connection: " + output.stats()
                    + "\n" + mosquitto.log());
            assertTrue(output.publishDecision("{\"seq\":1}".getBytes(StandardCharsets.UTF_8)));
            assertEquals("{\"seq\":1}", got.poll(TestSubscriber.WAIT_MILLIS, TimeUnit.MILLISECONDS));
        } finally {
            if (subscriber.isConnected()) {
                subscriber.disconnect().waitForCompletion(TestSubscriber.WAIT_MILLIS);
            }
            subscriber.close(true);
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessageNamingTheUserAndTheSetting() throws Exception {
        try (MqttOutput output = new MqttOutput(settings("wrong-car", security("wrong.txt", true)))) {
            output.start();
            waitUntil(() -> String.valueOf(output.stats().lastError()).contains("refused"), "a refused attempt");
            MqttStats stats = output.stats();
            assertFalse(stats.connected());
            assertEquals(0, stats.connects());
            assertNotNull(stats.lastError());
            assertTrue(stats.lastError().contains("the broker refused user 'car'")
                    && stats.lastError().contains("mqtt.passwordFile"), stats.lastError());
        }
    }

    @Test
    void withoutAClientCertificateTheHandshakeIsRefused() throws Exception {
        try (MqttOutput output = new MqttOutput(settings("nocert-car", security("password.txt", false)))) {
            output.start();
            waitUntil(() -> output.stats().connectFailures() >= 1, "a refused attempt");
            assertFalse(output.awaitConnected(500));
            assertEquals(0, output.stats().connects(), output.stats()::toString);
        }
    }

    @Test
    void aBrokerCertificateFromAnotherCaIsNotTrusted() throws Exception {
        Path otherCa = pki.resolve("other-ca.crt");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca.key", "-out",
                "other-ca.crt", "-days", "2", "-subj", "/CN=someone-else");
        MqttSecurity wrongTrust = new MqttSecurity(otherCa, pki.resolve("client.crt"), pki.resolve("client.key"),
                "car", pki.resolve("password.txt"), null);
        try (MqttOutput output = new MqttOutput(settings("mitm-car", wrongTrust))) {
            output.start();
            waitUntil(() -> output.stats().connectFailures() >= 1, "a refused attempt");
            assertEquals(0, output.stats().connects(), output.stats()::toString);
        }
    }

    /** Paho's callback with nothing to do but what a test overrides. */
    abstract static class MqttCallbackAdapter implements org.eclipse.paho.mqttv5.client.MqttCallback {
        @Override
        public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException exception) {
        }

        @Override
        public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties props) {
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(pki.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }
}
