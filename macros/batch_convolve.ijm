// ConvKit: convolve every image of a folder and write 32-bit TIFFs to another folder.
// Works with or without a display, also truly headless:
//   ImageJ -batch batch_convolve.ijm "input=/data/in output=/data/out options=[kernel=/data/w.npy stride=2 padding=same]"
//   java -Djava.awt.headless=true -Dplugins.dir=<Fiji.app> -cp ij.jar ij.ImageJ -batch batch_convolve.ijm "..."
// Keys: input (folder), output (folder, made if missing), suffix (default .tif), options (the Conv2D
// keys; use a kernel file or a preset there, since values in [ ] end at the first ']').
// Each output is written under a temporary name and renamed, so no half-written file is left.
// It opens no windows (call("convkit.ij.MacroCalls.convolveFile", in, out, options) per file).
// For thousands of files, bad files and resuming, prefer the command line: java -jar ConvKit_.jar batch ...
args = getArgument() + " ";
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
suffix = call("ij.Macro.getValue", args, "suffix", ".tif");
options = call("ij.Macro.getValue", args, "options", "");
if (input == "" || output == "" || options == "")
	exit("usage: -batch batch_convolve.ijm \"input=DIR output=DIR options=[kernel=... stride=...]\"");
if (!File.isDirectory(input)) exit("input folder '" + input + "' does not exist");
File.makeDirectory(output);
if (!File.isDirectory(output)) exit("output folder '" + output + "' could not be made");
list = getFileList(input);
Array.sort(list);
done = 0;
for (i = 0; i < list.length; i++) {
	name = list[i];
	if (!endsWith(name, suffix)) continue;
	target = output + File.separator + File.getNameWithoutExtension(name) + ".tif";
	shape = call("convkit.ij.MacroCalls.convolveFile", input + File.separator + name, target, options);
	done++;
	print("[" + done + "] " + name + " -> " + target + " " + shape);
}
print("batch_convolve: " + done + " files written to " + output);
