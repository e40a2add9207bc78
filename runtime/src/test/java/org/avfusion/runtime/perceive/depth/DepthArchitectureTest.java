package org.avfusion.runtime.perceive.depth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The depth algorithms are pure: no ONNX Runtime, ring, messaging, file or network I/O, threads or plumbing. */
class DepthArchitectureTest {
    private static final String DEPTH = "org.avfusion.runtime.perceive.depth..";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(DEPTH);

    @Test
    void usesNoInferenceRingOrMessaging() {
        noClasses().that().resideInAPackage(DEPTH).should().dependOnClassesThat()
                .resideInAnyPackage("ai.onnxruntime..", "com.lmax.disruptor..", "org.eclipse.paho..", "com.hivemq..",
                        "org.avfusion.runtime.inference..")
                .check(CLASSES);
    }

    @Test
    void doesNoFileOrNetworkIo() {
        noClasses().that().resideInAPackage(DEPTH).should().dependOnClassesThat()
                .resideInAnyPackage("java.io..", "java.nio.file..", "java.nio.channels..", "java.net..")
                .check(CLASSES);
    }

    @Test
    void startsNoThreads() {
        noClasses().that().resideInAPackage(DEPTH).should().dependOnClassesThat()
                .resideInAnyPackage("java.util.concurrent..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .check(CLASSES);
    }

    @Test
    void knowsNothingOfTheRuntimePlumbing() {
        noClasses().that().resideInAPackage(DEPTH).should().dependOnClassesThat()
                .resideInAnyPackage("org.avfusion.runtime.stage..", "org.avfusion.runtime.ring..",
                        "org.avfusion.runtime.pipeline..", "org.avfusion.runtime.cli..", "org.avfusion.runtime.config..",
                        "org.avfusion.runtime.output..", "picocli..")
                .check(CLASSES);
    }
}
