// ConvKit demo: the six padding modes side by side.
// Makes a small test image, pads it by 6 pixels in each mode (a 1x1 identity kernel, so the
// output IS the padded input; constant fills with value=45), puts the six results side by side
// and prints the report.
// Run: Plugins > Macros > Run..., or  ImageJ -batch padding_modes_demo.ijm [output.png]
out = getArgument();
setBatchMode(true);
newImage("pattern", "32-bit black", 16, 12, 1);
for (y = 0; y < 12; y++)
	for (x = 0; x < 16; x++)
		setPixel(x, y, x + 2 * y + 20 * (x < 4 && y < 4));  // a ramp with a bright corner block
src = getImageID();
modes = newArray("zeros", "reflect", "symmetric", "replicate", "circular", "constant");
for (i = 0; i < modes.length; i++) {
	selectImage(src);
	extra = "";
	if (modes[i] == "constant") extra = " value=45";
	run("Conv2D...", "kernel=identity padding=6 padding_mode=" + modes[i] + extra);
	rename(modes[i]);
	print(modes[i] + ": " + getWidth() + " x " + getHeight() + " (16 x 12 padded by 6 on every side)");
}
// side by side, 8x enlarged without interpolation, labelled
selectImage(src);
close();
run("Images to Stack", "name=modes title=[] use");
run("Make Montage...", "columns=" + modes.length + " rows=1 scale=1 border=2");
setMinAndMax(0, 60);
run("8-bit");
run("Size...", "width=" + (getWidth() * 8) + " height=" + (getHeight() * 8) + " interpolation=None");
run("Canvas Size...", "width=" + getWidth() + " height=" + (getHeight() + 30) + " position=Top-Left zero");
setColor(255);
setFont("SansSerif", 18, "antialiased");
for (i = 0; i < modes.length; i++)
	drawString(modes[i], 8 + i * getWidth() / modes.length, getHeight() - 6);
if (out != "") {
	saveAs("PNG", out);
	print("saved " + out);
}
setBatchMode("exit and display");
