/**
 * The runner between the front ends and the engine: every route — the menu commands, macro
 * calls, the SciJava commands, the command line and the folder batch — describes what to compute
 * ({@link convkit.run.ConvJob}), where the inputs come from ({@link convkit.run.PositionSource})
 * and where the outputs go ({@link convkit.run.PositionSink}), and {@link convkit.run.ConvRunner}
 * does the rest the same way for all: plan, prepare, memory check, batches, progress,
 * cancellation, output policy and geometry. Imports nothing from ImageJ.
 */
package convkit.run;
