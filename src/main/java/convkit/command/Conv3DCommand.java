package convkit.command;

import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/**
 * Conv3D from file to file (a {@code .npy} {@code [C, D, H, W]} or a TIFF hyperstack), for Fiji
 * scripts and {@code --headless --run convkit.command.Conv3DCommand "input=...,output=...,kernel=..."}.
 * Parameters: see {@link FileConvolutionCommand}; per-axis values are x,y,z.
 */
@Plugin(type = Command.class, name = "ConvKit Conv3D", label = "ConvKit Conv3D (file to file)", headless = true)
public class Conv3DCommand extends FileConvolutionCommand {

	@Override
	protected int rank() {
		return 3;
	}
}
