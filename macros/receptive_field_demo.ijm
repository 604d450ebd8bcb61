// ConvKit demo: receptive fields of two Conv2D layers in a row, drawn on the input.
// Opens the sample (or uses the active image), applies a 3x3 stride-2 layer and a dilated 3x3
// layer, selects three output pixels, draws their receptive fields on the input, and shows the
// Conv Calculator table for the same stack.
// Run: Plugins > Macros > Run..., or  ImageJ -batch receptive_field_demo.ijm "[image.tif] [/path/to/picture.png]"
// With no image open and no path it opens ConvKit's samples/cells.tif, found beside this macro.
args = split(getArgument(), " ");
if (nImages == 0) {
	if (args.length == 0 || args[0] == "") open(convkitSample("cells.tif"));
	else open(args[0]);
}
setBatchMode(true);
src = getTitle();
run("Conv2D...", "kernel=box(3) stride=2 padding=1");
run("Conv2D...", "kernel=[0 1 0; 1 1 1; 0 1 0] dilation=5 padding=5");
makeSelection("point", newArray(2, 40, 90), newArray(10, 45, 70));
run("Receptive Field Overlay");
for (i = 0; i < Table.size("Receptive Fields"); i++)
	print("output (" + Table.get("Output X", i, "Receptive Fields") + ", " + Table.get("Output Y", i, "Receptive Fields")
		+ "): input x " + Table.get("First X", i, "Receptive Fields") + ".." + Table.get("Last X", i, "Receptive Fields")
		+ ", y " + Table.get("First Y", i, "Receptive Fields") + ".." + Table.get("Last Y", i, "Receptive Fields")
		+ ", padding: " + Table.getString("In padding", i, "Receptive Fields"));
selectImage(src);
run("Conv Calculator...", "layers=[conv k=3 s=2 p=1; conv k=3 d=5 p=5] size=" + getWidth() + "," + getHeight());
if (args.length > 1) {
	selectImage(src);
	run("Scale...", "x=3 y=3 interpolation=None create title=zoomed");
	run("Flatten");
	saveAs("PNG", args[1]);
	print("saved " + args[1]);
	Table.save(replace(args[1], ".png", ".csv"), "Conv Calculator");
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
