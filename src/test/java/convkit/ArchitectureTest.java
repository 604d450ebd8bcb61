package convkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/** The layering of DESIGN.md §3: the engine knows nothing of ImageJ, SciJava or the front ends. */
class ArchitectureTest {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("convkit");

	@Test
	void engineImportsNoImageJNoSciJavaAndNoFrontEnd() {
		noClasses().that().resideInAPackage("convkit.engine..").should().dependOnClassesThat()
			.resideInAnyPackage("ij..", "org.scijava..", "net.imagej..", "java.awt..", "javax.swing..", "convkit.io..",
				"convkit.options..", "convkit.ij..", "convkit.cli..", "convkit.command..")
			.check(MAIN);
	}

	@Test
	void formatsOptionsAndPictureGeometryImportNoImageJ() {
		noClasses().that().resideInAnyPackage("convkit.io..", "convkit.options..", "convkit.visual..").should().dependOnClassesThat()
			.resideInAnyPackage("ij..", "org.scijava..", "convkit.ij..", "convkit.cli..", "convkit.command..")
			.check(MAIN);
	}

	@Test
	void sharedFileWorkAndTheSciJavaCommandDoNotReachIntoTheCommandLine() {
		noClasses().that().resideInAnyPackage("convkit.files..", "convkit.command..").should().dependOnClassesThat()
			.resideInAPackage("convkit.cli..").check(MAIN);
		noClasses().that().resideInAPackage("convkit.ij..").should().dependOnClassesThat()
			.resideInAnyPackage("convkit.files..", "convkit.command..").check(MAIN);
	}

	@Test
	void imageJAdapterDoesNotReachIntoTheCommandLine() {
		noClasses().that().resideInAPackage("convkit.ij..").should().dependOnClassesThat().resideInAPackage("convkit.cli..")
			.check(MAIN);
	}
}
