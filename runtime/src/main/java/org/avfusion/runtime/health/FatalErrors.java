package org.avfusion.runtime.health;

/**
 * What the runtime does with an error after which it cannot be trusted: an {@link OutOfMemoryError}, an
 * {@link InternalError} or an {@link UnknownError} (every {@link VirtualMachineError} but {@link StackOverflowError},
 * which unwinds one frame's processing and is counted like any other stage failure). Such an error in a stage used to
 * be logged and counted like a bad frame; the stages then failed on every event, and a replay that had run out of
 * heap hung for ten minutes instead of ending. Now the process writes one line to stderr naming where it happened and
 * halts at once with {@link #EXIT_FATAL}: no shutdown hooks (they allocate, and a hook waiting for a stage that
 * will never finish would hang the exit again). On a vehicle the broker then publishes the runtime's retained Last
 * Will on {@code health} ({@code "state":"offline"}), which is what a consumer must treat as "stop": a runtime that
 * keeps publishing from a corrupted heap is worse than one that is visibly gone. The launcher adds
 * {@code -XX:+ExitOnOutOfMemoryError} as well, for an exhaustion on a thread no handler sees.
 *
 * <p>Stateless; callable from any thread.
 */
public final class FatalErrors {
    /** Exit status after a fatal error: 70, {@code EX_SOFTWARE} of sysexits.h. */
    public static final int EXIT_FATAL = 70;

    private FatalErrors() {
    }

    /** Whether {@code t} (or what it wraps) leaves the JVM in a state the runtime must not go on from. */
    public static boolean isFatal(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof VirtualMachineError && !(c instanceof StackOverflowError)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes {@code avfusion: fatal: <where>: <error>; exiting with status 70} to stderr and halts the JVM. Does not
     * return.
     */
    public static void halt(String where, Throwable t) {
        try {
            System.err.println("avfusion: fatal: " + where + ": " + t + "; exiting with status " + EXIT_FATAL
                    + " (the process cannot be trusted after this error; the broker publishes its health will)");
            System.err.flush();
        } catch (Throwable ignored) {
            // nothing left to say it with: halt all the same
        }
        Runtime.getRuntime().halt(EXIT_FATAL);
    }
}
