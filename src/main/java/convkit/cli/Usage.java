package convkit.cli;

import convkit.options.OptionKey;

/**
 * The text of {@code --help}, whole and per command ({@code conv --help}, ...). Every example
 * pastes into bash as it is: values with brackets, parentheses, spaces or ';' are in quotes.
 */
final class Usage {

	private Usage() {}

	private static final String NL = System.lineSeparator();

	private static String lines(String... l) {
		return String.join(NL, l) + NL;
	}

	static final String CONV = lines(
		"conv: Conv2D of one file, as PyTorch's nn.Conv2d computes it (correlation; pairs are x,y = width,height).",
		"  java -jar ConvKit_.jar conv input=IN output=OUT kernel=K [options]",
		"  e.g. java -jar ConvKit_.jar conv input=cells.tif output=cells-conv.tif 'kernel=[sobel_x]' stride=2 padding=same",
		"")
		+ OptionKey.helpLines(OptionKey.INPUT, OptionKey.WARMUP, NL)
		+ lines("  presets: identity, box(n), gaussian(sigma), sobel_x, sobel_y, prewitt_x, prewitt_y, laplacian, sharpen,",
			"  random(n, seed); kernel text: '[1 2 1; 2 4 2; 1 2 1]' or '[[1,2],[3,4]]'. With no ImageJ beside the jar the",
			"  inputs read are TIFF, PNG, JPEG, BMP and GIF.");

	static final String CONV3D = lines(
		"conv3d: Conv3D of one file, as PyTorch's nn.Conv3d computes it (triples are x,y,z = width,height,depth).",
		"  java -jar ConvKit_.jar conv3d input=IN output=OUT kernel=K [options]",
		"  e.g. java -jar ConvKit_.jar conv3d input=stack.tif output=smooth.tif 'kernel=[gaussian3d(2, 2, 0.7)]' padding=same padding_mode=reflect",
		"",
		"  input=FILE        .npy ([C,D,H,W] or [D,H,W]) or a TIFF (hyper)stack: channels = C, slices = depth,",
		"                    frames convolved one by one; a streamed stack (see conv's stream=) a slab of planes at a time",
		"  output=FILE       .npy ([C,D,H,W] float32, one frame) or .tif (a hyperstack, calibrated in x, y, z)",
		"  kernel=K          .npy/.csv/.txt file, preset or nested lists; weights [C_out, C_in/groups, kD, kH, kW],",
		"                    [kD, kH, kW] (each channel on its own) or [C_in, kD, kH, kW] (one output channel)",
		"                    presets: box3d(n) or box3d(x,y,z), gaussian3d(sigma) or gaussian3d(sx,sy,sz)",
		"  bias=B            as for conv",
		"  stride=S|SX,SY,SZ, dilation=D|DX,DY,DZ   default 1",
		"  padding=P         P, PX,PY,PZ, L,R,T,B,F,K (F,K = front, back in z), same, same_lower or valid; default 0",
		"  padding_mode, value, groups, flip, normalize, method, output_type, convert, repeat, threads, stream",
		"                    as for conv (see conv --help)");

	static final String BATCH = lines(
		"batch: conv (or a layer stack) on every matching file of a folder.",
		"  java -jar ConvKit_.jar batch input=DIR output=DIR [pattern=GLOB] [recursive] [skip_existing] kernel=K [conv options]",
		"  java -jar ConvKit_.jar batch input=DIR output=DIR [pattern=GLOB] ... 'layers=[LAYER; ...]' | layers=@stack.txt",
		"  e.g. java -jar ConvKit_.jar batch input=raw output=edges 'pattern=*.{tif,png}' 'kernel=[sobel_x]' padding=same",
		"",
		"  input=DIR, output=DIR  every matching file is written under the same relative name (.npy stays .npy,",
		"                    TIFF stays TIFF, other images become .tif); the log convkit-batch-log.csv goes to",
		"                    the output folder, which must not be or lie inside the input folder",
		"  pattern=GLOB      file names to take (default *.tif; e.g. '*.{tif,png}'); hidden files and folders skipped",
		"  recursive         look in subfolders too",
		"  skip_existing     leave files whose output exists (resumes an interrupted run; the log is appended)",
		"  every conv option but input, output and repeat (see conv --help); or layers= as for stack (see stack --help),",
		"                    each file run whole through the stack, with threads= and stream=",
		"  A file that fails is logged with the reason and the rest go on; exit status 1 if any failed.");

	static final String CALC = lines(
		"calc: sizes and receptive fields of a stack of layers, per axis.",
		"  java -jar ConvKit_.jar calc 'layers=[LAYER; LAYER; ...]' size=N|W,H|W,H,D [pixel=X,Y|X,Y,Z]",
		"  e.g. java -jar ConvKit_.jar calc 'layers=[conv k=3 s=1 p=1; maxpool k=2 s=2]' size=224,224",
		"",
		"  layers=[...]      layers separated by ';': conv|convt k=K s=S p=P d=D (convt: op=OP), maxpool|avgpool k s p d ceil,",
		"                    bn, relu, leakyrelu; w=FILE.npy gives a conv's kernel size; the stack text of 'stack' pastes as it is",
		"                    (per-axis values as x,y or x,y,z; padding in every form conv takes)",
		"  size=N|W,H|W,H,D  input size (three values for 3-D layers)",
		"  pixel=X,Y(,Z)     the input pixels one output pixel of the last layer depends on (where its gradient is non-zero)",
		"  rf, jump, start   exact fractions (1/2) once a transposed layer divides the jump",
		"  halo_lo, halo_hi  exact tiles: output pixels [a, b) read input pixels [a*jump - halo_lo, (b-1)*jump + halo_hi];",
		"                    tiles with that halo (beyond the image: the padding) equal the whole image bit for bit");

	static final String STACK = lines(
		"stack: a stack of layers on one file, as PyTorch's nn.Sequential runs it (conv, convt, pools, bn, relu).",
		"  java -jar ConvKit_.jar stack input=IN output=OUT.tif|OUT.npy 'layers=[LAYER; LAYER; ...]' | layers=@stack.txt",
		"  e.g. java -jar ConvKit_.jar stack input=cells.tif output=block.npy 'layers=[conv w=w.npy b=b.npy p=1; relu; maxpool k=2]'",
		"",
		"  input=FILE        .npy ([C,H,W], a batch [N,C,H,W]; 3-D: [C,D,H,W]) or an image; each (z, t) plane",
		"                    (3-D: each frame) runs through the stack",
		"  output=FILE       the last layer's output: .npy float32 ([N, ...] for a batch), or .tif/.tiff, a 32-bit",
		"                    hyperstack with its receptive-field geometry and a calibration over the input",
		"  layers=[...]      layers separated by ';' or new lines; @FILE reads them from FILE (names relative to it):",
		"    conv      w=FILE (weights [C_out, C_in/g, (kD,) kH, kW]; the kernel size comes from them) b=FILE s= p= d= g=",
		"              mode=zeros|reflect|symmetric|replicate|circular|constant value=",
		"    convt     w=FILE ([C_in, C_out/g, (kD,) kH, kW]) b=FILE s= p= op= (output padding) d= g=",
		"    maxpool   k= s= (default k) p= d= ceil=0|1        avgpool  k= s= p= ceil=0|1 cip=0|1 (count_include_pad)",
		"    bn        mean=FILE var=FILE w=FILE b=FILE eps=   (eval mode)      relu, leakyrelu slope=",
		"                    per-axis values x,y(,z) or PyTorch's (H, W); a 5-D weight makes a 3-D stack; a name with",
		"                    spaces in brackets: w=[my weights.npy]",
		"  repeat=N, threads=N, stream=auto|yes|no   as for conv (a 2-D stack streams a TIFF stack plane by plane;",
		"                    a 3-D stack holds one frame's volume)");

	static final String TEXT = lines(
		"ConvKit: multi-channel, strided, padded, dilated convolution with PyTorch Conv2d/Conv3d semantics.",
		"",
		"usage:",
		"  java -jar ConvKit_.jar conv input=IN output=OUT kernel=K [options]",
		"  java -jar ConvKit_.jar conv3d input=IN output=OUT kernel=K [options]",
		"  java -jar ConvKit_.jar batch input=DIR output=DIR [pattern=GLOB] [recursive] [skip_existing] kernel=K [options]",
		"  java -jar ConvKit_.jar stack input=IN output=OUT.npy 'layers=[conv w=W.npy p=1; relu; maxpool k=2]'",
		"  java -jar ConvKit_.jar calc 'layers=[conv k=3 s=1 p=1; maxpool k=2 s=2]' size=224,224",
		"  java -jar ConvKit_.jar COMMAND --help   (one command's options)",
		"")
		+ CONV + NL + CONV3D + NL + STACK + NL + BATCH + NL + CALC + NL
		+ lines("Exit status: 0 success, 2 bad input, 1 read/write failure (batch: some file failed); one line on stderr each.");

	/** The help of {@code command} (conv, conv3d, stack, batch, calc); null for anything else. */
	static String of(String command) {
		switch (command) {
			case "conv": return CONV;
			case "conv3d": return CONV3D;
			case "batch": return BATCH;
			case "calc": return CALC;
			case "stack": return STACK;
			default: return null;
		}
	}
}
