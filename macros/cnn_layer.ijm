// ConvKit example: one CNN layer on the active image.
// Two output channels from every input channel, 3x3, stride 2, 'same' padding with reflection,
// then the report of sizes and receptive field. Use a 3-channel image; with none open it opens
// ConvKit's samples/cells.tif, found beside this macro wherever it is run from.
if (nImages == 0) open(convkitSample("cells.tif"));
Stack.getDimensions(w, h, c, z, t);
if (c != 3 && bitDepth() != 24) exit("This example's kernel expects 3 channels; this image has " + c + ".");
// weights [C_out=2, C_in=3, 3, 3]: channel 0 = x gradient of the mean, channel 1 = Laplacian of channel 1 minus channel 3
kernel = "[[[-1,0,1],[-2,0,2],[-1,0,1]], [[-1,0,1],[-2,0,2],[-1,0,1]], [[-1,0,1],[-2,0,2],[-1,0,1]]],"
	+ " [[[0,1,0],[1,-4,1],[0,1,0]], [[0,0,0],[0,0,0],[0,0,0]], [[0,-1,0],[-1,4,-1],[0,-1,0]]]";
run("Conv2D...", "kernel=[" + kernel + "] bias=[0, 100] stride=2 padding=same padding_mode=reflect");
getPixelSize(unit, pw, ph);
print("output: " + getTitle() + ", " + getWidth() + " x " + getHeight() + ", pixel size " + d2s(pw, 3));

// The sample beside this macro: ConvKit's samples/ folder next to its macros/ folder, found from
// wherever the macro runs (Plugins > Macros > Run..., or ImageJ -batch from any folder).
function convkitSample(name) {
	here = getInfo("macro.filepath");
	if (here != "" && here != "null") {
		path = File.getParent(File.getParent(here)) + File.separator + "samples" + File.separator + name;
		if (File.exists(path)) return path;
	}
	if (File.exists("samples" + File.separator + name)) return "samples" + File.separator + name;
	exit("ConvKit's sample " + name + " was not found beside this macro (" + here + ") nor in the folder ImageJ started in. "
		+ "Run the macro from the ConvKit folder's macros/ (Plugins > Macros > Run...), or give the image's path as its argument.");
}
