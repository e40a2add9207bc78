package org.avfusion.runtime.odometry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Lidar odometry is a pure algorithm: no ONNX Runtime, ring, MQTT, file or network I/O, threads, and
 * nothing of the runtime's plumbing (stages, pipeline, CLI, config loading).
 */
class OdometryArchitectureTest {
    private static final String ODOMETRY = "org.avfusion.runtime.odometry..";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ODOMETRY);

    @Test
    void usesNoInferenceRingOrMessaging() {
        noClasses().that().resideInAPackage(ODOMETRY).should().dependOnClassesThat()
                .resideInAnyPackage("ai.onnxruntime..", "com.lmax.disruptor..", "org.eclipse.paho..", "com.hivemq..")
                .check(CLASSES);
    }

    @Test
    void doesNoFileOrNetworkIo() {
        noClasses().that().resideInAPackage(ODOMETRY).should().dependOnClassesThat()
                .resideInAnyPackage("java.io..", "java.nio.file..", "java.nio.channels..", "java.net..")
                .check(CLASSES);
    }

    @Test
    void startsNoThreads() {
        noClasses().that().resideInAPackage(ODOMETRY).should().dependOnClassesThat()
                .resideInAnyPackage("java.util.concurrent..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .check(CLASSES);
    }

    @Test
    void knowsNothingOfTheRuntimePlumbing() {
        noClasses().that().resideInAPackage(ODOMETRY).should().dependOnClassesThat()
                .resideInAnyPackage("org.avfusion.runtime.stage..", "org.avfusion.runtime.ring..",
                        "org.avfusion.runtime.pipeline..", "org.avfusion.runtime.cli..", "org.avfusion.runtime.config..",
                        "org.avfusion.runtime.output..", "picocli..")
                .check(CLASSES);
    }
}
