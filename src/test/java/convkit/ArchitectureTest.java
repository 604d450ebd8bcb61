package convkit;

import static com.tngtech.archunit.base.DescribedPredicate.not;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/**
 * The layering (docs/design.md): the engine at the bottom knows nothing of ImageJ, SciJava or
 * the front ends; the layer-stack calculator, the formats and the option strings build on it;
 * the runner sits between every front end and the engine and knows no ImageJ either; the ImageJ
 * adapter needs no user interface; file routes use the adapter, never the menu plugins; the
 * command line, the SciJava commands and the menu plugins are the front ends, apart from each
 * other.
 */
class ArchitectureTest {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("convkit");

	@Test
	void layersDependOnlyDownwards() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("engine").definedBy("convkit.engine..")
			.layer("geometry").definedBy("convkit.geometry..")
			.layer("formats").definedBy("convkit.io..", "convkit.options..")
			.layer("runner").definedBy("convkit.run..")
			.layer("pictures").definedBy("convkit.visual..")
			.layer("imagej adapter").definedBy("convkit.image..")
			.layer("files").definedBy("convkit.files..")
			.layer("batch").definedBy("convkit.batch..")
			.layer("command line").definedBy("convkit.cli..")
			.layer("scijava commands").definedBy("convkit.command..")
			.layer("menu plugins").definedBy("convkit.ij..")
			.whereLayer("menu plugins").mayNotBeAccessedByAnyLayer()
			.whereLayer("command line").mayNotBeAccessedByAnyLayer()
			.whereLayer("scijava commands").mayNotBeAccessedByAnyLayer()
			.whereLayer("batch").mayOnlyBeAccessedByLayers("command line")
			.whereLayer("files").mayOnlyBeAccessedByLayers("batch", "command line", "scijava commands", "menu plugins")
			.whereLayer("imagej adapter").mayOnlyBeAccessedByLayers("files", "command line", "scijava commands", "menu plugins")
			.whereLayer("runner").mayOnlyBeAccessedByLayers("imagej adapter", "files", "batch", "command line", "scijava commands",
				"menu plugins")
			.whereLayer("pictures").mayOnlyBeAccessedByLayers("menu plugins")
			.whereLayer("formats").mayOnlyBeAccessedByLayers("runner", "imagej adapter", "files", "batch", "command line",
				"scijava commands", "menu plugins")
			.whereLayer("geometry").mayOnlyBeAccessedByLayers("formats", "runner", "pictures", "imagej adapter", "files", "batch",
				"command line", "scijava commands", "menu plugins")
			.check(MAIN);
	}

	@Test
	void engineImportsNoImageJNoSciJavaAndNoUserInterface() {
		noClasses().that().resideInAPackage("convkit.engine..").should().dependOnClassesThat()
			.resideInAnyPackage("ij..", "org.scijava..", "net.imagej..", "java.awt..", "javax.swing..").check(MAIN);
	}

	@Test
	void runnerCalculatorFormatsAndPictureGeometryImportNoImageJ() {
		noClasses().that().resideInAnyPackage("convkit.run..", "convkit.geometry..", "convkit.io..", "convkit.options..",
			"convkit.visual..").should().dependOnClassesThat().resideInAnyPackage("ij..", "org.scijava..", "net.imagej..")
			.check(MAIN);
	}

	@Test
	void theImageJAdapterNeedsNoUserInterface() {
		noClasses().that().resideInAPackage("convkit.image..").should().dependOnClassesThat(resideInAPackage("ij..")
			.and(simpleNameEndingWith("Dialog").or(simpleNameEndingWith("Window")).or(simpleNameEndingWith("Canvas"))))
			.check(MAIN);
		noClasses().that().resideInAPackage("convkit.image..").should().dependOnClassesThat()
			.resideInAnyPackage("ij.plugin..", "ij.macro..", "javax.swing..").check(MAIN);
		noClasses().that().resideInAPackage("convkit.image..").should().dependOnClassesThat().haveFullyQualifiedName("ij.IJ")
			.check(MAIN);
	}

	@Test
	void filesOutsideItsTwoImageJBridgesImportsNeitherImageJNorTheImageJAdapter() {
		noClasses().that().resideInAPackage("convkit.files..").and(not(bridge("convkit.files.ImageJFiles")))
			.and(not(bridge("convkit.files.ImageJTiffSink"))).should().dependOnClassesThat()
			.resideInAnyPackage("ij..", "convkit.image..").check(MAIN);
	}

	/** A class and the classes nested in it (their names start with its name and a $). */
	private static com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass> bridge(String name) {
		return com.tngtech.archunit.base.DescribedPredicate.describe(name, c -> c.getName().equals(name) || c.getName().startsWith(name + "$"));
	}

	@Test
	void insideFilesAndIjNoTwoClassesUseEachOtherAndNoBaseClassMakesItsSubclasses() {
		java.util.List<String> ties = new java.util.ArrayList<>();
		java.util.Map<String, java.util.Set<String>> uses = new java.util.TreeMap<>();
		for (com.tngtech.archunit.core.domain.JavaClass c : MAIN) {
			String pkg = c.getPackageName();
			if (!pkg.equals("convkit.files") && !pkg.equals("convkit.ij")) continue;
			String from = outer(c.getName());
			for (com.tngtech.archunit.core.domain.Dependency d : c.getDirectDependenciesFromSelf()) {
				com.tngtech.archunit.core.domain.JavaClass target = d.getTargetClass();
				if (!target.getPackageName().equals(pkg)) continue;
				String to = outer(target.getName());
				if (!to.equals(from)) uses.computeIfAbsent(from, k -> new java.util.TreeSet<>()).add(to);
				// a base class that names its own subclass (a factory of its subclasses in the base)
				if (!target.getName().equals(c.getName()) && target.isAssignableTo(c.getName()) && !c.isInterface()) {
					ties.add(c.getName() + " makes or names its subclass " + target.getName());
				}
			}
		}
		for (java.util.Map.Entry<String, java.util.Set<String>> e : uses.entrySet()) {
			for (String to : e.getValue()) {
				if (e.getKey().compareTo(to) < 0 && uses.getOrDefault(to, java.util.Collections.emptySet()).contains(e.getKey())) {
					ties.add(e.getKey() + " <-> " + to);
				}
			}
		}
		org.junit.jupiter.api.Assertions.assertTrue(ties.isEmpty(), "two-way ties and base classes that know their subclasses:\n"
			+ String.join("\n", ties));
	}

	private static String outer(String name) {
		int dollar = name.indexOf('$');
		return dollar < 0 ? name : name.substring(0, dollar);
	}
}
