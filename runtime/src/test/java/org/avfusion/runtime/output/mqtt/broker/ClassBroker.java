package org.avfusion.runtime.output.mqtt.broker;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded broker (any free port) for a whole test class, for tests whose replays need somewhere to publish but
 * check something else: {@code @RegisterExtension static final ClassBroker BROKER = new ClassBroker();}, then
 * {@link #uri()} / {@link #port()}. Stopping an embedded broker takes about 2 s (Netty's quiet period), so one per
 * class instead of one per replay saves seconds per test.
 */
public final class ClassBroker implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = EmbeddedBroker.start(0);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** tcp://127.0.0.1:PORT of the running broker. */
    public String uri() {
        return running().uri();
    }

    /** The running broker's port. */
    public int port() {
        return running().port();
    }

    private EmbeddedBroker running() {
        if (broker == null) {
            throw new IllegalStateException("the class broker runs only between beforeAll and afterAll");
        }
        return broker;
    }
}
