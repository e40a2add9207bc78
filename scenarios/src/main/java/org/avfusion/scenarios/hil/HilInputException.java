package org.avfusion.scenarios.hil;

/**
 * Bad input to a HIL rig, the operator's to fix (exit code 2): a scenario or rig file that does not load, a fault on
 * a sensor the rig does not stream, a target that does not answer, a port in use, a recording without the rig's
 * sensors. The message names what is wrong and what to do.
 */
public final class HilInputException extends RuntimeException {
    public HilInputException(String message) {
        super(message);
    }

    public HilInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
