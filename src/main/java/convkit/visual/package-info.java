/**
 * Pictures that explain convolution: which padded input cells each output position samples
 * (for the animation), and the effective receptive field of a stack of weighted layers.
 * Pure geometry and arithmetic; the ImageJ front end draws them.
 */
package convkit.visual;
