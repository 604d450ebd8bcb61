/**
 * The ImageJ 1 front end: the menu commands and what they show. {@code ConvPlugin} runs Conv2D and
 * Conv3D from the menu or {@code run(...)} (its dialog {@code ConvDialog}, with the live check,
 * {@code DialogPreview}, {@code FileChoice} behind Browse… and {@code DialogHelp}), reports in
 * {@code ConvReport}; {@code ConvMacroOptions} reads their macro keys and {@code ImageToFile}
 * writes a result to a file ({@code output=}). {@code MacroCalls} and {@code ConvKitExtensions}
 * (its one table of {@code Ext.*} functions) are the entries for macros without menus;
 * {@code MacroFailures} stops a macro with the one-line reason. {@code ConvCalculatorPlugin},
 * {@code ReceptiveFieldOverlayPlugin} and {@code VisualPlugins} (animation, padding picture,
 * effective receptive field; {@code LiveCheck} checks their dialogs as one types) make the
 * pictures. Images become tensors and back in {@code convkit.image}; no class here is used by the
 * layers below.
 */
package convkit.ij;
