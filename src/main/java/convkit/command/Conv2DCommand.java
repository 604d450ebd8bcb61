package convkit.command;

import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/**
 * Conv2D from file to file, for Fiji scripts ({@code #@ CommandService}) and
 * {@code ImageJ-linux64 --headless --run convkit.command.Conv2DCommand "input=...,output=...,kernel=..."}.
 * Parameters: see {@link FileConvolutionCommand}.
 */
@Plugin(type = Command.class, name = "ConvKit Conv2D", label = "ConvKit Conv2D (file to file)", headless = true)
public class Conv2DCommand extends FileConvolutionCommand {

	@Override
	protected int rank() {
		return 2;
	}
}
