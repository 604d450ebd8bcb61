package convkit.cli;

/** The text of {@code --help}. */
final class Usage {

	private Usage() {}

	static final String TEXT = String.join(System.lineSeparator(),
		"ConvKit: multi-channel, strided, padded, dilated convolution with PyTorch Conv2d semantics.",
		"",
		"usage:",
		"  java -jar ConvKit_.jar conv input=IN output=OUT kernel=K [options]",
		"  java -jar ConvKit_.jar calc layers=[conv k=3 s=1 p=1; maxpool k=2 s=2] size=224,224",
		"  java -jar ConvKit_.jar --help",
		"",
		"conv options (the same keys as the macro's run(\"Conv2D...\", ...); paste a recorded string):",
		"  input=FILE        .npy ([C,H,W] or [H,W]) or any image ImageJ opens (TIFF, ...)",
		"  output=FILE       .npy ([C,H,W] float32) or .tif; written whole or not at all",
		"  kernel=K          .npy/.csv/.txt file, preset or inline text; weights [C_out, C_in/groups, kH, kW],",
		"                    [kH, kW] (each channel on its own) or [C_in, kH, kW] (one output channel)",
		"                    presets: identity, box(n), gaussian(sigma), sobel_x, sobel_y, prewitt_x, prewitt_y,",
		"                    laplacian, sharpen, random(n, seed); text: [1 2 1; 2 4 2; 1 2 1] or [[1,2],[3,4]]",
		"  bias=B            .npy/.csv/.txt file or comma-separated numbers, one per output channel",
		"  stride=S|SX,SY    default 1",
		"  padding=P         P, PX,PY, L,R,T,B, same or valid; default 0",
		"  padding_mode=M    zeros, reflect (c b|a b c d|c b), symmetric (b a|a b c d|d c),",
		"                    replicate (a a|a b c d|d d), circular (c d|a b c d|a b); default zeros",
		"  dilation=D|DX,DY  default 1",
		"  groups=G          default 1",
		"  flip              true convolution (kernel rotated 180 degrees); default: correlation, as PyTorch",
		"  normalize         divide each output channel's kernel by its sum when it is not 0",
		"  channels=auto|slices  a plain stack's slices as channels (default: independent planes)",
		"  repeat=N          run N times and print 'timing: median_ms=... min_ms=... runs=N'",
		"  threads=N         worker threads (default: every core)",
		"",
		"calc options:",
		"  layers=[...]      layers separated by ';': conv|maxpool|avgpool k=K s=S p=P d=D, relu",
		"                    (per-axis values as x,y; padding in every form above)",
		"  size=N|W,H        input size",
		"",
		"Exit status: 0 success, 2 bad input, 1 read/write failure; errors are one line on stderr.",
		"");
}
