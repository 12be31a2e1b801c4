package dev.logitlab.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The rules of DESIGN.md, enforced: JavaFX stays in ui/ and app/; ND4J stays out of ui/; Javalin and Jetty stay in api/. */
@AnalyzeClasses(packages = "dev.logitlab", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule noJavaFxBelowTheUi = noClasses()
            .that().resideOutsideOfPackages("dev.logitlab.ui..", "dev.logitlab.app..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("models, training and sampling must run and be tested without a window");

    @ArchTest
    static final ArchRule noNd4jInTheUi = noClasses()
            .that().resideInAPackage("dev.logitlab.ui..")
            .should().dependOnClassesThat().resideInAPackage("org.nd4j..")
            .because("only the compute thread touches tensors; the UI gets immutable snapshots");

    @ArchTest
    static final ArchRule onlyTheApiKnowsTheWebServer = noClasses()
            .that().resideOutsideOfPackage("dev.logitlab.api..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
            .because("the HTTP server is one client of the services; the window and the CLI start it through dev.logitlab.api");

    @ArchTest
    static final ArchRule theApiHasNoWindow = noClasses()
            .that().resideInAPackage("dev.logitlab.api..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("the API serves from the command line too");
}
