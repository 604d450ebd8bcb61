package convkit.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/** The Spark job is a front end of its own: it uses the batch, the runner and the options, never the command line's classes. */
class ArchitectureTest {

	@Test
	void theSparkJobImportsNothingFromTheCommandLine() {
		JavaClasses spark = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("convkit.spark");
		noClasses().that().resideInAPackage("convkit.spark..").should().dependOnClassesThat().resideInAPackage("convkit.cli..")
			.check(spark);
	}
}
