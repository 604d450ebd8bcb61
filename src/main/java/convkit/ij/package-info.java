/**
 * The ImageJ 1 adapter: converting {@link ij.ImagePlus} images to engine tensors and back,
 * calibrating outputs, and (in later work) the plugins, dialogs, overlays and tables of the menu.
 */
package convkit.ij;
