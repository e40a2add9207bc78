package org.avfusion.runtime.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one architecture test. It states, over the main classes of every module:
 * <ul>
 *   <li><b>module layering</b>: calibration &lt;- drivers &lt;- scenarios &lt;- runtime (a HIL rig in scenarios drives
 *       a runtime from outside, so scenarios never sees the runtime);</li>
 *   <li><b>runtime layering</b>: cli -&gt; pipeline -&gt; stage -&gt; algorithms / output;</li>
 *   <li><b>no package cycles</b> anywhere (each package is its own slice);</li>
 *   <li><b>algorithms apart from plumbing</b>: the algorithm packages import no ring (Disruptor), no MQTT (Paho,
 *       HiveMQ), no ONNX Runtime, no file or network I/O, no threads and nothing of the runtime's plumbing.</li>
 * </ul>
 * A new algorithm package is added to {@link #ALGORITHM_PACKAGES}; a new runtime package to a layer.
 */
class ArchitectureTest {
    /** Pure algorithm packages: inputs in, outputs out. */
    static final String[] ALGORITHM_PACKAGES = {
        "org.avfusion.runtime.align..",
        "org.avfusion.runtime.perceive..",
        "org.avfusion.runtime.occupancy..",
        "org.avfusion.runtime.plan..",
        "org.avfusion.runtime.assign..",
        "org.avfusion.runtime.fusion..",
        "org.avfusion.runtime.track..",
        "org.avfusion.runtime.odometry..",
        "org.avfusion.runtime.voxel..",
        "org.avfusion.runtime.ego..",
        "org.avfusion.runtime.route..",
        "org.avfusion.runtime.deadline..",
        "org.avfusion.runtime.decimal..",
        "org.avfusion.calibration.geometry..",
        "org.avfusion.calibration.camera..",
        "org.avfusion.calibration.projection..",
        "org.avfusion.calibration.rig..",
        "org.avfusion.calibration.time..",
        "org.avfusion.calibration.tools..",
        "org.avfusion.scenarios.sim.world..",
        "org.avfusion.scenarios.hil.fault..",
    };
    private static final String[] PLUMBING = {
        "com.lmax.disruptor..", "org.eclipse.paho..", "com.hivemq..", "ai.onnxruntime..", "picocli..",
        "org.avfusion.runtime.stage..", "org.avfusion.runtime.ring..", "org.avfusion.runtime.pipeline..",
        "org.avfusion.runtime.cli..", "org.avfusion.runtime.config..", "org.avfusion.runtime.output..",
        "org.avfusion.runtime.live..", "org.avfusion.runtime.inference..",
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

    // ---- modules -------------------------------------------------------------------------------------------------

    @Test
    void calibrationIsTheBottomModule() {
        check(noClasses().that().resideInAPackage("org.avfusion.calibration..").should().dependOnClassesThat()
                .resideInAnyPackage("org.avfusion.drivers..", "org.avfusion.scenarios..", "org.avfusion.runtime.."));
    }

    @Test
    void driversKnowNothingOfScenariosOrTheRuntime() {
        check(noClasses().that().resideInAPackage("org.avfusion.drivers..").should().dependOnClassesThat()
                .resideInAnyPackage("org.avfusion.scenarios..", "org.avfusion.runtime..", "com.lmax.disruptor.."));
    }

    @Test
    void scenariosNeverDependOnTheRuntime() {
        check(noClasses().that().resideInAPackage("org.avfusion.scenarios..").should().dependOnClassesThat()
                .resideInAnyPackage("org.avfusion.runtime..", "com.lmax.disruptor..", "ai.onnxruntime.."));
    }

    // ---- runtime layering ----------------------------------------------------------------------------------------

    @Test
    void runtimeIsLayeredCliPipelineStageAlgorithms() {
        check(layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("CLI").definedBy("org.avfusion.runtime.cli..")
                .layer("Pipeline").definedBy("org.avfusion.runtime.pipeline..", "org.avfusion.runtime.live..",
                        "org.avfusion.runtime.replay..")
                .layer("Stage").definedBy("org.avfusion.runtime.stage..")
                .layer("Ring").definedBy("org.avfusion.runtime.ring..")
                .layer("Output").definedBy("org.avfusion.runtime.output..")
                .layer("Inference").definedBy("org.avfusion.runtime.inference..")
                .layer("Config").definedBy("org.avfusion.runtime.config..")
                .layer("Health").definedBy("org.avfusion.runtime.health..")
                .layer("Algorithms").definedBy(runtimeAlgorithmPackages())
                .whereLayer("CLI").mayNotBeAccessedByAnyLayer()
                .whereLayer("Pipeline").mayOnlyBeAccessedByLayers("CLI")
                .whereLayer("Stage").mayOnlyBeAccessedByLayers("Pipeline")
                .whereLayer("Ring").mayOnlyBeAccessedByLayers("Pipeline", "Stage", "Config")
                // health assembles its payload with output.json's encoder
                .whereLayer("Output").mayOnlyBeAccessedByLayers("CLI", "Pipeline", "Stage", "Health")
                .whereLayer("Inference").mayOnlyBeAccessedByLayers("CLI", "Pipeline", "Stage")
                .whereLayer("Config").mayOnlyBeAccessedByLayers("CLI", "Pipeline")
                .whereLayer("Health").mayOnlyBeAccessedByLayers("CLI", "Pipeline", "Stage", "Ring", "Output") // Ring: FatalErrors
                .whereLayer("Algorithms").mayOnlyBeAccessedByLayers("CLI", "Pipeline", "Stage", "Ring", "Output",
                        "Inference", "Config"));
    }

    private static String[] runtimeAlgorithmPackages() {
        return java.util.Arrays.stream(ALGORITHM_PACKAGES).filter(p -> p.startsWith("org.avfusion.runtime."))
                .toArray(String[]::new);
    }

    // ---- cycles --------------------------------------------------------------------------------------------------

    private static ArchRule noPackageCycles() {
        return slices().matching("org.avfusion.(**)").should().beFreeOfCycles();
    }

    @Test
    void noPackageCyclesAnywhere() {
        check(noPackageCycles());
    }

    @Test
    void theCycleRuleCatchesADeliberateCycle() {
        // fixture.cycle.a.Alpha -> fixture.cycle.b.Beta -> fixture.cycle.a.Alpha (test classes, imported on purpose)
        JavaClasses withCycle = new ClassFileImporter()
                .importPackages("org.avfusion.runtime.architecture.fixture.cycle");
        EvaluationResult result = noPackageCycles().evaluate(withCycle);
        assertTrue(result.hasViolation(), "the cycle rule must report a -> b -> a");
        String report = result.getFailureReport().toString();
        assertTrue(report.contains("fixture.cycle.a") && report.contains("fixture.cycle.b"), report);
    }

    // ---- algorithms apart from plumbing --------------------------------------------------------------------------

    @Test
    void algorithmsKnowNothingOfThePlumbing() {
        check(noClasses().that().resideInAnyPackage(ALGORITHM_PACKAGES)
                .should().dependOnClassesThat().resideInAnyPackage(PLUMBING));
    }

    @Test
    void algorithmsDoNoFileOrNetworkIo() {
        check(noClasses().that().resideInAnyPackage(ALGORITHM_PACKAGES)
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..",
                        "java.nio.channels..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.RandomAccessFile"));
    }

    @Test
    void algorithmsStartNoThreads() {
        check(noClasses().that().resideInAnyPackage(ALGORITHM_PACKAGES)
                .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .orShould().dependOnClassesThat().resideInAnyPackage("java.util.concurrent.."));
    }
}
