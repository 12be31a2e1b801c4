package dev.logitlab.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * LogitLab opens no network connection of its own: the only listener is the local API in {@code dev.logitlab.api},
 * started only when asked ({@code logitlab serve}). Nothing else may use sockets, URL connections or an HTTP client.
 */
@AnalyzeClasses(packages = "dev.logitlab", importOptions = ImportOption.DoNotIncludeTests.class)
class NoNetworkTest {

    @ArchTest
    static final ArchRule noSocketsOutsideTheApi = noClasses()
            .that().resideOutsideOfPackage("dev.logitlab.api..")
            // the API's load benchmark is a client of the server it starts itself, on 127.0.0.1
            .and().doNotBelongToAnyOf(dev.logitlab.bench.ApiLoadBenchmark.class)
            .should().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.ServerSocket")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.DatagramSocket")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.URLConnection")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
            .orShould().dependOnClassesThat().resideInAPackage("java.net.http..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.nio.channels.SocketChannel")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.nio.channels.ServerSocketChannel")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.nio.channels.DatagramChannel")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("com.sun.net.httpserver.HttpServer")
            .orShould().callMethod(java.net.URL.class, "openConnection")
            .orShould().callMethod(java.net.URL.class, "openStream")
            .because("a teaching tool works offline; the API's server is the one listener, and only when asked");
}
