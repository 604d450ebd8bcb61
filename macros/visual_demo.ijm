// ConvKit demo: the pictures of convolution. Makes the animation of a 3x3 kernel sliding over a
// 5x5 input with stride 2 and one pixel of reflect padding, the same from a 16-bit image's values
// (use_image), the padding-modes picture and the effective receptive field of two 3x3 box layers
// after a dilated one.
// Run: ImageJ -batch visual_demo.ijm [folder for PNG files]
folder = getArgument();
setBatchMode(true);
run("Conv Animation...", "width=5 height=5 kernel=3 stride=2 padding=1 padding_mode=reflect dilation=1 input_channels=1");
print("animation: " + nSlices + " frames, " + getWidth() + " x " + getHeight());
if (folder != "") {
	run("Make Montage...", "columns=3 rows=1 scale=1 first=1 last=9 increment=4 border=4");
	saveAs("PNG", folder + File.separator + "animation_frames.png");
	close();
}
run("Padding Modes Picture");
print("padding picture: " + getWidth() + " x " + getHeight());
if (folder != "") {
	run("Flatten");
	saveAs("PNG", folder + File.separator + "padding_picture.png");
	close();
}
run("Effective Receptive Field...", "layers=[conv k=3 d=2; conv k=3; conv k=3]");
print("effective field: " + (getWidth() - 4) + " x " + (getHeight() - 4));
if (folder != "") {
	run("Size...", "width=" + (getWidth() * 20) + " height=" + (getHeight() * 20) + " interpolation=None");
	run("Fire");
	run("Flatten");
	saveAs("PNG", folder + File.separator + "effective_field.png");
}
// the animation over a 16-bit image's own values: a dilated 3x3 kernel, reflect padding of 2
newImage("values16", "16-bit black", 7, 5, 1);
for (y = 0; y < 5; y++) for (x = 0; x < 7; x++) setPixel(x, y, 1000 * x + 7000 * y + 123);
run("Conv Animation...", "width=5 height=5 kernel=3 stride=1 padding=2 padding_mode=reflect dilation=2 input_channels=1 use_image");
print("use_image animation: " + nSlices + " frames, " + getWidth() + " x " + getHeight());
if (folder != "") {
	setSlice(9);
	run("Duplicate...", "title=frame9");
	saveAs("PNG", folder + File.separator + "animation_use_image.png");
	close();
}
