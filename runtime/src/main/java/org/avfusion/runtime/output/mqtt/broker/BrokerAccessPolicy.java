package org.avfusion.runtime.output.mqtt.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Who may do what on the embedded broker. Plain Java (no HiveMQ types), so the rules can be read and tested apart
 * from the broker; {@link HiveMqAccessExtension} applies them to every connection.
 *
 * <ul>
 *   <li>{@link Role#RUNTIME}: user {@value #RUNTIME_USER} with a random password made when the broker starts and
 *       known only to this process. Publishes {@code avfusion/+/decision|occupancy|objects|health|route}, subscribes to
 *       {@code avfusion/+/command/#}.</li>
 *   <li>{@link Role#COMMANDER}: user {@value #COMMAND_USER} with the password in the environment variable
 *       {@value #COMMAND_PASSWORD_ENV} (no commander when unset). Publishes {@code avfusion/+/command/#}, reads
 *       everything under {@code avfusion/}.</li>
 *   <li>{@link Role#OBSERVER}: any other client, without credentials, only while the broker listens on a loopback
 *       address. Reads everything under {@code avfusion/}, publishes nothing.</li>
 * </ul>
 * Anything else is refused: bad credentials, and any client without credentials when the broker listens on another
 * address. Immutable, thread-safe.
 */
public final class BrokerAccessPolicy {
    public static final String RUNTIME_USER = "avfusion-runtime";
    public static final String COMMAND_USER = "avfusion-command";
    public static final String COMMAND_PASSWORD_ENV = "AVFUSION_MQTT_COMMAND_PASSWORD";

    /** What a connected client may do. */
    public enum Role {
        RUNTIME(List.of("avfusion/+/decision", "avfusion/+/occupancy", "avfusion/+/objects", "avfusion/+/health",
                "avfusion/+/route"),
                List.of("avfusion/+/command/#")),
        COMMANDER(List.of("avfusion/+/command/#"), List.of("avfusion/#")),
        OBSERVER(List.of(), List.of("avfusion/#"));

        private final List<String> publish;
        private final List<String> subscribe;

        Role(List<String> publish, List<String> subscribe) {
            this.publish = publish;
            this.subscribe = subscribe;
        }

        /** Topic filters this role may publish to. */
        public List<String> publish() {
            return publish;
        }

        /** Topic filters this role may subscribe to. */
        public List<String> subscribe() {
            return subscribe;
        }
    }

    /** The outcome of a CONNECT: a role, or a refusal with its reason. */
    public record Verdict(Role role, String refusal) {
        static Verdict allow(Role role) {
            return new Verdict(role, null);
        }

        static Verdict refuse(String why) {
            return new Verdict(null, why);
        }

        public boolean allowed() {
            return role != null;
        }
    }

    private final byte[] runtimePassword;
    private final byte[] commandPassword;
    private final boolean loopbackOnly;

    /**
     * @param runtimePassword the runtime's password (see {@link #newRuntimePassword()})
     * @param commandPassword the commander's password, or null for no commander
     * @param loopbackOnly    whether the broker listens on a loopback address only (then observers need no
     *                        credentials)
     */
    public BrokerAccessPolicy(String runtimePassword, String commandPassword, boolean loopbackOnly) {
        this.runtimePassword = Objects.requireNonNull(runtimePassword, "runtimePassword")
                .getBytes(StandardCharsets.UTF_8);
        this.commandPassword = commandPassword == null || commandPassword.isEmpty() ? null
                : commandPassword.getBytes(StandardCharsets.UTF_8);
        this.loopbackOnly = loopbackOnly;
    }

    /** 32 random bytes, base64. */
    public static String newRuntimePassword() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Decides a CONNECT.
     *
     * @param username null when none was sent
     * @param password null when none was sent
     */
    public Verdict connect(String username, byte[] password) {
        if (username == null && password == null) {
            return loopbackOnly ? Verdict.allow(Role.OBSERVER)
                    : Verdict.refuse("credentials required: the broker listens beyond the loopback address");
        }
        if (RUNTIME_USER.equals(username) && matches(runtimePassword, password)) {
            return Verdict.allow(Role.RUNTIME);
        }
        if (COMMAND_USER.equals(username) && commandPassword != null && matches(commandPassword, password)) {
            return Verdict.allow(Role.COMMANDER);
        }
        return Verdict.refuse("bad user name or password for '" + username + "'");
    }

    private static boolean matches(byte[] expected, byte[] given) {
        return given != null && MessageDigest.isEqual(expected, given);
    }
}
