package org.avfusion.runtime.output.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttSecurityTest {
    @TempDir
    Path dir;

    private static void assertMessage(Runnable r, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' lacks '" + part + "'");
        }
    }

    @Test
    void rejectsHalfConfigurationsNamingTheKeys() {
        assertMessage(() -> new MqttSecurity(null, Path.of("c.crt"), null, null, null, null), "certFile", "keyFile");
        assertMessage(() -> new MqttSecurity(null, null, null, "u", Path.of("p"), "P"), "passwordFile",
                "passwordEnv");
        assertMessage(() -> new MqttSecurity(null, null, null, null, null, "P"), "no username");
        assertMessage(() -> new MqttSettings("tcp://127.0.0.1:1883", "car", "id", 1000, 1, 1, 1, 1,
                MqttDelivery.DEFAULTS, new MqttSecurity(Path.of("ca.crt"), null, null, null, null, null)),
                "not ssl://", "ssl://HOST:PORT");
    }

    @Test
    void readsThePasswordFromTheNamedVariableOrTheFirstLineOfTheFile() throws Exception {
        MqttSecurity env = new MqttSecurity(null, null, null, "car", null, "AVF_TEST_PW");
        assertArrayEquals("pw1".toCharArray(), env.password(Map.of("AVF_TEST_PW", "pw1")::get));
        assertMessage(() -> env.password(Map.<String, String>of()::get), "AVF_TEST_PW", "not set");
        Path file = dir.resolve("pw");
        Files.writeString(file, "pw2\nignored\n");
        assertArrayEquals("pw2".toCharArray(), new MqttSecurity(null, null, null, "car", file, null).password(k -> null));
        Files.writeString(file, "");
        assertMessage(() -> new MqttSecurity(null, null, null, "car", file, null).password(k -> null), "empty",
                file.toString());
        assertMessage(() -> new MqttSecurity(null, null, null, "car", dir.resolve("missing"), null)
                .password(k -> null), "cannot be read", "missing");
        assertNull(MqttSecurity.NONE.password(k -> "x"));
    }

    @Test
    void aKeyThatIsNotPkcs8SaysHowToConvertIt() throws Exception {
        Path ca = dir.resolve("ca.crt");
        Files.writeString(ca, "not a certificate");
        assertMessage(() -> new MqttSecurity(ca, null, null, null, null, null).socketFactory(), "ca.crt",
                "not a PEM certificate");
    }
}
