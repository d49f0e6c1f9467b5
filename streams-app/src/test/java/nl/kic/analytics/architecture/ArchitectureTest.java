package nl.kic.analytics.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The folders of the product are its layers (docs/architecture.md), and packages depend only
 * downward: the commands ({@code cli}); what they run ({@code tools/*}: replay, report, import,
 * redrive, bench, demo, simulation); HTTP ({@code serving}); the application assembled from its
 * domains ({@code app}); the domains ({@code domain/*}), which do not use each other, above what they
 * share (the contract in {@code domain}, the state machine, the interval rows, the queue and forecast
 * models); and the platform below them all ({@code platform/*}: configuration, Kafka, registry,
 * serdes, time, metrics, input files, the embedded broker, checks, errors, system).
 * No package cycles anywhere.
 */
class ArchitectureTest {
    private static final String PRODUCT_PACKAGE = "nl.kic.analytics";
    private static final String FIXTURE_PACKAGE = "nl.kic.analytics.architecture.fixture.layers";
    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(PRODUCT_PACKAGE);

    /** Every package its own slice, however deep. */
    static ArchRule noCycles(String base) {
        return slices().matching(base + ".(**)").should().beFreeOfCycles();
    }

    /** The packages under {@code domain/} that every domain may use: what they share. The others are domains. */
    private static final List<String> SHARED = List.of("entity", "intervals", "attempts", "staffing", "forecast");

    private static String[] shared(String base) {
        return SHARED.stream().map(p -> base + ".domain." + p + "..").toArray(String[]::new);
    }

    /** Every package under {@code domain/} but the shared ones is a domain; no domain uses another. */
    static ArchRule domainsApart(String base) {
        return slices().matching(base + ".domain.(*)..").should().notDependOnEachOther()
                .ignoreDependency(DescribedPredicate.alwaysTrue(), JavaClass.Predicates.resideInAnyPackage(shared(base)))
                .allowEmptyShould(true);
    }

    static ArchRule layers(String base) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("commands").definedBy(base + ".cli..")
                .layer("tools").definedBy(base + ".tools..")
                .layer("serving").definedBy(base + ".serving..")
                .layer("application").definedBy(base + ".app..")
                .layer("domains").definedBy(base + ".domain..")
                .layer("platform").definedBy(base + ".platform..")
                .whereLayer("commands").mayNotBeAccessedByAnyLayer()
                .whereLayer("tools").mayOnlyBeAccessedByLayers("commands")
                .whereLayer("serving").mayOnlyBeAccessedByLayers("commands", "tools")
                .whereLayer("application").mayOnlyBeAccessedByLayers("commands", "tools", "serving")
                .whereLayer("domains").mayOnlyBeAccessedByLayers("commands", "tools", "serving", "application")
                .whereLayer("platform").mayOnlyBeAccessedByLayers("commands", "tools", "serving", "application", "domains")
                .allowEmptyShould(true);
    }

    /** What the domains share (the contract, the state machine, the interval rows, the models) never names a domain. */
    static ArchRule sharedPartsKnowNoDomain(String base) {
        List<String> sharedAndContract = new ArrayList<>(List.of(shared(base)));
        sharedAndContract.add(base + ".domain");
        DescribedPredicate<JavaClass> aDomain = JavaClass.Predicates.resideInAPackage(base + ".domain.*..")
                .and(DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage(shared(base))))
                .as("a domain");
        return ArchRuleDefinition.noClasses().that().resideInAnyPackage(sharedAndContract.toArray(String[]::new))
                .should().dependOnClassesThat(aDomain)
                .allowEmptyShould(true);
    }

    @Test
    void packagesHaveNoCycles() {
        noCycles(PRODUCT_PACKAGE).check(PRODUCT);
    }

    @Test
    void theDomainsDoNotUseEachOther() {
        domainsApart(PRODUCT_PACKAGE).check(PRODUCT);
    }

    @Test
    void layersDependOnlyDownward() {
        layers(PRODUCT_PACKAGE).check(PRODUCT);
    }

    @Test
    void whatTheDomainsShareNamesNoDomain() {
        sharedPartsKnowNoDomain(PRODUCT_PACKAGE).check(PRODUCT);
    }

    /** The rule is not empty: two packages that use each other, as aggregation and contacts did, are a violation. */
    @Test
    void theCycleRuleSeesACycle() {
        JavaClasses fixture = new ClassFileImporter().importPackages("nl.kic.analytics.architecture.fixture");
        EvaluationResult result = noCycles("nl.kic.analytics.architecture.fixture").evaluate(fixture);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("first").contains("second");
    }

    /** The layer rule is not empty: a platform class that uses the application is a violation. */
    @Test
    void theLayerRuleSeesAnUpwardDependency() {
        JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE_PACKAGE);
        EvaluationResult result = layers(FIXTURE_PACKAGE).evaluate(fixture);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("Calendar").contains("Queries");
    }

    /** What the domains share must not use a domain: the state machine of the fixture uses its contacts. */
    @Test
    void theSharedPartsRuleSeesADomainUsed() {
        JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE_PACKAGE);
        EvaluationResult result = sharedPartsKnowNoDomain(FIXTURE_PACKAGE).evaluate(fixture);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("EntityState").contains("Contacts");
    }

    /** The rule keeping domains apart is not empty: one domain using another is a violation. */
    @Test
    void theDomainRuleSeesOneDomainUsingAnother() {
        JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE_PACKAGE);
        EvaluationResult result = domainsApart(FIXTURE_PACKAGE).evaluate(fixture);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("Contacts").contains("Emails");
    }
}
