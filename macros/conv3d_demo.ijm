// ConvKit demo: Conv3D on a z-stack, seen in orthogonal views.
// Opens the sample stack (pixel 0.2 um, voxel depth 0.5 um), smooths it with a 3-D gaussian of
// sigma 0.5 um on every axis (2.5, 2.5 and 1 voxel: isotropic on anisotropic voxels), then puts
// an XY section (the middle slice) and an XZ section (the middle row, stretched to true aspect)
// of the input and of the output side by side.
// Run: Plugins > Macros > Run..., or  ImageJ -batch conv3d_demo.ijm "[path/to/stack.tif] [output.png]"
// Without a path it opens ConvKit's samples/nuclei3d.tif, found beside this macro wherever it is run from.
args = split(getArgument(), " ");
stack = "";
if (args.length > 0) stack = args[0];
if (stack == "") stack = convkitSample("nuclei3d.tif");
if (!File.exists(stack)) exit("No file " + stack + ": give the path of a z-stack as the macro's argument.");
setBatchMode(true);
open(stack);
src = getTitle();
run("Conv3D...", "kernel=[gaussian3d(2.5, 2.5, 1)] padding=same padding_mode=reflect");
out = getTitle();
getVoxelSize(pw, ph, pd, unit);
print("conv3d: " + out + ", " + getWidth() + " x " + getHeight() + " x " + nSlices + ", voxel " + pw + " x " + ph + " x " + pd + " " + unit);
sections(src, "in");
sections(out, "out");
// [XY in | XY out] over [XZ in | XZ out], 4x enlarged, labelled
scale = 4;
run("Combine...", "stack1=xy_in stack2=xy_out");
rename("top");
rowXZ = getHeight() * scale; // where the XZ row starts in the enlarged picture
run("Combine...", "stack1=xz_in stack2=xz_out");
rename("bottom");
run("Combine...", "stack1=top stack2=bottom combine");
run("Size...", "width=" + (getWidth() * scale) + " height=" + (getHeight() * scale) + " interpolation=None");
run("Canvas Size...", "width=" + getWidth() + " height=" + (getHeight() + 44) + " position=Top-Center zero");
run("RGB Color");
w = getWidth() / 2;
setColor(255, 255, 255);
drawLine(w, 0, w, getHeight() - 45);
drawLine(0, rowXZ, getWidth(), rowXZ);
setColor(255, 255, 0);
setFont("SansSerif", 16, "antialiased bold");
drawString("input, XY (middle slice)", 6, 22);
drawString("output, XY", w + 6, 22);
drawString("input, XZ (middle row)", 6, rowXZ + 22);
drawString("output, XZ", w + 6, rowXZ + 22);
setColor(255, 255, 255);
setFont("SansSerif", 13, "antialiased");
drawString("Conv3D kernel=[gaussian3d(2.5, 2.5, 1)] padding=same padding_mode=reflect", 6, getHeight() - 24);
drawString("sigma 0.5 um on every axis; voxels 0.2 x 0.2 x 0.5 um; XZ drawn at its true aspect", 6, getHeight() - 6);
if (args.length > 1) {
	saveAs("PNG", args[1]);
	print("saved " + args[1]);
}

// The middle XY slice and the middle XZ row of image t, as 8-bit images named xy_<s> and xz_<s>.
function sections(t, s) {
	selectImage(t);
	w = getWidth(); h = getHeight(); d = nSlices;
	getVoxelSize(pw, ph, pd, unit);
	setSlice(floor(d / 2) + 1);
	run("Duplicate...", "title=xy_" + s);
	resetMinAndMax();
	run("Enhance Contrast", "saturated=0.2");
	run("8-bit");
	selectImage(t);
	newImage("xz_" + s, "32-bit black", w, d, 1);
	for (z = 0; z < d; z++) {
		selectImage(t);
		setSlice(z + 1);
		row = newArray(w);
		for (x = 0; x < w; x++) row[x] = getPixel(x, floor(h / 2));
		selectImage("xz_" + s);
		for (x = 0; x < w; x++) setPixel(x, z, row[x]);
	}
	run("Size...", "width=" + w + " height=" + round(d * pd / pw) + " interpolation=Bilinear");
	run("Enhance Contrast", "saturated=0.2");
	run("8-bit");
}

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
