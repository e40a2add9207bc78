package org.avfusion.runtime.output.mqtt.broker;

/** Test helper process: starts a secured embedded broker, prints its temporary folder, waits to be signalled. */
public final class BrokerUntilSignalled {
    private BrokerUntilSignalled() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.startSecured(0, null);
        System.out.println("FOLDER " + broker.runtimeCredentials().passwordFile().getParent());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
