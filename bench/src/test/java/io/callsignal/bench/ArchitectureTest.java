package io.callsignal.bench;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The structure of all modules at once (this module's classpath holds every one): packages by
 * capability without cycles between them, and each package in one jar.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.callsignal");

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        slices().matching("io.callsignal.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void everyPackageLivesInOneJar() {
        Map<String, Set<String>> modules = new TreeMap<>();
        for (JavaClass type : CLASSES) {
            type.getSource().ifPresent(source -> modules.computeIfAbsent(type.getPackageName(), p -> new TreeSet<>())
                    .add(module(source.getUri().toString())));
        }
        modules.values().removeIf(found -> found.size() == 1);
        assertEquals(Map.of(), modules, "packages split across modules");
    }

    /** The module a class file comes from: the part of its location before target/ (or the jar's name). */
    private static String module(String location) {
        int target = location.indexOf("/target/");
        return target >= 0 ? location.substring(0, target) : location.substring(0, location.indexOf('!'));
    }
}
