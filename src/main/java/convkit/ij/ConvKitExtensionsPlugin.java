package convkit.ij;

import ij.IJ;
import ij.macro.Functions;
import ij.plugin.PlugIn;

/**
 * Plugins &gt; ConvKit &gt; ConvKit Macro Extensions: registers the {@code Ext.*} functions of
 * {@link ConvKitExtensions} with the running macro, as CLIJ's "Macro Extensions" commands do:
 * <pre>
 * run("ConvKit Macro Extensions");
 * Ext.conv2d("kernel=sobel_x stride=2");
 * </pre>
 * Chosen from the menu, with no macro running, it says how to use it.
 */
public class ConvKitExtensionsPlugin implements PlugIn {

	@Override
	public void run(String arg) {
		if (!IJ.macroRunning()) {
			IJ.showMessage("ConvKit Macro Extensions", "Registers the Ext.* functions for the macro that runs it:\n \n"
				+ "run(\"ConvKit Macro Extensions\");\n" + ConvKitExtensions.Function.examples() + " \n"
				+ "(Headless, without menus: call(\"convkit.ij.ConvKitExtensions.register\");)");
			return;
		}
		Functions.registerExtensions(new ConvKitExtensions());
	}
}
