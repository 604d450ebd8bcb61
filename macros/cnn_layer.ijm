// ConvKit example: one CNN layer on the active image.
// Two output channels from every input channel, 3x3, stride 2, 'same' padding with reflection,
// then the report of sizes and receptive field. Use a 3-channel image (e.g. samples/cells.tif).
if (nImages == 0) exit("Open a 3-channel image first (for example samples/cells.tif).");
Stack.getDimensions(w, h, c, z, t);
if (c != 3 && bitDepth() != 24) exit("This example's kernel expects 3 channels; this image has " + c + ".");
// weights [C_out=2, C_in=3, 3, 3]: channel 0 = x gradient of the mean, channel 1 = Laplacian of channel 1 minus channel 3
kernel = "[[[-1,0,1],[-2,0,2],[-1,0,1]], [[-1,0,1],[-2,0,2],[-1,0,1]], [[-1,0,1],[-2,0,2],[-1,0,1]]],"
	+ " [[[0,1,0],[1,-4,1],[0,1,0]], [[0,0,0],[0,0,0],[0,0,0]], [[0,-1,0],[-1,4,-1],[0,-1,0]]]";
run("Conv2D...", "kernel=[" + kernel + "] bias=[0, 100] stride=2 padding=same padding_mode=reflect");
getPixelSize(unit, pw, ph);
print("output: " + getTitle() + ", " + getWidth() + " x " + getHeight() + ", pixel size " + d2s(pw, 3));
