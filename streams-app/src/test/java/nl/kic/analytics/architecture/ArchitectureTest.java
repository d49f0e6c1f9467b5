package nl.kic.analytics.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The package structure of the product (the README's "Layout"): no package cycles, and layers that
 * depend only downward. From the top: the commands ({@code cli}); what they run ({@code replay},
 * {@code report}, {@code redrive}, {@code importer}, {@code serving}, {@code benchmark}); the
 * application ({@code app}); the domains ({@code contacts}, {@code emails}, {@code agents}), which do
 * not use each other; and the shared mechanisms below them all.
 */
class ArchitectureTest {
    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("nl.kic.analytics");

    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("nl.kic.analytics.(*)..").should().beFreeOfCycles();

    static final ArchRule DOMAINS_APART = slices().matching("nl.kic.analytics.(agents|contacts|emails)..")
            .should().notDependOnEachOther();

    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("commands").definedBy("nl.kic.analytics.cli..")
            .layer("runs").definedBy("nl.kic.analytics.replay..", "nl.kic.analytics.report..", "nl.kic.analytics.redrive..",
                    "nl.kic.analytics.importer..", "nl.kic.analytics.serving..", "nl.kic.analytics.benchmark..",
                    "nl.kic.analytics.demo..")
            .layer("application").definedBy("nl.kic.analytics.app..")
            .layer("domains").definedBy("nl.kic.analytics.contacts..", "nl.kic.analytics.emails..", "nl.kic.analytics.agents..")
            .layer("mechanisms").definedBy("nl.kic.analytics.core..", "nl.kic.analytics.state..", "nl.kic.analytics.serde..",
                    "nl.kic.analytics.registry..", "nl.kic.analytics.kafka..", "nl.kic.analytics.metrics..", "nl.kic.analytics.input..",
                    "nl.kic.analytics.config..", "nl.kic.analytics.time..", "nl.kic.analytics.embedded..", "nl.kic.analytics.simulation..",
                    "nl.kic.analytics.staffing..", "nl.kic.analytics.forecast..")
            .whereLayer("commands").mayNotBeAccessedByAnyLayer()
            .whereLayer("runs").mayOnlyBeAccessedByLayers("commands", "runs")
            .whereLayer("application").mayOnlyBeAccessedByLayers("commands", "runs")
            .whereLayer("domains").mayOnlyBeAccessedByLayers("commands", "runs", "application")
            .whereLayer("mechanisms").mayOnlyBeAccessedByLayers("commands", "runs", "application", "domains", "mechanisms");

    @Test
    void packagesHaveNoCycles() {
        NO_PACKAGE_CYCLES.check(PRODUCT);
    }

    @Test
    void theDomainsDoNotUseEachOther() {
        DOMAINS_APART.check(PRODUCT);
    }

    @Test
    void layersDependOnlyDownward() {
        LAYERS.check(PRODUCT);
    }

    /** The rule is not empty: two packages that use each other, as aggregation and contacts did, are a violation. */
    @Test
    void theCycleRuleSeesACycle() {
        JavaClasses fixture = new ClassFileImporter().importPackages("nl.kic.analytics.architecture.fixture");
        EvaluationResult result = slices().matching("nl.kic.analytics.architecture.fixture.(*)..").should().beFreeOfCycles()
                .evaluate(fixture);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("first").contains("second");
    }
}
