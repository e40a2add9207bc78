package org.avfusion.runtime.fusion;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Fusion, tracking and assignment are pure algorithms: no ONNX Runtime, ring, MQTT, file or network I/O, threads,
 * and nothing of the runtime's plumbing (stages, pipeline, CLI, config loading). The tracking evaluation
 * ({@code track.eval}) is held to the same.
 */
class FusionArchitectureTest {
    private static final String[] PURE = {"org.avfusion.runtime.fusion..", "org.avfusion.runtime.track..",
        "org.avfusion.runtime.assign.."};
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(PURE);

    @Test
    void usesNoInferenceRingOrMessaging() {
        noClasses().that().resideInAnyPackage(PURE).should().dependOnClassesThat()
                .resideInAnyPackage("ai.onnxruntime..", "com.lmax.disruptor..", "org.eclipse.paho..", "com.hivemq..",
                        "org.bytedeco..")
                .check(CLASSES);
    }

    @Test
    void doesNoFileOrNetworkIo() {
        noClasses().that().resideInAnyPackage(PURE).should().dependOnClassesThat()
                .resideInAnyPackage("java.io..", "java.nio.file..", "java.nio.channels..", "java.net..")
                .check(CLASSES);
    }

    @Test
    void startsNoThreads() {
        noClasses().that().resideInAnyPackage(PURE).should().dependOnClassesThat()
                .resideInAnyPackage("java.util.concurrent..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .check(CLASSES);
    }

    @Test
    void knowsNothingOfTheRuntimePlumbing() {
        noClasses().that().resideInAnyPackage(PURE).should().dependOnClassesThat()
                .resideInAnyPackage("org.avfusion.runtime.stage..", "org.avfusion.runtime.ring..",
                        "org.avfusion.runtime.pipeline..", "org.avfusion.runtime.cli..", "org.avfusion.runtime.config..",
                        "org.avfusion.runtime.output..", "org.avfusion.runtime.inference..", "picocli..")
                .check(CLASSES);
    }

    @Test
    void assignmentDependsOnNothingElseOfTheRuntime() {
        noClasses().that().resideInAPackage("org.avfusion.runtime.assign..").should().dependOnClassesThat()
                .resideInAnyPackage("org.avfusion.runtime.fusion..", "org.avfusion.runtime.track..",
                        "org.avfusion.runtime.perceive..")
                .check(CLASSES);
    }
}
