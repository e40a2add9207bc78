package org.avfusion.runtime.output.mqtt.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.nio.ByteBuffer;
import org.avfusion.runtime.output.mqtt.broker.BrokerAccessPolicy.Role;
import org.avfusion.runtime.output.mqtt.broker.BrokerAccessPolicy.Verdict;

/**
 * Applies {@link BrokerAccessPolicy} inside the embedded HiveMQ CE through its extension SDK, in-process
 * ({@link EmbeddedExtension}): a {@link SimpleAuthenticator} decides each CONNECT and gives the client default
 * topic permissions for its role, everything else denied (HiveMQ checks them for PUBLISH, SUBSCRIBE and the Will).
 * Only {@link HiveMqLauncher} uses it, so the vehicle build without HiveMQ never loads it.
 */
final class HiveMqAccessExtension implements ExtensionMain {
    private final BrokerAccessPolicy policy;

    private HiveMqAccessExtension(BrokerAccessPolicy policy) {
        this.policy = policy;
    }

    static EmbeddedExtension of(BrokerAccessPolicy policy) {
        return EmbeddedExtension.builder()
                .withId("avfusion-access")
                .withName("avfusion access control")
                .withVersion("1")
                .withAuthor("avfusion")
                .withPriority(1000)
                .withStartPriority(1000)
                .withExtensionMain(new HiveMqAccessExtension(policy))
                .build();
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        SimpleAuthenticator authenticator = this::authenticate;
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        // nothing held
    }

    private void authenticate(SimpleAuthInput input, SimpleAuthOutput output) {
        String user = input.getConnectPacket().getUserName().orElse(null);
        byte[] password = input.getConnectPacket().getPassword().map(HiveMqAccessExtension::bytes).orElse(null);
        Verdict verdict = policy.connect(user, password);
        if (!verdict.allowed()) {
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, verdict.refusal());
            return;
        }
        ModifiableDefaultPermissions permissions = output.getDefaultPermissions();
        Role role = verdict.role();
        for (String filter : role.publish()) {
            permissions.add(permission(filter, TopicPermission.MqttActivity.PUBLISH));
        }
        for (String filter : role.subscribe()) {
            permissions.add(permission(filter, TopicPermission.MqttActivity.SUBSCRIBE));
        }
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
        output.authenticateSuccessfully();
    }

    private static TopicPermission permission(String filter, TopicPermission.MqttActivity activity) {
        return Builders.topicPermission().topicFilter(filter).activity(activity)
                .type(TopicPermission.PermissionType.ALLOW).build();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.asReadOnlyBuffer();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
