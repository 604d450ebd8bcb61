package convkit.ij;

/**
 * The Help pages of ConvKit's dialogs, shown by ImageJ in a window of their own (no web browser,
 * no network): what each field means, the forms its value takes and the PyTorch names they match.
 */
final class DialogHelp {

	private DialogHelp() {}

	/** Help for Conv2D ({@code rank} 2) or Conv3D ({@code rank} 3). */
	static String conv(int rank) {
		boolean three = rank == 3;
		String axes = three ? "X,Y,Z" : "X,Y";
		String torch = three ? "(D, H, W)" : "(H, W)";
		return "<html><body><h2>Conv" + rank + "D &mdash; a PyTorch Conv" + rank + "d layer on the image</h2>"
			+ "<p>Each " + (three ? "frame's volume (slices are depth)" : "plane (z, t position)") + " is one input tensor; the "
			+ "image's channels (R, G, B for RGB) are the input channels. The result is a new 32-bit image.</p>"
			+ "<table border=1 cellpadding=3>"
			+ "<tr><th>Field (macro key)</th><th>Values</th></tr>"
			+ "<tr><td>Kernel (<tt>kernel</tt>)</td><td>a .npy/.csv/.txt file (Browse&hellip;), an open image's title, a preset such as "
			+ (three ? "<tt>box3d(3)</tt>, <tt>gaussian3d(1.5)</tt>" : "<tt>gaussian(1.5)</tt>, <tt>sobel_x</tt>, <tt>box(5)</tt>")
			+ ", or numbers: <tt>1 2 1; 2 4 2; 1 2 1</tt>. Weights <tt>[C_out, C_in/groups, " + (three ? "kD, " : "") + "kH, kW]</tt>"
			+ " as in PyTorch; a plain " + (three ? "3-D" : "2-D") + " kernel is applied to every channel on its own.</td></tr>"
			+ "<tr><td>Bias (<tt>bias</tt>)</td><td>a file or numbers, one per output channel (optional).</td></tr>"
			+ "<tr><td>Stride, Dilation</td><td><tt>N</tt> or <tt>" + axes + "</tt> (ImageJ order), or PyTorch's <tt>" + torch
			+ "</tt> in parentheses: <tt>stride=(2, 1)</tt> is <tt>stride=1,2</tt>.</td></tr>"
			+ "<tr><td>Padding</td><td><tt>0</tt> (the default, as in PyTorch), <tt>P</tt>, <tt>" + (three ? "PX,PY,PZ" : "PX,PY")
			+ "</tt>, <tt>" + (three ? "L,R,T,B,F,K" : "L,R,T,B") + "</tt> (F.pad order), <tt>same</tt> (output as large as the "
			+ "input), <tt>same_lower</tt>, <tt>valid</tt>, or a PyTorch tuple <tt>" + torch + "</tt>.</td></tr>"
			+ "<tr><td>Padding mode</td><td>zeros, reflect (PyTorch reflect = OpenCV REFLECT_101 = scipy mirror), symmetric "
			+ "(OpenCV REFLECT = scipy reflect), replicate, circular, constant (fill: Value).</td></tr>"
			+ "<tr><td>Groups, Flip, Normalize</td><td>PyTorch's groups; flip = true convolution (kernel rotated 180&deg;); "
			+ "normalize = divide each kernel by its sum.</td></tr>"
			+ (three ? "" : "<tr><td>Channels</td><td>auto, or slices: a plain stack's slices as the input channels.</td></tr>")
			+ "<tr><td>Output type, Convert</td><td>float (default), or same: the input's bit depth, with clamp, abs or rescale.</td></tr>"
			+ "</table>"
			+ "<p><b>Preview</b> shows the result for the current " + (three ? "frame" : "plane") + " in a window of its own, "
			+ "updated as you type; it is not recorded. The line under the fields gives the output size and receptive field, or why "
			+ "the settings do not fit (OK is off until they do).</p>"
			+ "<p>Macro: <tt>run(\"Conv" + rank + "D...\", \"kernel=[" + (three ? "box3d(3)" : "sobel_x") + "] stride=2 padding=1\");"
			+ "</tt> &mdash; record it with Plugins &gt; Macros &gt; Record.</p>"
			+ "<p>More: the README in the ConvKit folder, and <tt>java -jar ConvKit_-*.jar --help</tt>.</p></body></html>";
	}

	/** Help for a dialog with a short description {@code what} and the keys it takes. */
	static String simple(String title, String what) {
		return "<html><body><h2>" + title + "</h2><p>" + what + "</p><p>More: the README in the ConvKit folder.</p></body></html>";
	}
}
