package org.avfusion.runtime.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Algorithms apart from plumbing: the algorithm packages import no ring (Disruptor), no MQTT (Paho, HiveMQ), no ONNX
 * Runtime, no file or network I/O and no thread machinery. Stages, sources, outputs and the file formats
 * ({@code calibration.io}) do that.
 */
class ArchitectureTest {
    private static final String[] ALGORITHM_PACKAGES = {
        "org.avfusion.runtime.align..",
        "org.avfusion.runtime.perceive..",
        "org.avfusion.runtime.occupancy..",
        "org.avfusion.runtime.plan..",
        "org.avfusion.calibration.geometry..",
        "org.avfusion.calibration.camera..",
        "org.avfusion.calibration.projection..",
        "org.avfusion.calibration.rig..",
        "org.avfusion.calibration.time..",
        "org.avfusion.scenarios.sim.world..",
    };
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.avfusion");
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }

    @Test
    void algorithmsDoNotTouchTheRing() {
        check(noClasses().that().resideInAnyPackage(ALGORITHM_PACKAGES)
                .should().dependOnClassesThat().resideInAnyPackage("com.lmax.disruptor.."));
    }

    @Test
    void algorithmsDoNotTouchMqtt() {
        check(noClasses().that().resideInAnyPackage(ALGORITHM_PACKAGES)
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.paho..", "com.hivemq.."));
    }

    @Test
    void algorithmsDoNotTouchOnnxRuntime() {
        check(noClasses().that().resideInAnyPackage(ALGORITHM_PACKAGES)
                .should().dependOnClassesThat().resideInAnyPackage("ai.onnxruntime.."));
    }

    @Test
    void algorithmsDoNoFileOrNetworkIo() {
        check(noClasses().that().resideInAnyPackage(ALGORITHM_PACKAGES)
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..", "java.nio.channels..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.RandomAccessFile"));
    }

    @Test
    void algorithmsStartNoThreads() {
        check(noClasses().that().resideInAnyPackage(ALGORITHM_PACKAGES)
                .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .orShould().dependOnClassesThat().resideInAnyPackage("java.util.concurrent")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors"));
    }

    @Test
    void driversKnowNothingOfTheRuntime() {
        check(noClasses().that().resideInAnyPackage("org.avfusion.drivers..", "org.avfusion.calibration..")
                .should().dependOnClassesThat().resideInAnyPackage("org.avfusion.runtime..", "org.avfusion.scenarios..",
                        "com.lmax.disruptor.."));
    }

    @Test
    void stagesHoldNoAlgorithms() {
        // stages call algorithms; they must not be called by them
        check(noClasses().that().resideInAnyPackage(ALGORITHM_PACKAGES)
                .should().dependOnClassesThat().resideInAnyPackage("org.avfusion.runtime.stage..",
                        "org.avfusion.runtime.ring..", "org.avfusion.runtime.pipeline..", "org.avfusion.runtime.output.."));
    }
}
